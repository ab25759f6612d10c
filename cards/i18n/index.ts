import type { Lang } from '../../bot/domain/localized-text';
import en from './en.json';
import fi from './fi.json';
import sv from './sv.json';

/** The Finnish catalog is the reference: every other catalog has exactly its keys. */
export type Catalog = typeof fi;
export const catalogs: Record<Lang, Catalog> = { fi, sv, en };

type Paths<T, P extends string = ''> = {
  [K in keyof T & string]: T[K] extends string ? `${P}${K}` : Paths<T[K], `${P}${K}.`>;
}[keyof T & string];
/** A dotted message key such as `help.title`. */
export type MessageKey = Paths<Catalog>;

function lookup(catalog: unknown, key: string): string | undefined {
  let node: unknown = catalog;
  for (const part of key.split('.')) {
    node = node && typeof node === 'object' ? (node as Record<string, unknown>)[part] : undefined;
  }
  return typeof node === 'string' ? node : undefined;
}

/** The message `key` in `lang` (falling back to Finnish), with `{name}` placeholders filled. */
export function t(
  lang: Lang,
  key: MessageKey,
  params: Record<string, string | number> = {},
): string {
  const template = lookup(catalogs[lang], key) ?? lookup(catalogs.fi, key) ?? key;
  return template.replace(/\{(\w+)\}/g, (whole, name: string) =>
    name in params ? String(params[name]) : whole,
  );
}

/** Every dotted key of a catalog (used to check the catalogs stay in step). */
export function catalogKeys(catalog: unknown, prefix = ''): string[] {
  if (!catalog || typeof catalog !== 'object') return [];
  return Object.entries(catalog).flatMap(([k, v]) =>
    typeof v === 'string' ? [`${prefix}${k}`] : catalogKeys(v, `${prefix}${k}.`),
  );
}
