import { z } from 'zod';
import { coordinatedRounds } from '../domain/coordinator';
import type { AuthenticatedUser } from '../domain/identity';
import { compileKoonti } from '../domain/koonti';
import { type Lang, langFromLocale } from '../domain/localized-text';
import type { Clock, RoundStore, Stores, StoredReference } from '../domain/ports';
import { emptyResponse } from '../domain/response';
import { Id, type Round } from '../domain/round';
import { roundStatus } from '../domain/round-status';
import {
  type Card,
  errorCard,
  introCard,
  noticeCard,
  progressCard,
  type ProgressView,
  reminderCard,
  roundsCard,
  statusCard,
  summaryCard,
} from '../../cards';
import type { Background } from './background';
import { allRecipients, deliverAll, type DeliveryProgress, type Recipient } from './deliver';
import type { Messenger } from './messenger';
import { writeResponse } from './response-writer';
import type { SendPipeline } from './send-pipeline';

/** Where a command or card action came from, as the Teams layer saw it. */
export interface Origin {
  ref: StoredReference;
  /** The channel id in a team channel, else the conversation id. */
  conversationId: string;
  /** The card the action was pressed on (updated in place with progress). */
  activityId?: string;
}

export type CoordinatorHandler = (
  user: AuthenticatedUser,
  data: unknown,
  origin: Origin,
) => Promise<Card | undefined>;

export interface CoordinatorDeps {
  stores: Stores;
  rounds: RoundStore;
  messenger: Messenger;
  pipeline: SendPipeline;
  clock: Clock;
  timeZone: string;
  background: Background;
  /** Signed link to the report page, when the server has a public URL. */
  reportUrl?: (roundId: string) => string | undefined;
  /** How often a progress card is updated while sending. */
  progressEveryMs?: number;
}

/** Card data of coordinator verbs: navigation only; who may act comes from the round. */
const RoundData = z.object({
  roundId: Id.optional(),
  goalId: Id.optional(),
  page: z.coerce.number().int().min(0).max(1000).default(0),
});

const langOf = (user: AuthenticatedUser): Lang => langFromLocale(user.locale) ?? 'fi';

export function createCoordinatorService(deps: CoordinatorDeps) {
  const { stores, clock, timeZone } = deps;

  /** The round a coordinator means: the one named, else the nearest open one. */
  async function chooseRound(
    user: AuthenticatedUser,
    roundId?: string,
  ): Promise<{ round: Round; refusal?: undefined } | { round?: undefined; refusal: Card }> {
    const refusal = noticeCard(langOf(user), 'notCoordinator');
    const mine = coordinatedRounds(await deps.rounds.list(), user);
    if (roundId) {
      const round = mine.find((r) => r.id === roundId);
      return round ? { round } : { refusal };
    }
    if (mine.length === 0) return { refusal };
    const now = clock.now().getTime();
    const open = mine
      .filter((r) => Date.parse(r.deadline) > now)
      .sort((a, b) => Date.parse(a.deadline) - Date.parse(b.deadline));
    const closed = mine.sort((a, b) => Date.parse(b.deadline) - Date.parse(a.deadline));
    return { round: open[0] ?? closed[0]! };
  }

  async function status(user: AuthenticatedUser, data: unknown): Promise<Card> {
    const d = RoundData.safeParse(data ?? {});
    if (!d.success) return errorCard({ lang: langOf(user), kind: 'invalid' });
    const { round, refusal } = await chooseRound(user, d.data.roundId);
    if (!round) return refusal;
    const [sheets, deliveries] = await Promise.all([
      stores.responses.listSheets(round.id),
      stores.deliveries.list(round.id),
    ]);
    return statusCard({
      lang: langOf(user),
      timeZone,
      now: clock.now(),
      round,
      status: roundStatus(round, sheets, deliveries),
      page: d.data.page,
    });
  }

  /**
   * Sends `card` to `recipients` in the background, updating a progress card in place:
   * the card pressed (invokes) or one sent now (typed commands).
   */
  async function sendInBackground(
    user: AuthenticatedUser,
    origin: Origin,
    round: Round,
    kind: 'launch' | 'remind',
    purpose: string,
    recipients: Recipient[],
    card: (r: Recipient) => Card,
  ): Promise<Card | undefined> {
    const lang = langOf(user);
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
      total: recipients.length,
      sent: 0,
      alreadySent: 0,
      inProgress: 0,
      problems: [],
      done: false,
    };
    let activityId = origin.activityId;
    const typed = !activityId;
    if (typed) activityId = await deps.messenger.send(origin.ref, view(initial, 'running'));
    let last = 0;
    const show = async (p: DeliveryProgress, state: ProgressView['state']) => {
      if (activityId) await deps.messenger.update(origin.ref, activityId, view(p, state));
    };
    const started = deps.background.run(async () => {
      const progress = await deliverAll(
        {
          stores,
          messenger: deps.messenger,
          pipeline: deps.pipeline,
          clock,
          stopping: () => deps.background.stopping,
        },
        {
          round,
          tenantId: user.tenantId,
          purpose,
          recipients,
          card,
          onProgress: (p) => {
            const now = Date.now();
            if (now - last < (deps.progressEveryMs ?? 2000)) return;
            last = now;
            void show(p, 'running').catch(() => undefined);
          },
          onSent: kind === 'launch' ? (r) => markSent(round.id, r.organisation.id) : undefined,
        },
      );
      await show(progress, progress.done ? 'done' : 'interrupted');
    });
    if (!started) return errorCard({ lang, kind: 'unavailable' });
    return typed ? undefined : view(initial, 'running');
  }

  /** An organisation reached for the first time moves from not reached to sent. */
  async function markSent(roundId: string, organisationId: string): Promise<void> {
    await writeResponse(stores.responses, { roundId, organisationId }, (current) =>
      current && current.state !== 'not-reached'
        ? undefined
        : { ...emptyResponse(roundId, organisationId), ...current, state: 'sent' },
    );
  }

  const launch: CoordinatorHandler = async (user, data, origin) => {
    const d = RoundData.safeParse(data ?? {});
    if (!d.success) return errorCard({ lang: langOf(user), kind: 'invalid' });
    const { round, refusal } = await chooseRound(user, d.data.roundId);
    if (!round) return refusal;
    await stores.roundState.setLaunchOnce({
      roundId: round.id,
      tenantId: user.tenantId,
      launchedBy: user.name || user.aadObjectId,
      launchedAt: clock.now().toISOString(),
    });
    return sendInBackground(user, origin, round, 'launch', 'launch', allRecipients(round), (r) =>
      introCard({
        lang: r.organisation.language,
        timeZone,
        now: clock.now(),
        round,
        organisation: r.organisation,
      }),
    );
  };

  const remind: CoordinatorHandler = async (user, data, origin) => {
    const lang = langOf(user);
    const d = RoundData.safeParse(data ?? {});
    if (!d.success) return errorCard({ lang, kind: 'invalid' });
    const { round, refusal } = await chooseRound(user, d.data.roundId);
    if (!round) return refusal;
    const sheets = await stores.responses.listSheets(round.id);
    const pending = new Set(
      round.organisations
        .filter((o) => sheets.get(o.id)?.response?.value.state !== 'submitted')
        .map((o) => o.id),
    );
    if (pending.size === 0) return noticeCard(lang, 'nothingToRemind');
    // One manual reminder per minute: a double click does not send twice.
    const slot = `now-${clock.now().toISOString().slice(0, 16)}`;
    return sendInBackground(
      user,
      origin,
      round,
      'remind',
      `reminder|${slot}`,
      allRecipients(round, pending),
      (r) =>
        reminderCard({
          lang: r.organisation.language,
          timeZone,
          now: clock.now(),
          round,
          organisation: r.organisation,
          sheet: sheets.get(r.organisation.id),
        }),
    );
  };

  async function koontiCard(round: Round, lang: Lang, goalId?: string, page = 0): Promise<Card> {
    const ids = round.organisations.map((o) => o.id);
    const koonti = compileKoonti(round, await stores.responses.listSheets(round.id, ids), {
      now: clock.now(),
    });
    return summaryCard({
      lang,
      timeZone,
      koonti,
      reportUrl: deps.reportUrl?.(round.id),
      goalId,
      page,
    });
  }

  /** Posts the koonti overview to the round's council channel; false when none is linked. */
  async function postCouncilSummary(round: Round, lang: Lang = 'fi'): Promise<boolean> {
    const council = await stores.roundState.getCouncil(round.id);
    if (!council) return false;
    await deps.messenger.send(council.ref, await koontiCard(round, lang));
    return true;
  }

  const summary: CoordinatorHandler = async (user, data, origin) => {
    const lang = langOf(user);
    const d = RoundData.safeParse(data ?? {});
    if (!d.success) return errorCard({ lang, kind: 'invalid' });
    // Council members open a goal's detail on the card posted in their channel.
    if (d.data.roundId && (d.data.goalId || d.data.page)) {
      const council = await stores.roundState.getCouncil(d.data.roundId);
      const round = await deps.rounds.get(d.data.roundId);
      if (round && council?.conversationId === origin.conversationId)
        return koontiCard(round, lang, d.data.goalId, d.data.page);
    }
    const { round, refusal } = await chooseRound(user, d.data.roundId);
    if (!round) return refusal;
    if (d.data.goalId) return koontiCard(round, lang, d.data.goalId, d.data.page);
    const council = await stores.roundState.getCouncil(round.id);
    if (council?.conversationId === origin.conversationId) return koontiCard(round, lang);
    if (!(await postCouncilSummary(round, lang))) return noticeCard(lang, 'noCouncil');
    return noticeCard(lang, 'summaryPosted', { round: round.title.fi });
  };

  const linkChannel: CoordinatorHandler = async (user, _data, origin) => {
    const lang = langOf(user);
    const { round, refusal } = await chooseRound(user);
    if (!round) return refusal;
    if (origin.ref.conversationType !== 'channel') return noticeCard(lang, 'linkHowTo');
    await stores.roundState.setCouncil({
      roundId: round.id,
      conversationId: origin.conversationId,
      ref: origin.ref,
      linkedBy: user.name || user.aadObjectId,
      linkedAt: clock.now().toISOString(),
    });
    return noticeCard(lang, 'channelLinked', { round: round.title.fi });
  };

  const rounds: CoordinatorHandler = async (user) => {
    const mine = coordinatedRounds(await deps.rounds.list(), user);
    if (!mine.length) return noticeCard(langOf(user), 'notCoordinator');
    const rows = await Promise.all(
      mine.map(async (round) => {
        const s = roundStatus(round, await stores.responses.listSheets(round.id));
        return {
          round,
          submitted: s.totals.submitted,
          organisations: s.totals.organisations,
          responseRate: s.totals.responseRate,
        };
      }),
    );
    return roundsCard({ lang: langOf(user), timeZone, rounds: rows });
  };

  return {
    verbs: {
      'round.status': status,
      'round.launch': launch,
      'round.remind': remind,
      'round.summary': summary,
    },
    commands: { status, launch, remind, summary, linkChannel, rounds },
    postCouncilSummary,
  };
}
