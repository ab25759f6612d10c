import type { CloudAdapter, TurnContext } from 'botbuilder';
import type { Request, Response } from 'restify';
import type { Logger } from '../log';
import { genericError } from './edge';
import { readJsonBody } from './json-body';

/** Teams activities are small; card submissions with long texts stay far below this. */
export const MAX_BODY_BYTES = 256 * 1024;

export interface MessagesDeps {
  adapter: CloudAdapter;
  bot: { run(context: TurnContext): Promise<void> };
  log: Logger;
  maxBodyBytes?: number;
}

/** botbuilder answers some forged tokens with 500 and the validation error: those are 401s. */
const TOKEN_PROBLEM =
  /token|signature|jwt|jws|issuer|audience|signing key|endorse|algorithm|claim|unauthori[sz]ed/i;

/** Collects what CloudAdapter writes, so the status can be corrected before it is sent. */
function recorder() {
  const out: { status: number; body: unknown; headers: Record<string, unknown> } = {
    status: 200,
    body: undefined,
    headers: {},
  };
  return {
    out,
    res: {
      socket: undefined,
      status: (code: number) => void (out.status = code),
      header: (name: string, value: unknown) => void (out.headers[name] = value),
      send: (body: unknown) => void (out.body = body),
      end: () => undefined,
    },
  };
}

/**
 * `POST /api/messages`: the only route that reads a body, JSON only, capped at
 * `maxBodyBytes`, held in memory; then the adapter authenticates and runs the bot.
 */
export async function messagesRoute(
  deps: MessagesDeps,
  req: Request,
  res: Response,
): Promise<void> {
  const read = await readJsonBody(req, deps.maxBodyBytes ?? MAX_BODY_BYTES);
  if (!read.ok) {
    res.send(read.status, { error: read.error });
    return;
  }
  if (!read.value || typeof read.value !== 'object' || Array.isArray(read.value)) {
    res.send(400, { error: 'the body must be a JSON activity' });
    return;
  }
  req.body = read.value;
  const { out, res: recorded } = recorder();
  let ran = false;
  try {
    await deps.adapter.process(req, recorded, async (context) => {
      ran = true;
      await deps.bot.run(context);
    });
  } catch (e) {
    // A body that is JSON but not an activity (botbuilder's schema parse throws).
    deps.log.info({ err: e }, 'rejected a malformed activity');
    res.send(400, { error: 'malformed activity' });
    return;
  }
  if (out.status === 500 && !ran && TOKEN_PROBLEM.test(String(out.body))) {
    deps.log.warn(
      { reason: String(out.body).slice(0, 200) },
      'rejected a request with a bad token',
    );
    res.send(401, { error: 'unauthorized' });
    return;
  }
  if (out.status === 401) {
    res.send(401, { error: 'unauthorized' });
    return;
  }
  if (out.status >= 500) {
    // botbuilder puts the exception text in its 500 bodies; it belongs in the log only.
    deps.log.error({ reason: String(out.body).slice(0, 500) }, 'turn failed');
    res.send(out.status, genericError(out.status));
    return;
  }
  if (out.body === undefined) res.send(out.status);
  else res.send(out.status, out.body);
}
