import type { Card } from './card';

/**
 * User-typed text rendered as a RichTextBlock of TextRuns: TextRuns are never parsed as
 * markdown, so typed links, emphasis, lists or `<at>` tags stay literal on every client
 * (backslash escapes render differently on desktop and mobile).
 */
export function userText(
  text: string,
  options: { weight?: 'bolder'; isSubtle?: boolean; size?: 'small' | 'medium' | 'large' } = {},
): Card {
  return {
    type: 'RichTextBlock',
    inlines: [{ type: 'TextRun', text: text.replace(/\r\n?/g, '\n'), ...options }],
  };
}

/** Shortens text to `max` characters on a word boundary, with an ellipsis. */
export function truncate(text: string, max: number): string {
  if (text.length <= max) return text;
  const cut = text.slice(0, max - 1);
  const space = cut.lastIndexOf(' ');
  return `${space > max * 0.6 ? cut.slice(0, space) : cut}…`;
}
