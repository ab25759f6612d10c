/** The report page's only stylesheet: inline, no web fonts, A4 landscape when printed. */
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
