import type { Lang } from '../../bot/domain/localized-text';
import { localize } from '../../bot/domain/localized-text';
import type { Round } from '../../bot/domain/round';
import type { RoundStatus } from '../../bot/domain/round-status';
import { type Card, execute } from '../card';
import { formatDateTime, formatPercent, t } from '../i18n';
import { timeLeftText } from '../questionnaire/format';
import { pageOf, pagerData } from '../questionnaire/pager';
import { userText } from '../text';
import { Verbs } from '../verbs';
import { count, line, panel } from './parts';

/** Organisations per page: 300 organisations stay far below 40 KB a card. */
export const STATUS_PAGE_SIZE = 20;

export interface StatusView {
  lang: Lang;
  timeZone: string;
  now: Date;
  round: Round;
  status: RoundStatus;
  page?: number;
}

const who = (p: { email: string } | { aadObjectId: string }) =>
  'email' in p ? p.email : p.aadObjectId;

/** The coordinator's view of a round: totals, then organisations with problems first. */
export function statusCard(view: StatusView): Card {
  const { lang, round, status, timeZone } = view;
  const tot = status.totals;
  const page = pageOf(status.organisations, view.page ?? 0, STATUS_PAGE_SIZE);
  const date = (iso: string) => formatDateTime(lang, iso, timeZone);
  const items: Card[] = [
    line(
      t(lang, 'council.totals', {
        submitted: tot.submitted,
        organisations: tot.organisations,
        rate: formatPercent(lang, tot.responseRate),
        draft: tot.draft,
        sent: tot.sent,
        notReached: tot['not-reached'],
        measures: count(lang, 'measures', tot.measures),
      }),
      { weight: 'bolder' },
    ),
  ];
  for (const o of page.items) {
    const lines: Card[] = [
      userText(o.name, { weight: 'bolder' }),
      line(
        t(lang, 'council.orgLine', {
          state: t(lang, `council.state.${o.state}`),
          measures: count(lang, 'measures', o.measures),
        }),
        {
          color:
            o.state === 'submitted' ? 'good' : o.state === 'not-reached' ? 'attention' : undefined,
        },
      ),
    ];
    if (o.submittedAt)
      lines.push(
        userText(
          t(lang, 'council.submittedBy', { by: o.submittedBy ?? '', date: date(o.submittedAt) }),
          { isSubtle: true, size: 'small' },
        ),
      );
    else if (o.lastChange)
      lines.push(
        userText(
          t(lang, 'council.lastChange', { by: o.lastChangeBy ?? '', date: date(o.lastChange) }),
          { isSubtle: true, size: 'small' },
        ),
      );
    for (const r of o.respondents) {
      if (r.delivery === 'blocked')
        lines.push(
          userText(t(lang, 'council.respondentBlocked', { who: who(r.person) }), {
            color: 'warning',
            size: 'small',
          }),
        );
      else if (r.delivery === 'not-reached' && r.reason)
        lines.push(
          userText(
            `${t(lang, 'council.respondentNotReached', { who: who(r.person) })} – ${t(lang, 'council.reason.notInstalled')}`,
            { color: 'warning', size: 'small' },
          ),
        );
    }
    if (o.reminders.length)
      lines.push(
        line(
          t(lang, 'council.remindersSent', { list: o.reminders.map((r) => date(r.at)).join(', ') }),
          { isSubtle: true, size: 'small' },
        ),
      );
    items.push({ type: 'Container', separator: true, spacing: 'medium', items: lines });
  }
  const data = { roundId: round.id };
  const { pager, pageLabel } = pagerData(lang, page, Verbs.roundStatus, data);
  return panel({
    lang,
    title: t(lang, 'council.statusTitle'),
    subtitle: `${localize(round.title, lang)} · ${formatDateTime(lang, round.deadline, timeZone)} (${timeLeftText(lang, view.now, new Date(round.deadline), timeZone)})`,
    items,
    pager,
    pageLabel,
    actions: [
      execute(t(lang, 'council.refresh'), Verbs.roundStatus, { ...data, page: page.page }),
      execute(t(lang, 'council.launch'), Verbs.roundLaunch, data),
      execute(t(lang, 'council.remind'), Verbs.roundRemind, data),
      execute(t(lang, 'council.summary'), Verbs.roundSummary, data),
    ],
  });
}
