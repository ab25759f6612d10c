import type { Card } from '../../cards';

/** Every Action.Execute in a card. */
export function executeActions(node: unknown): Array<Record<string, unknown>> {
  if (Array.isArray(node)) return node.flatMap(executeActions);
  if (!node || typeof node !== 'object') return [];
  const o = node as Record<string, unknown>;
  const own = o.type === 'Action.Execute' ? [o] : [];
  return [...own, ...Object.values(o).flatMap(executeActions)];
}

/** The data of the `index`-th action with `verb` (as a client would send it, before inputs). */
export function actionData(card: Card, verb: string, index = 0): Record<string, unknown> {
  const action = executeActions(card).filter((a) => a.verb === verb)[index];
  if (!action) throw new Error(`no ${verb} action #${index} on the card`);
  return { ...(action.data as Record<string, unknown>) };
}

/** Current values of the card's inputs, keyed by id (what the client merges into data). */
export function inputValues(
  node: unknown,
  out: Record<string, string> = {},
): Record<string, string> {
  if (Array.isArray(node)) node.forEach((n) => inputValues(n, out));
  else if (node && typeof node === 'object') {
    const o = node as Record<string, unknown>;
    if (typeof o.type === 'string' && o.type.startsWith('Input.') && typeof o.id === 'string') {
      out[o.id] = typeof o.value === 'string' ? o.value : '';
    }
    Object.values(o).forEach((v) => inputValues(v, out));
  }
  return out;
}

/** What a client sends when the user presses `verb` after typing `typed` into the inputs. */
export function press(
  card: Card,
  verb: string,
  typed: Record<string, string> = {},
  index = 0,
): Record<string, unknown> {
  return { ...actionData(card, verb, index), ...inputValues(card), ...typed };
}
