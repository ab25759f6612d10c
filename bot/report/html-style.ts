/** Phones, tablets and narrow windows: too narrow for the measure table's columns. */
const NARROW = 'screen and (max-width: 60em)';
/**
 * Wide enough for every column heading of the measure table to keep its words whole (the
 * longest, Finnish, needs some 1 130 px); narrower, a heading breaks where it must.
 */
const WIDE = 'screen and (min-width: 72em)';

/** Out of sight, still read by screen readers. */
const HIDDEN =
  'position: absolute; width: 1px; height: 1px; overflow: hidden; clip-path: inset(50%); ' +
  'white-space: nowrap;';

/**
 * The report page's only stylesheet: inline, no web fonts, A4 landscape when printed.
 *
 * On a narrow screen a `table.stack` shows each row as a block: its row header (a measure's
 * description, a question) as the block's heading, then one line per cell, each led by its
 * column's label (stackedLabels). It stays one table, with one copy of the data and the
 * same `th` headers, so the wide layout and print need nothing else. The header row is only
 * hidden from sight: screen readers keep the column headers, and every cell's label is text
 * they read too, so nothing depends on a browser keeping table semantics for a table laid out
 * as blocks (Safari has been known to drop them). Empty cells go out of sight so that no label
 * stands alone; the flags column already names what is missing.
 */
export const REPORT_CSS = `
:root { color-scheme: light; --ink: #1f4e79; --line: #c9d3de; --muted: #555; }
* { box-sizing: border-box; }
body { font: 14px/1.45 system-ui, -apple-system, "Segoe UI", Roboto, sans-serif; color: #111;
  margin: 0 auto; padding: 24px; max-width: 1400px; }
h1 { font-size: 1.7em; margin: 0 0 .2em; color: var(--ink); }
h2 { font-size: 1.35em; margin: 1.6em 0 .5em; border-bottom: 2px solid var(--ink); color: var(--ink); }
h3 { font-size: 1.12em; margin: 1.3em 0 .3em; }
.meta, .muted { color: var(--muted); }
.meta span + span::before { content: " · "; }
dl.totals { display: grid; grid-template-columns: max-content auto; gap: .2em 1em; }
dl.totals dt { font-weight: 600; }
dl.totals dd { margin: 0; }
.charts { display: flex; flex-wrap: wrap; gap: 24px; align-items: flex-start; }
figure { margin: 0; break-inside: avoid; }
figcaption { font-weight: 600; margin-bottom: .3em; }
svg { max-width: 100%; height: auto; }
.note { border-left: 4px solid #b35900; background: #fff4e5; padding: .4em .8em; margin: .5em 0; }
table { border-collapse: collapse; width: 100%; margin: .5em 0 1em; font-size: .92em; }
th, td { border: 1px solid var(--line); padding: 4px 6px; text-align: left; vertical-align: top;
  white-space: pre-wrap; overflow-wrap: anywhere; }
th { background: #eef3f8; }
td.num, th.num { text-align: right; }
table.measures tbody th { font-weight: normal; background: none; }
.flag { display: block; font-weight: 600; color: #8a3b00; white-space: normal; }
.flag::before { content: "⚑ "; }
.other { color: var(--muted); }
.notes { color: var(--muted); margin-top: .3em; }
dd.text { white-space: pre-wrap; margin: 0 0 .6em 1em; }
dt { font-weight: 600; }
@media ${WIDE} {
  thead th { overflow-wrap: normal; }
}
@media ${NARROW} {
  body { padding: 16px; }
  table.stack, table.stack tbody { display: block; position: relative; }
  table.stack thead { ${HIDDEN} }
  table.stack tr { display: flex; flex-direction: column; position: relative;
    border: 1px solid var(--line); border-left: 4px solid var(--ink); margin: 0 0 .8em;
    padding: .5em .7em; }
  table.stack th, table.stack td { display: block; border: 0; padding: .15em 0;
    text-align: left; }
  table.stack tbody th { order: -1; font-weight: 600; font-size: 1.05em; background: none;
    padding-bottom: .35em; }
  table.stack tbody th .notes, table.stack tbody th .other { font-weight: normal; font-size: .95em; }
  table.stack td::before { font-weight: 600; }
  table.stack td:empty { ${HIDDEN} }
  table.ratings tr { flex-flow: row wrap; column-gap: 1.2em; }
  table.ratings tbody th { flex-basis: 100%; }
}
@media print {
  @page { size: A4 landscape; margin: 12mm; }
  body { font-size: 9pt; padding: 0; max-width: none; }
  h2, h3 { break-after: avoid; }
  thead { display: table-header-group; }
  tr, .note, dd { break-inside: avoid; }
  section.goal { break-before: page; }
  .note { background: none; }
}
`;

/**
 * On a narrow screen, the label that leads each cell of `table.${tableClass}` (see REPORT_CSS),
 * by column; `false` for a column without one (the row header). Written once per page rather
 * than as a `data-label` on every cell, which would nearly double a page of 15 000 measures.
 */
export function stackedLabels(tableClass: string, labels: ReadonlyArray<string | false>): string {
  const rules = labels.flatMap((label, i) =>
    label === false
      ? []
      : [
          `table.${tableClass} td:nth-child(${i + 1}):not(:empty)::before { content: "${cssString(label)}: "; }`,
        ],
  );
  return `@media ${NARROW} {\n${rules.join('\n')}\n}\n`;
}

/**
 * Text inside a CSS string: anything but letters, digits, spaces and plain punctuation
 * becomes a hex escape, so a label can neither end the string nor the `<style>` element.
 */
const cssString = (text: string) =>
  text.replace(/[^\p{L}\p{N} .,:;!?()\u2013-]/gu, (c) => `\\${c.codePointAt(0)!.toString(16)} `);
