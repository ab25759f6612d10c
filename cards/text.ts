import type { Card } from './card';

/**
 * User-typed text rendered as a RichTextBlock of TextRuns: TextRuns are never parsed as
 * markdown, so typed links, emphasis, lists or `<at>` tags stay literal on every client
 * (backslash escapes render differently on desktop and mobile).
 */
export function userText(
  text: string,
  options: {
    weight?: 'bolder';
    isSubtle?: boolean;
    size?: 'small' | 'medium' | 'large';
    color?: 'attention' | 'warning' | 'good';
    separator?: boolean;
  } = {},
): Card {
  const { separator, ...run } = options;
  return {
    type: 'RichTextBlock',
    ...(separator ? { separator } : {}),
    inlines: [{ type: 'TextRun', text: text.replace(/\r\n?/g, '\n'), ...run }],
  };
}

/**
 * At most `max` characters with an ellipsis if cut, on a word boundary when one is near the
 * end. Counts code points, so an emoji or other astral character is never split in half.
 */
export function truncate(text: string, max: number): string {
  if (text.length <= max) return text;
  const chars = Array.from(text);
  if (chars.length <= max) return text;
  const cut = chars.slice(0, max - 1).join('');
  const space = cut.lastIndexOf(' ');
  return `${space > cut.length * 0.6 ? cut.slice(0, space) : cut}…`;
}
