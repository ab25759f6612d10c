import { z } from 'zod';

/** The languages hyte-bot speaks; Finnish is the default and the fallback. */
export const Lang = z.enum(['fi', 'sv', 'en']);
export type Lang = z.infer<typeof Lang>;

export const LANGS: readonly Lang[] = Lang.options;

/** Text in Finnish, optionally Swedish and English (missing ones fall back to Finnish). */
export const LocalizedText = z
  .object({
    fi: z.string().trim().min(1, 'required').max(2000),
    sv: z.string().trim().min(1).max(2000).optional(),
    en: z.string().trim().min(1).max(2000).optional(),
  })
  .strict();
export type LocalizedText = z.infer<typeof LocalizedText>;

/** Picks the text for `lang`, falling back to Finnish. */
export function localize(text: LocalizedText, lang: Lang): string {
  return text[lang] ?? text.fi;
}

/** Maps a Teams/BCP 47 locale such as `sv-FI` or `en-US` to a supported language. */
export function langFromLocale(locale: string | undefined): Lang | undefined {
  const primary = locale?.toLowerCase().split(/[-_]/)[0];
  return Lang.safeParse(primary).success ? (primary as Lang) : undefined;
}

/** The language of a locale when it is one of ours, else `fallback` (Finnish unless told). */
export function langOf(locale: string | undefined, fallback: Lang = 'fi'): Lang {
  return langFromLocale(locale) ?? fallback;
}
