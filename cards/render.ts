import * as ACData from 'adaptivecards-templating';
import type { Card } from './card';

/** Preparing a template parses every `${…}` expression: do it once per template. */
const prepared = new WeakMap<object, ACData.Template>();

/**
 * Expands an Adaptive Card template with data. Data values are inserted as text, never
 * evaluated: `${…}` inside user input stays literal.
 */
export function expand(template: object, data: Record<string, unknown>): Card {
  let t = prepared.get(template);
  if (!t) prepared.set(template, (t = new ACData.Template(template)));
  return t.expand({ $root: data }) as Card;
}
