import { langOf } from '../domain/localized-text';
import { DomainError } from '../domain/errors';
import type { AuthenticatedUser } from '../domain/identity';
import type { Round } from '../domain/round';
import { type Card, progressCard, type ProgressView } from '../../cards';
import type { CoordinatorDeps } from './coordinator-route';
import { deliverAll, type DeliveryProgress, type Reached, type Recipient } from '../delivery';
import { type Origin } from '../lib/route';

/** One run of sends a coordinator started, shown on a progress card. */
export interface Sending {
  user: AuthenticatedUser;
  origin: Origin;
  round: Round;
  kind: 'launch' | 'remind';
  purpose: string;
  recipients: Recipient[];
  card: (r: Recipient, reached: Reached) => Card;
  /** After each first successful send to a recipient. */
  onSent?: (r: Recipient) => Promise<void>;
}

/**
 * Sends `card` to `recipients` in the background, updating a progress card in place:
 * the card pressed (invokes) or one sent now (typed commands).
 */
export async function sendInBackground(
  deps: CoordinatorDeps,
  s: Sending,
): Promise<Card | undefined> {
  const { stores, clock, messenger, background } = deps;
  const { user, origin, round, kind } = s;
  const lang = langOf(user.locale);
  const view = (p: DeliveryProgress, state: ProgressView['state']): Card =>
    progressCard({
      lang,
      round,
      kind,
      total: p.total,
      sent: p.sent,
      alreadySent: p.alreadySent,
      inProgress: p.inProgress,
      problems: p.problems,
      state,
    });
  const initial: DeliveryProgress = {
    total: s.recipients.length,
    sent: 0,
    alreadySent: 0,
    inProgress: 0,
    problems: [],
    done: false,
  };
  let activityId = origin.activityId;
  const typed = !activityId;
  if (typed) activityId = await messenger.send(origin.ref, view(initial, 'running'));
  let last = 0;
  // Updates go one after another, so a late "running" never lands after the final state.
  let shown: Promise<void> = Promise.resolve();
  const show = (p: DeliveryProgress, state: ProgressView['state']) => {
    const card = view(p, state);
    const next = shown.then(async () => {
      if (activityId) await messenger.update(origin.ref, activityId, card);
    });
    shown = next.catch(() => undefined);
    return next;
  };
  const started = background.run(async () => {
    const progress = await deliverAll(
      {
        stores,
        messenger,
        pipeline: deps.pipeline,
        clock,
        owner: deps.owner,
        stopping: () => background.stopping,
        graph: deps.graph,
      },
      {
        round,
        tenantId: round.tenantId ?? user.tenantId,
        purpose: s.purpose,
        recipients: s.recipients,
        card: s.card,
        onProgress: (p) => {
          const now = clock.now().getTime();
          if (now - last < (deps.progressEveryMs ?? 2000)) return;
          last = now;
          void show(p, 'running').catch(() => undefined);
        },
        onSent: s.onSent,
      },
    );
    await show(progress, progress.done ? 'done' : 'interrupted');
  });
  if (!started) throw new DomainError('ShuttingDown');
  return typed ? undefined : view(initial, 'running');
}
