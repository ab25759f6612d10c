import type { AppLinks } from '../../bot/domain/app-links';
import type { Lang } from '../../bot/domain/localized-text';
import { localize } from '../../bot/domain/localized-text';
import type { InstallProblem } from '../../bot/domain/ports';
import type { Round } from '../../bot/domain/round';
import type {
  OrganisationStatus,
  RespondentStatus,
  RoundStatus,
} from '../../bot/domain/round-status';
import { type Card, execute } from '../card';
import { formatDateTime, formatPercent, t } from '../i18n';
import { timeLeftText } from '../questionnaire/time-left';
import { pageOf, pagerData } from '../questionnaire/pager';
import { userText } from '../text';
import { Verbs } from '../verbs';
import { count, line, panel } from './parts';
import { draftsToggle } from './summary-card';

/** Organisations per page: 300 organisations stay far below 40 KB a card. */
export const STATUS_PAGE_SIZE = 20;

export interface StatusView {
  lang: Lang;
  timeZone: string;
  now: Date;
  round: Round;
  status: RoundStatus;
  /** The county's tenant: people elsewhere are reached only where their own tenant allows. */
  homeTenant?: string;
  /** Install and admin-consent links, when the bot has an app id. */
  links?: AppLinks;
  page?: number;
}

const who = (p: { email: string } | { aadObjectId: string }) =>
  'email' in p ? p.email : p.aadObjectId;

const small = { color: 'warning', size: 'small' } as const;

/** Why a respondent was not reached, and what to do about it, with the links that do it. */
function remedy(view: StatusView, o: OrganisationStatus, r: RespondentStatus): Card[] {
  const { lang, links } = view;
  const name = who(r.person);
  if (r.reason === 'blocked')
    return [userText(t(lang, 'council.respondentBlocked', { who: name }), small)];
  const notReached = t(lang, 'council.respondentNotReached', { who: name });
  if (r.reason === 'failed')
    return [
      userText(
        `${notReached} – ${t(lang, 'council.reason.failed', { reason: r.detail ?? '' })}`,
        small,
      ),
    ];
  const elsewhere = !!r.tenantId && !!view.homeTenant && r.tenantId !== view.homeTenant;
  if (r.reason && r.reason in GRAPH_LINKS) return graphRemedy(view, o, r, elsewhere);
  if (r.reason !== 'notInstalled') return [];
  const out = [userText(`${notReached} – ${t(lang, 'council.reason.notInstalled')}`, small)];
  out.push(
    line(
      elsewhere
        ? t(lang, 'council.remedy.tenantAdmin', { organisation: o.name, tenant: r.tenantId ?? '' })
        : t(lang, 'council.remedy.guest'),
      { size: 'small' },
    ),
  );
  const linkTexts = links
    ? [
        t(lang, 'council.remedy.install', { url: links.install }),
        ...(elsewhere && r.tenantId
          ? [t(lang, 'council.remedy.consent', { url: links.consent(r.tenantId) })]
          : []),
      ]
    : [];
  if (linkTexts.length) out.push(line(linkTexts.join(' · '), { size: 'small' }));
  return out;
}

/** Which links help with each reason Microsoft Graph gave. */
const GRAPH_LINKS: Record<InstallProblem, Array<'install' | 'consent'>> = {
  notFound: [],
  installBlocked: ['install'],
  appNotInCatalog: ['install'],
  noConsent: ['consent'],
};

/** A reason Microsoft Graph gave: what it means, who does what in which tenant, the links. */
function graphRemedy(
  view: StatusView,
  o: OrganisationStatus,
  r: RespondentStatus,
  elsewhere: boolean,
): Card[] {
  const { lang, links } = view;
  const reason = r.reason as InstallProblem;
  const tenant = r.tenantId ?? '';
  const notReached = t(lang, 'council.respondentNotReached', { who: who(r.person) });
  const values = { organisation: o.name, tenant, home: elsewhere ? 'no' : 'yes' };
  const out = [
    userText(`${notReached} – ${t(lang, `graph.reason.${reason}`)}`, small),
    line(t(lang, `graph.remedy.${reason}`, values), { size: 'small' }),
  ];
  const linkTexts = links
    ? GRAPH_LINKS[reason].flatMap((kind) =>
        kind === 'install'
          ? [t(lang, 'council.remedy.install', { url: links.install })]
          : tenant
            ? [t(lang, 'council.remedy.consent', { url: links.consent(tenant) })]
            : [],
      )
    : [];
  if (linkTexts.length) out.push(line(linkTexts.join(' · '), { size: 'small' }));
  return out;
}

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
    for (const r of o.respondents) if (r.delivery !== 'sent') lines.push(...remedy(view, o, r));
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
  // The koonti button takes the toggle along: drafts in the koonti on request.
  items.push(draftsToggle(lang, false));
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
