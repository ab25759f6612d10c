import { type Catalog, type MessageKey, catalogs, t } from '../../cards/i18n';
import type { QualityFlag } from '../domain/koonti';
import type { Lang } from '../domain/localized-text';
import type { ChangeBy2029, Concrete, Plan } from '../domain/measure';
import type { OrganisationAnswers, Rating } from '../domain/organisation-answers';
import type { ResponseState } from '../domain/response';
import type { OrganisationKind } from '../domain/round';

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
