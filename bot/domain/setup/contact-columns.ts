import type { Lang } from '../localized-text';
import type { OrganisationKind } from '../round';

/** The columns of a contact list, by the field each fills. */
export type ContactColumn = 'name' | 'id' | 'kind' | 'language' | 'tenantId' | 'respondents';

/** Headers as the bot writes them (Finnish first), and those it reads too. */
export const CONTACT_HEADERS: Record<ContactColumn, { written: string; read: string[] }> = {
  name: {
    written: 'Organisaatio',
    read: ['organisaatio', 'name', 'organisation', 'organization', 'namn'],
  },
  id: { written: 'Tunnus', read: ['tunnus', 'id'] },
  kind: { written: 'Tyyppi', read: ['tyyppi', 'kind', 'typ', 'type'] },
  language: { written: 'Kieli', read: ['kieli', 'language', 'språk'] },
  tenantId: { written: 'Tenant', read: ['tenant', 'tenantid', 'tenant id', 'vuokraaja'] },
  respondents: {
    written: 'Vastaajat',
    read: ['vastaajat', 'respondents', 'respondenter', 'svarande'],
  },
};

export const CONTACT_COLUMNS = Object.keys(CONTACT_HEADERS) as ContactColumn[];

/** The field a header names (case and spaces aside), if any. */
export function columnOf(header: string): ContactColumn | undefined {
  const h = header.trim().toLowerCase().replace(/\s+/g, ' ');
  return CONTACT_COLUMNS.find((c) => CONTACT_HEADERS[c].read.includes(h));
}

/** Kind words, Finnish as written; English values and Swedish words are read too. */
export const KIND_WORDS: Record<OrganisationKind, { written: string; read: string[] }> = {
  municipality: { written: 'kunta', read: ['kunta', 'municipality', 'kommun'] },
  county: {
    written: 'hyvinvointialue',
    read: ['hyvinvointialue', 'county', 'wellbeing services county', 'välfärdsområde'],
  },
  ngo: { written: 'järjestö', read: ['järjestö', 'jarjesto', 'ngo', 'organisation', 'förening'] },
  other: { written: 'muu', read: ['muu', 'other', 'annan', 'övrig'] },
};

export function kindOf(word: string): OrganisationKind | undefined {
  const w = word.trim().toLowerCase();
  return (Object.keys(KIND_WORDS) as OrganisationKind[]).find((k) =>
    KIND_WORDS[k].read.includes(w),
  );
}

const LANG_WORDS: Record<Lang, string[]> = {
  fi: ['fi', 'suomi', 'finnish', 'finska'],
  sv: ['sv', 'ruotsi', 'swedish', 'svenska'],
  en: ['en', 'englanti', 'english', 'engelska'],
};

export function languageOf(word: string): Lang | undefined {
  const w = word.trim().toLowerCase();
  return (Object.keys(LANG_WORDS) as Lang[]).find((l) => LANG_WORDS[l].includes(w));
}

/** The spreadsheet letter of a 0-based column (0 → A, 26 → AA). */
export function columnLetter(index: number): string {
  let n = index + 1;
  let out = '';
  while (n > 0) {
    const r = (n - 1) % 26;
    out = String.fromCharCode(65 + r) + out;
    n = Math.floor((n - 1) / 26);
  }
  return out;
}
