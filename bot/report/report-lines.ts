import { type Catalog, type MessageValues, t } from '../../cards';
import type { Lang } from '../domain/localized-text';

/** `A → B: 2 measures`, a line of the cooperation map. */
export function linkText(lang: Lang, from: string, to: string, measures: number): string {
  return t(lang, 'report.line.linkLine', {
    from,
    to,
    measures: t(lang, 'count.measures', { count: measures }),
  });
}

/** `3 measures, 2 organisations` under a goal. */
export function goalSummary(lang: Lang, measures: number, organisations: number): string {
  return t(lang, 'report.line.goalSummary', {
    measures: t(lang, 'count.measures', { count: measures }),
    organisations: t(lang, 'count.organisations', { count: organisations }),
  });
}

/** A report line with values (`report.line.*` in the catalog), e.g. `3/5 organisations answered`. */
export function reportLine(
  lang: Lang,
  key: keyof Catalog['report']['line'],
  values: MessageValues,
): string {
  return t(lang, `report.line.${key}`, values);
}
