import { escapeHtml } from './escape';

/** Markup that is already safe: written by us, or built by `html` from escaped parts. */
export class SafeHtml {
  constructor(readonly value: string) {}
  toString(): string {
    return this.value;
  }
}

/** What may stand in a `${}` of `html`: text is escaped, SafeHtml kept, lists joined. */
export type HtmlValue =
  SafeHtml | string | number | false | null | undefined | readonly HtmlValue[];

function render(value: HtmlValue): string {
  if (value instanceof SafeHtml) return value.value;
  if (typeof value === 'string') return escapeHtml(value);
  if (typeof value === 'number') return String(value);
  if (Array.isArray(value)) {
    let out = '';
    for (const v of value as readonly HtmlValue[]) out += render(v);
    return out;
  }
  return '';
}

/**
 * Markup by tagged template, escaping by default: `html\`<td>${text}</td>\`` escapes `text`
 * whatever it holds, so no `${}` can forget to. Only SafeHtml (another `html` result, or
 * `raw()` for markup we wrote) passes unchanged; `false`, `null` and `undefined` render as
 * nothing, so `${cond && html\`…\`}` works.
 */
export function html(strings: TemplateStringsArray, ...values: HtmlValue[]): SafeHtml {
  let out = strings[0] ?? '';
  for (let i = 0; i < values.length; i++) out += render(values[i]) + (strings[i + 1] ?? '');
  return new SafeHtml(out);
}

/** Markup we wrote ourselves (a stylesheet, a policy): never pass respondent text here. */
export const raw = (markup: string): SafeHtml => new SafeHtml(markup);

/** Parts joined by a separator we wrote, each part escaped unless already SafeHtml. */
export function join(parts: readonly HtmlValue[], separator = ''): SafeHtml {
  return new SafeHtml(parts.map(render).join(separator));
}
