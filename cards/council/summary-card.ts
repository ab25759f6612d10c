import type { Koonti, QualityFlag } from '../../bot/domain/koonti';
import { QUALITY_FLAGS } from '../../bot/domain/koonti';
import type { Lang } from '../../bot/domain/localized-text';
import { localize } from '../../bot/domain/localized-text';
import { type Card, execute } from '../card';
import { formatDateTime, formatPercent, t } from '../i18n';
import { pageOf, pagerData } from '../questionnaire/pager';
import { planYear } from '../questionnaire/sheet-view';
import { truncate, userText } from '../text';
import { Verbs } from '../verbs';
import { followUpLine } from './follow-up-words';
import { count, line, panel, rowWithButton } from './parts';
import { pointCountLine, pointItems } from './summary-points';

/** Measures per page of a goal's detail; long texts are shortened to keep a card < 40 KB. */
export const SUMMARY_PAGE_SIZE = 8;
const TEXT_MAX = 600;

export interface SummaryView {
  lang: Lang;
  timeZone: string;
  koonti: Koonti;
  /** Signed link to the full report page, when the server has a public URL. */
  reportUrl?: string;
  /** Show this goal's measures instead of the overview. */
  goalId?: string;
  page?: number;
  /**
   * A history button per measure: only where a coordinator reads the koonti alone (a 1:1
   * chat), never on the card the council's channel shares.
   */
  history?: boolean;
}

function flagWords(lang: Lang, counts: Record<QualityFlag, number>, year: string): string {
  return QUALITY_FLAGS.filter((f) => counts[f] > 0)
    .map((f) => t(lang, `council.flag.${f}`, { count: counts[f], year }))
    .join(' · ');
}

/** What every button of the card carries: the round, and drafts when they are included. */
const nav = (k: Koonti) => ({
  roundId: k.round.id,
  ...(k.includeDrafts ? { includeDrafts: 'true' } : {}),
});

/** The coordinator's choice to include drafts in the koonti (on the status card, by its button). */
export function draftsToggle(lang: Lang, on: boolean): Card {
  return {
    type: 'Input.Toggle',
    id: 'includeDrafts',
    title: t(lang, 'setup.drafts.toggle'),
    label: t(lang, 'setup.drafts.label'),
    value: on ? 'true' : 'false',
    valueOn: 'true',
    valueOff: 'false',
  };
}

function overview(view: SummaryView): { items: Card[]; actions: Card[] } {
  const { lang, koonti: k } = view;
  const items: Card[] = [
    ...(k.includeDrafts
      ? [line(`⚠ ${t(lang, 'setup.drafts.note')}`, { color: 'warning' as const })]
      : []),
    line(
      t(lang, 'council.summaryOverview', {
        submitted: k.totals.submitted,
        organisations: k.totals.organisations,
        rate: formatPercent(lang, k.totals.responseRate),
        measures: count(lang, 'measures', k.totals.measures),
      }),
      { weight: 'bolder' },
    ),
  ];
  const noCooperation = new Set(k.cooperation.goalsWithoutCooperation);
  k.goals.forEach((g, i) => {
    const flags = flagWords(lang, g.flagCounts, planYear(k.round).year);
    items.push(
      rowWithButton(
        [
          userText(`${i + 1}. ${localize(g.goal.title, lang)}`, { weight: 'bolder' }),
          line(
            t(lang, 'council.goalLine', {
              measures: count(lang, 'measures', g.measures.length),
              organisations: count(lang, 'organisations', g.organisationIds.length),
            }),
            { size: 'small' },
          ),
          ...(flags ? [line(flags, { size: 'small', color: 'warning' })] : []),
          ...(k.round.previousRound
            ? [line(followUpLine(lang, g.followUp), { size: 'small' })]
            : []),
          ...(noCooperation.has(g.goal.id) && g.measures.length
            ? [line(t(lang, 'council.noCooperation'), { size: 'small', color: 'attention' })]
            : []),
          ...pointCountLine(lang, g.points),
        ],
        execute(
          t(lang, 'council.openGoal'),
          Verbs.roundSummary,
          {
            ...nav(k),
            goalId: g.goal.id,
          },
          { associatedInputs: 'none' },
        ),
      ),
    );
  });
  if (k.notAnswered.length) {
    items.push(
      userText(
        t(lang, 'council.notAnswered', {
          count: k.notAnswered.length,
          names: truncate(k.notAnswered.map((o) => o.name).join(', '), 1500),
        }),
        { separator: true, isSubtle: true, size: 'small' },
      ),
    );
  }
  const actions: Card[] = view.reportUrl
    ? [{ type: 'Action.OpenUrl', title: t(lang, 'council.openReport'), url: view.reportUrl }]
    : [];
  return { items, actions };
}

function goalDetail(view: SummaryView, goalId: string) {
  const { lang, koonti: k } = view;
  const g = k.goals.find((x) => x.goal.id === goalId);
  const back = execute(t(lang, 'council.backToSummary'), Verbs.roundSummary, nav(k));
  if (!g)
    return {
      title: t(lang, 'council.summaryTitle'),
      items: [line(t(lang, 'council.noMeasures'))],
      actions: [back],
      pager: [],
      pageLabel: '',
    };
  const page = pageOf(g.measures, view.page ?? 0, SUMMARY_PAGE_SIZE);
  const none = t(lang, 'council.none');
  const year = planYear(k.round);
  const items: Card[] = [
    line(
      t(lang, 'council.goalLine', {
        measures: count(lang, 'measures', g.measures.length),
        organisations: count(lang, 'organisations', g.organisationIds.length),
      }),
      { weight: 'bolder' },
    ),
  ];
  if (page.page === 0) items.push(...pointItems(lang, g.points, view.timeZone));
  if (!g.measures.length) items.push(line(t(lang, 'council.noMeasures')));
  for (const m of page.items) {
    const x = m.measure;
    const partners = [
      ...m.partners.map((p) => p.name),
      ...(x.partnersOther ? [x.partnersOther] : []),
    ].join(', ');
    items.push({
      type: 'Container',
      separator: true,
      items: [
        userText(
          m.draft
            ? `${m.organisation.name} (${t(lang, 'setup.drafts.marker')})`
            : m.organisation.name,
          { weight: 'bolder', size: 'small' },
        ),
        userText(truncate(x.description, TEXT_MAX)),
        userText(t(lang, 'council.measureOwner', { value: truncate(x.owner, 200) || none }), {
          size: 'small',
        }),
        userText(t(lang, 'council.measurePartners', { value: truncate(partners, 300) || none }), {
          size: 'small',
        }),
        userText(t(lang, 'council.measureMetrics', { value: truncate(x.metrics, 300) || none }), {
          size: 'small',
        }),
        line(
          [
            t(lang, 'council.measurePlan', {
              value: x.plan ? t(lang, `council.plan.${x.plan}`) : none,
            }),
            t(lang, 'council.measureChange', {
              ...year,
              value: x.changeBy2029 ? t(lang, `council.change.${x.changeBy2029}`) : none,
            }),
          ].join(' · '),
          { size: 'small', isSubtle: true },
        ),
        ...(m.flags.length
          ? [
              line(`⚠ ${m.flags.map((f) => t(lang, `council.flagShort.${f}`, year)).join(', ')}`, {
                size: 'small',
                color: 'warning',
              }),
            ]
          : []),
        ...(view.history
          ? [
              {
                type: 'ActionSet',
                actions: [
                  execute(t(lang, 'record.historyButton'), Verbs.measureHistory, {
                    roundId: k.round.id,
                    organisationId: m.organisation.id,
                    measureId: x.id,
                    goalId,
                    from: 'summary',
                  }),
                ],
              },
            ]
          : []),
      ],
    });
  }
  const { pager, pageLabel } = pagerData(lang, page, Verbs.roundSummary, { ...nav(k), goalId });
  return { title: localize(g.goal.title, lang), items, actions: [back], pager, pageLabel };
}

/** The koonti for the council's channel: an overview with a button per goal, or one goal. */
export function summaryCard(view: SummaryView): Card {
  const { lang, koonti: k } = view;
  const subtitle = `${localize(k.round.title, lang)} · ${formatDateTime(lang, k.generatedAt, view.timeZone)}`;
  if (view.goalId) {
    const d = goalDetail(view, view.goalId);
    return panel({ lang, subtitle, ...d });
  }
  const o = overview(view);
  return panel({ lang, title: t(lang, 'council.summaryTitle'), subtitle, ...o });
}
