/**
 * Characters XML 1.0 forbids (C0 controls other than tab, LF and CR; lone surrogates; U+FFFE
 * and U+FFFF). They carry no meaning in an answer and make an .xlsx unreadable, so every
 * format drops them.
 */
const INVALID_XML = /[^\t\n\r\u0020-\uD7FF\uE000-\uFFFD\u{10000}-\u{10FFFF}]/gu;
/** Cheap pre-check: most text has none of these, and testing is faster than replacing. */
// eslint-disable-next-line no-control-regex -- matching control characters is the point
const MAYBE_INVALID = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\uD800-\uDFFF\uFFFE\uFFFF]/;

/** Drops the characters XML 1.0 cannot hold (see INVALID_XML). */
export function stripInvalidXml(text: string): string {
  return MAYBE_INVALID.test(text) ? text.replace(INVALID_XML, '') : text;
}

const ENTITIES: Record<string, string> = {
  '&': '&amp;',
  '<': '&lt;',
  '>': '&gt;',
  '"': '&quot;',
  "'": '&#39;',
};
const SPECIAL = /[&<>"']/g;
const HAS_SPECIAL = /[&<>"']/;

/**
 * Escapes text for HTML and XML content and attribute values alike: `& < > " '` become
 * entities, so markup, links or scripts typed into an answer show as literal text.
 */
export function escapeHtml(text: string): string {
  const clean = stripInvalidXml(text);
  return HAS_SPECIAL.test(clean) ? clean.replace(SPECIAL, (c) => ENTITIES[c] ?? c) : clean;
}
