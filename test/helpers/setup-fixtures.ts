import { Round } from '../../bot/domain/round';
import type { Cell, SheetRow } from '../../bot/domain/setup/contact-rows';
import { fixtureRoundInput } from './questionnaire-fixtures';

/** A round of `n` organisations with 5 respondents each and ten goals with long titles. */
export function bigRound(n = 300, overrides: Partial<Round> = {}): Round {
  const base = fixtureRoundInput();
  return Round.parse({
    ...base,
    id: 'iso-kierros',
    goals: Array.from({ length: 10 }, (_, g) => ({
      id: `tavoite-${g}`,
      title: {
        fi: `Tavoite ${g}: ${'hyvinvointia ja terveyttä edistävät toimenpiteet yhdessä kuntien kanssa '.repeat(3)}`,
        sv: `Mål ${g}`,
        en: `Goal ${g}`,
      },
    })),
    organisations: Array.from({ length: n }, (_, o) => ({
      id: `org-${String(o).padStart(3, '0')}`,
      name: `Organisaatio numero ${o} – ${'pitkä nimi '.repeat(4)}`.trim(),
      kind: (['municipality', 'county', 'ngo', 'other'] as const)[o % 4],
      respondents: Array.from({ length: 5 }, (_, r) => ({
        email: `vastaaja.${r}.org${o}@organisaatio-${o}.example.fi`,
      })),
    })),
    ...overrides,
  });
}

/** Spreadsheet rows from plain values: strings are text cells, `null` empty. */
export function sheetRows(rows: Array<Array<string | null | Cell>>, firstRow = 1): SheetRow[] {
  return rows.map((cells, i) => ({
    row: firstRow + i,
    cells: cells.map((c): Cell =>
      c === null ? { kind: 'empty' } : typeof c === 'string' ? { kind: 'text', text: c } : c,
    ),
  }));
}

/** A cell value for exceljs: a string, a formula, a date, or a mailto link as Excel makes it. */
export type XlsxValue =
  string | null | { formula: string; result?: string } | Date | { text: string; hyperlink: string };

/** An XLSX workbook with one sheet of `rows` (the first one the header). */
export async function xlsxOf(rows: XlsxValue[][], sheetName = 'Yhteystiedot'): Promise<Buffer> {
  const { default: Excel } = await import('exceljs');
  const wb = new Excel.Workbook();
  const ws = wb.addWorksheet(sheetName);
  for (const r of rows) ws.addRow(r);
  return Buffer.from(await wb.xlsx.writeBuffer());
}
