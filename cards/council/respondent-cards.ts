import type { Lang } from '../../bot/domain/localized-text';
import { localize } from '../../bot/domain/localized-text';
import type { OrganisationSheet } from '../../bot/domain/ports';
import type { Organisation, Round } from '../../bot/domain/round';
import { type Card, execute } from '../card';
import { t, formatDateTime } from '../i18n';
import { timeLeftText } from '../questionnaire/time-left';
import { userText } from '../text';
import { Verbs } from '../verbs';
import { line, panel } from './parts';

export interface RespondentMessageView {
  lang: Lang;
  timeZone: string;
  now: Date;
  round: Round;
  organisation: Organisation;
  /**
   * The bot installed itself for the reader just now (Microsoft Graph): the card says first,
   * in one line, why the app appeared in their Teams; `by` is who launched the round.
   */
  installed?: { by?: string };
}

/** The one line a person the app was installed for reads first: who launched which round. */
function whyInstalled(v: RespondentMessageView): Card[] {
  if (!v.installed) return [];
  const text = t(v.lang, 'graph.why', {
    by: v.installed.by || t(v.lang, 'graph.coordinator'),
    round: localize(v.round.title, v.lang),
    organisation: v.organisation.name,
  });
  return [userText(text, { size: 'small' })];
}

const openButton = (v: RespondentMessageView) =>
  execute(
    t(v.lang, 'council.open'),
    Verbs.questionnaireOpen,
    {
      roundId: v.round.id,
      organisationId: v.organisation.id,
    },
    { style: 'positive' },
  );

/** The 1:1 card each respondent gets at launch. */
export function introCard(v: RespondentMessageView): Card {
  return panel({
    lang: v.lang,
    title: t(v.lang, 'council.introTitle'),
    subtitle: `${localize(v.round.title, v.lang)} · ${v.organisation.name}`,
    items: [
      ...whyInstalled(v),
      userText(
        t(v.lang, 'council.introText', {
          organisation: v.organisation.name,
          meeting: formatDateTime(v.lang, v.round.meetingAt, v.timeZone, 'full'),
        }),
      ),
      line(
        t(v.lang, 'council.introDeadline', {
          deadline: formatDateTime(v.lang, v.round.deadline, v.timeZone, 'full'),
        }),
        { weight: 'bolder' },
      ),
    ],
    actions: [openButton(v)],
  });
}

/** A reminder: what is missing and how long is left; untouched and drafts read differently. */
export function reminderCard(
  v: RespondentMessageView & { sheet: OrganisationSheet | undefined },
): Card {
  const left = timeLeftText(v.lang, v.now, new Date(v.round.deadline), v.timeZone);
  const started = !!v.sheet && (v.sheet.measures.length > 0 || !!v.sheet.response?.value.answers);
  const withMeasures = new Set(v.sheet?.measures.map((m) => m.value.goalId));
  const missing = v.round.goals.filter((g) => !withMeasures.has(g.id));
  const items: Card[] = [
    ...whyInstalled(v),
    userText(
      t(v.lang, started ? 'council.reminderDraft' : 'council.reminderUntouched', {
        organisation: v.organisation.name,
        left,
      }),
      { weight: 'bolder' },
    ),
  ];
  if (started && missing.length) {
    items.push(line(t(v.lang, 'council.reminderMissing')));
    items.push(line(missing.map((g) => `- ${localize(g.title, v.lang)}`).join('\n')));
  }
  items.push(
    line(formatDateTime(v.lang, v.round.deadline, v.timeZone, 'full'), { isSubtle: true }),
  );
  return panel({
    lang: v.lang,
    title: t(v.lang, 'council.reminderTitle'),
    subtitle: localize(v.round.title, v.lang),
    style: 'warning',
    items,
    actions: [openButton(v)],
  });
}
