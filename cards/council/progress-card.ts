import type { Lang } from '../../bot/domain/localized-text';
import { localize } from '../../bot/domain/localized-text';
import { InstallProblem } from '../../bot/domain/ports';
import type { Round } from '../../bot/domain/round';
import { type Card, execute } from '../card';
import { t } from '../i18n';
import { userText } from '../text';
import { Verbs } from '../verbs';
import { line, panel } from './parts';

export interface ProgressProblem {
  organisationName: string;
  person: string;
  kind: 'blocked' | 'unreachable' | 'failed';
  reason?: string;
}

export interface ProgressView {
  lang: Lang;
  round: Round;
  kind: 'launch' | 'remind';
  total: number;
  sent: number;
  alreadySent: number;
  inProgress: number;
  problems: ProgressProblem[];
  state: 'running' | 'done' | 'interrupted';
}

/** Most problems worth listing on one card; the status card has them all. */
const MAX_LISTED = 40;

/** Launch or reminder progress, updated in place while sending goes on. */
export function progressCard(view: ProgressView): Card {
  const { lang } = view;
  const done = view.sent + view.alreadySent + view.inProgress + view.problems.length;
  const summary =
    view.state === 'running'
      ? t(lang, 'council.running', { done, total: view.total })
      : view.state === 'interrupted'
        ? t(lang, 'council.interrupted', { done, total: view.total })
        : t(lang, 'council.finished', {
            sent: view.sent,
            already: view.alreadySent,
            problems: view.problems.length,
          });
  const items: Card[] = [line(summary, { weight: 'bolder' })];
  if (view.inProgress)
    items.push(line(t(lang, 'council.inProgress', { count: view.inProgress }), { isSubtle: true }));
  if (view.problems.length) {
    items.push(line(t(lang, 'council.problemsHeading'), { weight: 'bolder', separator: true }));
    for (const p of view.problems.slice(0, MAX_LISTED)) {
      const graph = InstallProblem.safeParse(p.reason);
      const why =
        p.kind === 'blocked'
          ? t(lang, 'council.reason.blocked')
          : p.kind === 'unreachable'
            ? graph.success
              ? t(lang, `graph.reason.${graph.data}`)
              : t(lang, 'council.reason.notInstalled')
            : t(lang, 'council.reason.failed', { reason: p.reason ?? '' });
      items.push(
        userText(`${p.organisationName} – ${p.person.replace(/^(email|aad):/, '')}: ${why}`, {
          size: 'small',
        }),
      );
    }
    if (view.problems.length > MAX_LISTED)
      items.push(line(`+ ${view.problems.length - MAX_LISTED}`, { isSubtle: true }));
  }
  return panel({
    lang,
    title: t(lang, view.kind === 'launch' ? 'council.launchTitle' : 'council.remindTitle'),
    subtitle: localize(view.round.title, lang),
    style: view.state === 'done' && !view.problems.length ? 'good' : 'emphasis',
    items,
    actions: [execute(t(lang, 'council.refresh'), Verbs.roundStatus, { roundId: view.round.id })],
  });
}
