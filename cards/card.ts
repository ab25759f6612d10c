import type { Verb } from './verbs';

/** An Adaptive Card 1.5 as plain JSON. */
export type Card = Record<string, unknown>;

export const CARD_VERSION = '1.5';
/** Teams refuses bot messages over ~100 KB; cards stay well below so a message never fails. */
export const MAX_CARD_BYTES = 40 * 1024;

/** Data carried by a card action; never trusted for identity, only for navigation. */
export type ActionData = Record<string, string | number | boolean | undefined>;

/**
 * Universal Action (`Action.Execute`) with an `Action.Submit` fallback carrying the same data
 * and the verb, for clients without Universal Actions.
 */
export function execute(
  title: string,
  verb: Verb,
  data: ActionData = {},
  options: { style?: 'positive' | 'destructive'; associatedInputs?: 'auto' | 'none' } = {},
): Card {
  const clean = Object.fromEntries(Object.entries(data).filter(([, v]) => v !== undefined));
  const common = {
    title,
    ...(options.style ? { style: options.style } : {}),
    ...(options.associatedInputs ? { associatedInputs: options.associatedInputs } : {}),
  };
  return {
    type: 'Action.Execute',
    ...common,
    verb,
    data: clean,
    fallback: { type: 'Action.Submit', ...common, data: { ...clean, verb } },
  };
}

/** UTF-8 size of the card as it goes over the wire. */
export function cardBytes(card: Card): number {
  return Buffer.byteLength(JSON.stringify(card), 'utf8');
}
