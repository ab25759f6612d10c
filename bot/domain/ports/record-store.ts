import { z } from 'zod';

/** How a round's koonti left the system: through a signed link, or the operator CLI. */
export const DisclosureVia = z.enum(['link', 'cli']);

/**
 * One disclosure of a round's koonti (Act 906/2019 §17: disclosures are logged): a report
 * page view or download through a signed link, or a CLI export.
 */
export const Disclosure = z.object({
  roundId: z.string().max(63),
  at: z.iso.datetime(),
  via: DisclosureVia,
  /** `html` (the page), `csv`, `xlsx`, `md`, `docx`, `points.csv`; `contacts.xlsx` (the contact list). */
  format: z.string().max(20),
  /** Which posted link was used: a digest of its signature, never the signature itself. */
  linkId: z.string().max(40).optional(),
  /** Until when that link works. */
  linkExpires: z.iso.datetime().optional(),
  /** The client's address cut to its network: /24 for IPv4, /48 for IPv6. */
  client: z.string().max(60).optional(),
  userAgent: z.string().max(300).optional(),
  /** The language asked for (`?lang=` or `--lang`). */
  lang: z.string().max(5).optional(),
  /** For the CLI: the operator's login on the machine it ran on. */
  operator: z.string().max(200).optional(),
});
export type Disclosure = z.infer<typeof Disclosure>;

/** The record's own rows: the disclosures of each round, and the key pseudonyms are made with. */
export interface RecordStore {
  /** Keeps disclosures, each a row of its own (those of one round written together). */
  disclose(entries: readonly Disclosure[]): Promise<void>;
  /** A round's disclosures, oldest first. */
  disclosures(roundId: string): Promise<Disclosure[]>;
  /** The installation's pseudonym key (hex), made once on first use and kept. */
  pseudonymKey(): Promise<string>;
  deleteRound(roundId: string): Promise<void>;
}
