import { Metrics, type Telemetry } from '../domain/ports';

/** One recipient's outcome as `deliverAll` sees it: a word, or a problem with its kind. */
type SendOutcome = string | { kind: string };

/**
 * Counts one recipient of a launch, reminder or council post as `hyte.sends` by purpose
 * (`launch`, `reminder`, `council`: the slot and the person stay out) and outcome, and a
 * block also as `hyte.blocked`.
 */
export function countSend(
  telemetry: Telemetry,
  run: { round: { id: string }; purpose: string },
  outcome: SendOutcome,
): void {
  const result = typeof outcome === 'string' ? outcome : outcome.kind;
  const attrs = {
    'hyte.round': run.round.id,
    'hyte.purpose': run.purpose.split('|')[0] ?? run.purpose,
    'hyte.outcome': result,
  };
  telemetry.count(Metrics.sends, 1, attrs);
  if (result === 'blocked') telemetry.count(Metrics.blocked, 1, attrs);
}
