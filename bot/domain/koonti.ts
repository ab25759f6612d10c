import { isUntouchedCarry } from './answers/carry-over';
import { countFollowUp, emptyFollowUp, type FollowUpCounts } from './answers/follow-up';
import type { Measure } from './answers/measure';
import type { OrganisationAnswers, Rating } from './answers/organisation-answers';
import type { OrganisationSheet } from './ports';
import type { ResponseState } from './answers/response';
import type { Goal, Organisation, OrganisationKind, Round } from './round';
import type { PointsByGoal, WorkshopPoint } from './workshop-records';

/** What the coordinator and the council should look at twice. */
export const QUALITY_FLAGS = [
  'noOwner',
  'noMetric',
  'noPartner',
  'notConcrete',
  'noChangeBy2029',
] as const;
export type QualityFlag = (typeof QUALITY_FLAGS)[number];

export interface KoontiMeasure {
  measure: Measure;
  organisation: Pick<Organisation, 'id' | 'name' | 'kind'>;
  /** Partner organisations named from the round's list, by name, in round order. */
  partners: Array<Pick<Organisation, 'id' | 'name'>>;
  flags: QualityFlag[];
  /** Saved but not submitted (only in a koonti that includes drafts): marked as such everywhere. */
  draft: boolean;
}

export interface KoontiGoal {
  goal: Goal;
  measures: KoontiMeasure[];
  /** Organisations with at least one measure under the goal. */
  organisationIds: string[];
  flagCounts: Record<QualityFlag, number>;
  /** True when no measure under the goal names a partner: no *yhdyspintatyö* visible. */
  noCooperation: boolean;
  /** What the meeting's workshop thread of this goal raised, in the order received. */
  points: readonly WorkshopPoint[];
  /** Carried measures by progress, new ones, and the dropped ones with their reasons. */
  followUp: FollowUpCounts;
}

/** One "A names B as a partner" link of the cooperation map. */
export interface CooperationLink {
  from: string;
  to: string;
  goalIds: string[];
  measures: number;
}

export type RatingCounts = Record<Rating | 'unanswered', number>;

export interface KoontiOrganisationAnswers {
  ratings: Record<'dataFromCounty' | 'expertSupport' | 'networksWork', RatingCounts>;
  /** Free texts by organisation, for the council to read in full. */
  texts: Array<{
    organisationId: string;
    organisationName: string;
    field: keyof OrganisationAnswers;
    text: string;
  }>;
}

export interface Koonti {
  round: Round;
  generatedAt: string;
  includeDrafts: boolean;
  totals: {
    organisations: number;
    submitted: number;
    draft: number;
    notAnswered: number;
    measures: number;
    responseRate: number;
    byKind: Record<OrganisationKind, { organisations: number; submitted: number }>;
  };
  goals: KoontiGoal[];
  cooperation: { links: CooperationLink[]; goalsWithoutCooperation: string[] };
  notAnswered: Array<{ id: string; name: string; state: ResponseState }>;
  organisationAnswers: KoontiOrganisationAnswers;
  /** The round's follow-up summed over its goals; `fromRoundId` is the round's previousRound. */
  followUp: FollowUpCounts & { fromRoundId?: string };
}

const TEXT_FIELDS = [
  'dataFromCountyComment',
  'expertSupportComment',
  'networksWorkComment',
  'dropFromPlan',
  'addToPlan',
  'comments',
] as const satisfies ReadonlyArray<keyof OrganisationAnswers>;

export function measureFlags(m: Measure): QualityFlag[] {
  const flags: QualityFlag[] = [];
  if (!m.owner.trim()) flags.push('noOwner');
  if (!m.metrics.trim()) flags.push('noMetric');
  if (m.partners.length === 0 && !m.partnersOther.trim()) flags.push('noPartner');
  if (m.concrete === 'no') flags.push('notConcrete');
  if (m.changeBy2029 === 'no') flags.push('noChangeBy2029');
  return flags;
}

function stateOf(sheet: OrganisationSheet | undefined): ResponseState {
  if (!sheet) return 'not-reached';
  const stored = sheet.response?.value.state;
  // Measures carried in on import are not an answer until someone saves one.
  const answered = sheet.measures.some((m) => !isUntouchedCarry(m.value));
  if (stored) return stored === 'sent' && answered ? 'draft' : stored;
  return answered ? 'draft' : 'not-reached';
}

const emptyCounts = (): RatingCounts => ({ yes: 0, partly: 0, no: 0, unanswered: 0 });
const emptyFlags = () =>
  Object.fromEntries(QUALITY_FLAGS.map((f) => [f, 0])) as Record<QualityFlag, number>;

/**
 * Compiles a round's answers into the koonti for the HYTE council: measures by goal with
 * quality flags, the cooperation map, who did not answer and the organisation-level answers.
 * Pure and linear in the number of measures.
 */
export function compileKoonti(
  round: Round,
  sheets: ReadonlyMap<string, OrganisationSheet>,
  options: { now: Date; includeDrafts?: boolean; points?: PointsByGoal },
): Koonti {
  const includeDrafts = options.includeDrafts ?? false;
  const orgById = new Map(round.organisations.map((o) => [o.id, o]));
  const goalIndex = new Map(round.goals.map((g, i) => [g.id, i]));
  const goals: KoontiGoal[] = round.goals.map((goal) => ({
    goal,
    measures: [],
    organisationIds: [],
    flagCounts: emptyFlags(),
    noCooperation: true,
    points: options.points?.get(goal.id) ?? [],
    followUp: emptyFollowUp(),
  }));
  const followUp = emptyFollowUp();
  const links = new Map<string, CooperationLink>();
  const byKind = {} as Koonti['totals']['byKind'];
  const ratings = {
    dataFromCounty: emptyCounts(),
    expertSupport: emptyCounts(),
    networksWork: emptyCounts(),
  };
  const texts: KoontiOrganisationAnswers['texts'] = [];
  const notAnswered: Koonti['notAnswered'] = [];
  let submitted = 0;
  let draft = 0;
  let measureCount = 0;

  for (const org of round.organisations) {
    const sheet = sheets.get(org.id);
    const state = stateOf(sheet);
    const kind = (byKind[org.kind] ??= { organisations: 0, submitted: 0 });
    kind.organisations++;
    if (state === 'submitted') {
      submitted++;
      kind.submitted++;
    } else {
      if (state === 'draft') draft++;
      notAnswered.push({ id: org.id, name: org.name, state });
    }
    if (!sheet || !(state === 'submitted' || (includeDrafts && state === 'draft'))) continue;

    const answers = sheet.response?.value.answers;
    for (const key of ['dataFromCounty', 'expertSupport', 'networksWork'] as const) {
      ratings[key][answers?.[key] ?? 'unanswered']++;
    }
    for (const field of TEXT_FIELDS) {
      const text = answers?.[field]?.trim();
      if (text) texts.push({ organisationId: org.id, organisationName: org.name, field, text });
    }

    const measures = [...sheet.measures]
      .map((v) => v.value)
      .sort((a, b) => a.createdAt.localeCompare(b.createdAt) || a.id.localeCompare(b.id));
    for (const measure of measures) {
      const gi = goalIndex.get(measure.goalId);
      const target = gi === undefined ? undefined : goals[gi];
      if (!target) continue; // a goal removed from the round by a re-import
      const flags = measureFlags(measure);
      const partners = measure.partners.flatMap((id) => {
        const p = orgById.get(id);
        return p && p.id !== org.id ? [{ id: p.id, name: p.name }] : [];
      });
      target.measures.push({
        measure,
        organisation: { id: org.id, name: org.name, kind: org.kind },
        partners,
        flags,
        draft: state === 'draft',
      });
      if (!target.organisationIds.includes(org.id)) target.organisationIds.push(org.id);
      for (const f of flags) target.flagCounts[f]++;
      if (!flags.includes('noPartner')) target.noCooperation = false;
      countFollowUp(target.followUp, org.id, measure);
      countFollowUp(followUp, org.id, measure);
      for (const p of partners) {
        const key = `${org.id}>${p.id}`;
        const link = links.get(key) ?? { from: org.id, to: p.id, goalIds: [], measures: 0 };
        link.measures++;
        if (!link.goalIds.includes(measure.goalId)) link.goalIds.push(measure.goalId);
        links.set(key, link);
      }
      measureCount++;
    }
  }

  const organisations = round.organisations.length;
  return {
    round,
    generatedAt: options.now.toISOString(),
    includeDrafts,
    totals: {
      organisations,
      submitted,
      draft,
      notAnswered: organisations - submitted,
      measures: measureCount,
      responseRate: organisations ? submitted / organisations : 0,
      byKind,
    },
    goals,
    cooperation: {
      links: [...links.values()].sort(
        (a, b) => b.measures - a.measures || a.from.localeCompare(b.from),
      ),
      goalsWithoutCooperation: goals.filter((g) => g.noCooperation).map((g) => g.goal.id),
    },
    notAnswered,
    organisationAnswers: { ratings, texts },
    followUp: {
      ...followUp,
      ...(round.previousRound ? { fromRoundId: round.previousRound } : {}),
    },
  };
}
