import { langOf } from '../domain/localized-text';
import { z } from 'zod';
import { coordinatedRounds } from '../domain/coordinators';
import { DomainError } from '../domain/errors';
import type { AuthenticatedUser } from '../domain/identity';
import { Id } from '../domain/round';
import { versionActor } from '../domain/audit/version';
import { MAX_POINT_CHARS, pointText } from '../domain/workshop-records';
import type { WorkshopMessage } from '../../cards';
import { type Handler, type Request, route } from '../lib/route';
import {
  appendPoint,
  authorOf,
  refreshThreadCard,
  threadCard,
  threadContext,
} from './workshop-threads';
import type { WorkshopDeps } from './workshop-deps';

/** A message typed in a channel thread, as the Teams layer saw it. */
export interface ThreadReply {
  user: AuthenticatedUser;
  /** The thread's conversation id (`{channel id};messageid={first activity id}`). */
  conversationId: string;
  /** The message as Teams sent it: HTML, with `<at>` mentions. */
  text: string;
}

/**
 * Records a reply in a workshop thread as a point of that goal, without answering it. False
 * when the conversation is no workshop thread (the message is someone else's business);
 * replies from another tenant than the council channel's are taken and dropped.
 */
export async function recordReply(deps: WorkshopDeps, reply: ThreadReply): Promise<boolean> {
  const key = await deps.stores.workshops.findThread(reply.conversationId);
  if (!key) return false;
  const context = await threadContext(deps, key);
  if (!context || context.council.ref.tenantId !== reply.user.tenantId) return true;
  const text = pointText(reply.text).slice(0, MAX_POINT_CHARS);
  if (!text) return true;
  const { thread } = await appendPoint(
    deps,
    key,
    { text, ...authorOf(reply.user), at: deps.clock.now().toISOString(), via: 'reply' },
    versionActor(reply.user),
  );
  await refreshThreadCard(deps, context.council, context.round, context.goal, thread.value);
  return true;
}

const ThreadData = z.object({ roundId: Id, goalId: Id });
const NoteData = ThreadData.extend({ note: z.string().optional() });
const RemoveData = ThreadData.extend({ seq: z.coerce.number().int().min(0) });

/** The thread a card action names, refused unless it comes from the round's council channel. */
async function actionThread(deps: WorkshopDeps, req: Request<z.infer<typeof ThreadData>>) {
  const context = await threadContext(deps, req.data);
  const thread = await deps.stores.workshops.getThread(req.data.roundId, req.data.goalId);
  if (!context || !thread) throw new DomainError('NotFound', { what: 'workshop thread' });
  const { council } = context;
  if (
    council.conversationId !== req.origin.conversationId ||
    council.ref.tenantId !== req.user.tenantId
  )
    throw new DomainError('NotCouncilChannel');
  return { ...context, thread };
}

/** `workshop.note`: a point typed into the thread's card; empty or oversize gets the card back. */
export function noteRoute(deps: WorkshopDeps): Handler {
  return route(NoteData, async (req) => {
    const lang = langOf(req.user.locale);
    const { round, goal, thread } = await actionThread(deps, req);
    const text = (req.data.note ?? '').replace(/\r\n?/g, '\n').trim();
    let message: WorkshopMessage;
    let current = thread.value;
    if (!text) message = { kind: 'noteEmpty' };
    else if (text.length > MAX_POINT_CHARS) message = { kind: 'noteTooLong', length: text.length };
    else {
      const added = await appendPoint(
        deps,
        req.data,
        { text, ...authorOf(req.user), at: deps.clock.now().toISOString(), via: 'note' },
        versionActor(req.user),
      );
      current = added.thread.value;
      message = { kind: 'noteAdded' };
    }
    return threadCard(deps, round, goal, current, lang, message);
  });
}

/** `workshop.remove`: a coordinator takes a point out (typed by mistake, say). */
export function removeRoute(deps: WorkshopDeps): Handler {
  return route(RemoveData, async (req) => {
    const lang = langOf(req.user.locale);
    const { round, goal, thread } = await actionThread(deps, req);
    if (!coordinatedRounds([round], req.user).length)
      throw new DomainError('NotCoordinator', { round: round.id });
    let removed = false;
    let current = thread;
    for (let attempt = 1; attempt <= 8; attempt++) {
      try {
        removed = await deps.stores.workshops.removePoint(
          current,
          req.data.seq,
          versionActor(req.user),
          deps.clock.now(),
        );
        break;
      } catch (e) {
        const again = await deps.stores.workshops.getThread(round.id, goal.id);
        if (!again || attempt === 8) throw e;
        current = again;
      }
    }
    const after = (await deps.stores.workshops.getThread(round.id, goal.id)) ?? current;
    return threadCard(deps, round, goal, after.value, lang, {
      kind: removed ? 'removed' : 'alreadyRemoved',
    });
  });
}
