import type { Lang } from '../../bot/domain/localized-text';
import { localize } from '../../bot/domain/localized-text';
import type { Round } from '../../bot/domain/round';
import type { LaunchGap } from '../../bot/domain/setup/launch-gaps';
import { type Card, execute } from '../card';
import { formatDateTime, type MessageKey, t } from '../i18n';
import { pageOf } from '../questionnaire/pager';
import { truncate, userText } from '../text';
import { Verbs } from '../verbs';
import { frameCard, heading, line, pagerButtons } from './setup-parts';
import { rowWithButton } from '../council/parts';
import { launchGapLines, respondentsLine } from './setup-round-parts';

/** Organisations per page of the round card: 300 of them stay far below 28 KB a page. */
export const SETUP_ORGANISATIONS_PER_PAGE = 10;
export const SETUP_GOALS_PER_PAGE = 10;

/** The message on top of the round card after a change. */
export interface RoundFlash {
  key:
    | 'created'
    | 'settingsSaved'
    | 'goalSaved'
    | 'goalDeleted'
    | 'goalInUse'
    | 'organisationSaved'
    | 'organisationDeleted'
    | 'organisationInUse'
    | 'applied';
  params?: Record<string, number>;
  /** Carried measures, told after `created`. */
  carried?: number;
}

export interface RoundCardView {
  lang: Lang;
  timeZone: string;
  round: Round;
  previousTitle?: string;
  gaps: LaunchGap[];
  /** Organisations that have answered, and per goal those with measures under it. */
  answered: { organisations: ReadonlySet<string>; goals: ReadonlyMap<string, ReadonlySet<string>> };
  page: number;
  goalPage: number;
  /** The signed link to the contact list, when the server has a public URL. */
  contactsUrl?: string;
  flash?: RoundFlash;
}

const WARN: ReadonlyArray<RoundFlash['key']> = ['goalInUse', 'organisationInUse'];

/**
 * The round card: settings, goals, organisations (paged), the contact list in Excel, and what
 * is still missing for launch. Each part has its button; nothing here changes anything.
 */
export function setupRoundCard(view: RoundCardView): Card {
  const { lang, round, timeZone } = view;
  const id = round.id;
  const date = (iso: string) => formatDateTime(lang, iso, timeZone);
  const items: Card[] = [
    line(t(lang, round.setup ? 'setup.round.stateSetup' : 'setup.round.stateLaunched'), {
      color: round.setup ? 'warning' : 'good',
      weight: 'bolder',
    }),
    heading(t(lang, 'setup.round.settingsHeading')),
    userText(t(lang, 'setup.round.region', { region: round.region })),
    line(t(lang, 'setup.round.deadline', { date: date(round.deadline) })),
    line(t(lang, 'setup.round.meeting', { date: date(round.meetingAt) })),
  ];
  if (round.planPeriod)
    items.push(
      line(
        t(lang, 'setup.round.plan', {
          period: `${round.planPeriod.from ?? ''}–${round.planPeriod.to}`,
        }),
      ),
    );
  if (round.previousRound)
    items.push(
      userText(
        t(lang, 'setup.round.previous', { round: view.previousTitle ?? round.previousRound }),
      ),
    );
  items.push(
    line(t(lang, 'setup.round.coordinators', { count: round.coordinators.length }), {
      isSubtle: true,
    }),
  );
  const edit = (title: string, data: Record<string, string | number | undefined>) =>
    execute(title, Verbs.roundEdit, { roundId: id, ...data }, { associatedInputs: 'none' });
  items.push({
    type: 'ActionSet',
    actions: [edit(t(lang, 'setup.round.editSettings'), { view: 'settings' })],
  });

  // Goals, a page at a time when a round has many.
  const goals = pageOf(round.goals, view.goalPage, SETUP_GOALS_PER_PAGE);
  items.push(heading(t(lang, 'setup.round.goalsHeading', { count: round.goals.length })));
  if (!round.goals.length) items.push(line(t(lang, 'setup.round.noGoals'), { isSubtle: true }));
  for (const g of goals.items) {
    const by = view.answered.goals.get(g.id)?.size ?? 0;
    items.push(
      rowWithButton(
        [
          userText(truncate(localize(g.title, lang), 160)),
          ...(by
            ? [
                line(t(lang, 'setup.round.goalAnswered', { count: by }), {
                  isSubtle: true,
                  size: 'small',
                } as const),
              ]
            : []),
        ],
        edit(t(lang, 'setup.round.edit'), {
          view: 'goal',
          goalId: g.id,
          goalPage: goals.page,
          page: view.page,
        }),
      ),
    );
  }
  const goalPager = pagerButtons(lang, goals, (p) => ({
    roundId: id,
    goalPage: p,
    page: view.page,
  }));
  items.push({
    type: 'ActionSet',
    actions: [
      ...goalPager.buttons,
      edit(t(lang, 'setup.round.addGoal'), { view: 'goal', page: view.page }),
    ],
  });

  // Organisations, a page at a time.
  const orgs = pageOf(round.organisations, view.page, SETUP_ORGANISATIONS_PER_PAGE);
  items.push(
    heading(t(lang, 'setup.round.organisationsHeading', { count: round.organisations.length })),
  );
  if (!round.organisations.length)
    items.push(line(t(lang, 'setup.round.noOrganisations'), { isSubtle: true }));
  for (const o of orgs.items) {
    const lines: Card[] = [
      userText(o.name, { weight: 'bolder' }),
      line(`${t(lang, `setup.kind.${o.kind}`)} · ${t(lang, `setup.language.${o.language}`)}`, {
        isSubtle: true,
        size: 'small',
      }),
      userText(respondentsLine(lang, o), {
        size: 'small',
        ...(o.respondents.length ? {} : { color: 'attention' as const }),
      }),
    ];
    if (o.tenantId)
      lines.push(
        line(t(lang, 'setup.round.tenant', { tenant: o.tenantId }), {
          isSubtle: true,
          size: 'small',
        }),
      );
    if (view.answered.organisations.has(o.id))
      lines.push(line(`✓ ${t(lang, 'setup.round.answered')}`, { color: 'good', size: 'small' }));
    items.push(
      rowWithButton(
        lines,
        edit(t(lang, 'setup.round.edit'), {
          view: 'organisation',
          organisationId: o.id,
          page: orgs.page,
          goalPage: goals.page,
        }),
      ),
    );
  }
  const orgPager = pagerButtons(lang, orgs, (p) => ({
    roundId: id,
    page: p,
    goalPage: goals.page,
  }));
  items.push({
    type: 'ActionSet',
    actions: [
      ...orgPager.buttons,
      edit(t(lang, 'setup.round.addOrganisation'), { view: 'organisation', page: orgs.page }),
    ],
  });
  if (orgPager.label) items.push(line(orgPager.label, { isSubtle: true, size: 'small' }));

  // The contact list in Excel, to edit and attach in this chat.
  items.push(
    heading(t(lang, 'setup.round.contactsHeading')),
    line(t(lang, 'setup.round.contactsText')),
    line(t(lang, 'setup.round.contactsColumns'), { isSubtle: true, size: 'small' }),
  );
  if (view.contactsUrl)
    items.push({
      type: 'ActionSet',
      actions: [
        {
          type: 'Action.OpenUrl',
          title: t(lang, 'setup.round.contactsLink'),
          url: view.contactsUrl,
        },
      ],
    });

  // What launch still needs.
  items.push(heading(t(lang, 'setup.round.gapsHeading')));
  items.push(
    ...(view.gaps.length
      ? launchGapLines(lang, view.gaps)
      : [line(`✓ ${t(lang, 'setup.round.ready')}`, { color: 'good' })]),
  );

  const flash = view.flash;
  const flashText = flash
    ? [
        t(lang, `setup.flash.${flash.key}` as MessageKey, flash.params ?? {}),
        ...(flash.carried ? [t(lang, 'setup.flash.carried', { count: flash.carried })] : []),
      ].join(' ')
    : undefined;
  return frameCard({
    lang,
    title: t(lang, 'setup.round.title'),
    subtitle: `${localize(round.title, lang)} (${id})`,
    style: round.setup ? 'warning' : 'emphasis',
    flash:
      flash && flashText
        ? { text: flashText, style: WARN.includes(flash.key) ? 'warning' : 'good' }
        : undefined,
    items,
    actions: [
      ...(round.setup && !view.gaps.length
        ? [
            execute(
              t(lang, 'setup.round.launch'),
              Verbs.roundLaunch,
              { roundId: id },
              { style: 'positive', associatedInputs: 'none' },
            ),
          ]
        : []),
      edit(t(lang, 'setup.round.refresh'), { page: orgs.page, goalPage: goals.page }),
    ],
  });
}
