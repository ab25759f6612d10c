import * as ACData from 'adaptivecards-templating';
import type { Card } from './card';

/**
 * Expands an Adaptive Card template with data. Data values are inserted as text, never
 * evaluated: `${…}` inside user input stays literal.
 */
export function expand(template: object, data: Record<string, unknown>): Card {
  return new ACData.Template(template).expand({ $root: data }) as Card;
}
