import {
  type Catalog,
  type MessageKey,
  type MessageValues,
  catalogs,
  t,
  planYear,
} from '../../cards';
import type { QualityFlag } from '../domain/koonti';
import type { Lang } from '../domain/localized-text';
import type { ChangeBy2029, Concrete, Plan } from '../domain/answers/measure';
import type { OrganisationAnswers, Rating } from '../domain/answers/organisation-answers';
import type { ResponseState } from '../domain/answers/response';
import type { OrganisationKind, Round } from '../domain/round';

type TextField = Exclude<
  keyof OrganisationAnswers,
  'dataFromCounty' | 'expertSupport' | 'networksWork'
>;

/** The catalog names every value the report shows: a missing one fails the type check. */
type Covering<
  T extends {
    flag: Record<QualityFlag, string>;
    plan: Record<Plan, string>;
    concrete: Record<Concrete, string>;
    change: Record<ChangeBy2029, string>;
    kind: Record<OrganisationKind, string>;
    kindPlural: Record<OrganisationKind, string>;
    rating: Record<Rating | 'unanswered', string>;
    field: Record<TextField, string>;
    state: Record<ResponseState, string>;
  },
> = T;

/**
 * The report's labels in one language: the `report` part of the one message catalog, each
 * already formatted (Finnish where a language lacks one). Messages with values live under
 * `report.line` and are formatted with `t` at their call site.
 */
export type ReportStrings = Covering<Omit<Catalog['report'], 'line'>>;

function formatted(lang: Lang, node: unknown, prefix: string, values: MessageValues): unknown {
  if (typeof node === 'string') return t(lang, prefix as MessageKey, values);
  return Object.fromEntries(
    Object.entries(node as object).map(([k, v]) => [
      k,
      formatted(lang, v, `${prefix}.${k}`, values),
    ]),
  );
}

const built = new Map<string, ReportStrings>();

/**
 * The report's labels in `lang` for a round: those naming the plan's end ("change by
 * {year}") take the round's `planPeriod.to`. Built once per language and year.
 */
export function reportStrings(lang: Lang, round: Pick<Round, 'planPeriod'>): ReportStrings {
  const values = planYear(round);
  const key = `${lang}|${values.year}`;
  let s = built.get(key);
  if (!s) {
    const plain: Partial<Catalog['report']> = { ...catalogs.fi.report };
    delete plain.line;
    built.set(key, (s = formatted(lang, plain, 'report', values) as ReportStrings));
  }
  return s;
}
