import { type Catalog, type MessageKey, catalogs, t } from '../../cards/i18n';
import type { Lang } from '../domain/localized-text';

/**
 * The report's labels in one language: the `report` part of the one message catalog, each
 * already formatted (Finnish where a language lacks one). Messages with values live under
 * `report.line` and are formatted with `t` at their call site.
 */
export type ReportStrings = Omit<Catalog['report'], 'line'>;

function formatted(lang: Lang, node: unknown, prefix: string): unknown {
  if (typeof node === 'string') return t(lang, prefix as MessageKey);
  return Object.fromEntries(
    Object.entries(node as object).map(([k, v]) => [k, formatted(lang, v, `${prefix}.${k}`)]),
  );
}

const built = new Map<Lang, ReportStrings>();
function labels(lang: Lang): ReportStrings {
  let s = built.get(lang);
  if (!s) {
    const plain: Partial<Catalog['report']> = { ...catalogs.fi.report };
    delete plain.line;
    built.set(lang, (s = formatted(lang, plain, 'report') as ReportStrings));
  }
  return s;
}

/** The report's labels in every language hyte-bot speaks, built on first use. */
export const reportStrings: Readonly<Record<Lang, ReportStrings>> = {
  get fi() {
    return labels('fi');
  },
  get sv() {
    return labels('sv');
  },
  get en() {
    return labels('en');
  },
};
