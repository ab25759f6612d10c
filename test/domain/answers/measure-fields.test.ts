import assert from 'node:assert/strict';
import ExcelJS from 'exceljs';
import { z } from 'zod';
import { parseForm } from '../../../bot/domain/answers/form-input';
import {
  type FieldDef,
  type FieldTable,
  MEASURE_FIELDS,
  fieldsSchema,
} from '../../../bot/domain/answers/measure-fields';
import { measureGaps } from '../../../bot/domain/answers/review';
import { renderReportCsv, renderReportMarkdown, renderReportXlsx } from '../../../bot/report';
import { goalSection } from '../../../bot/report/html-goals';
import { fieldText } from '../../../bot/report/rows';
import { measureFormCard } from '../../../cards';
import { fieldRows, gapWords } from '../../../cards/questionnaire/field-texts';
import { assertValidCard } from '../../helpers/card-check';
import { blankMeasure } from '../../helpers/measure-fixtures';
import { sheet } from '../../helpers/questionnaire-fixtures';
import { seedKoonti } from '../../report/fixtures';

/**
 * A field no real table has, declared the way a new one is: an entry and catalog keys
 * (existing ones here: "Tila", and the ratings' words).
 */
const rating: FieldDef = {
  id: 'rating',
  kind: 'choice',
  schema: z.enum(['yes', 'partly', 'no']).optional(),
  options: { values: ['yes', 'partly', 'no'], form: 'measure.choice', report: 'report.rating' },
  form: true,
  card: 'summary',
  gap: 4,
  report: { column: 20, sheet: 14, page: 'column', list: 'filled' },
  messages: { label: 'report.col.state', column: 'report.col.state', gap: 'report.col.state' },
};
const table: FieldTable = [...MEASURE_FIELDS, rating];

function inputIds(node: unknown): string[] {
  if (Array.isArray(node)) return node.flatMap(inputIds);
  if (!node || typeof node !== 'object') return [];
  const o = node as Record<string, unknown>;
  const own = String(o.type).startsWith('Input.') ? [String(o.id)] : [];
  return [...own, ...Object.values(o).flatMap(inputIds)];
}

describe('measure field table', () => {
  it('declares the public form input ids, each once', () => {
    const ids = MEASURE_FIELDS.filter((f) => f.form).map((f) => f.id);
    assert.deepEqual(ids, [
      'description',
      'owner',
      'partners',
      'partnersOther',
      'metrics',
      'targetGroup',
      'timeframe',
      'concrete',
      'changeBy2029',
      'plan',
      'notes',
      'progress',
      'progressNote',
    ]);
    const columns = MEASURE_FIELDS.map((f) => f.report.column);
    assert.equal(new Set(columns).size, columns.length, 'report columns are distinct');
  });

  describe('a field added to the table alone', () => {
    const k = seedKoonti();
    const first = k.goals[0]!.measures[0]!;
    Object.assign(first.measure, { rating: 'partly' });

    it('is asked in the form, which stays a valid card', () => {
      const view = { ...sheet('fi'), goal: k.round.goals[0]!, measureId: 'new-measure-1' };
      const card = measureFormCard({
        ...view,
        page: 0,
        isNew: true,
        values: { rating: 'no' },
        issues: [{ field: 'rating', problem: 'invalidChoice' }],
        fields: table,
      });
      assertValidCard(card, 'form with an extra field');
      assert.deepEqual(inputIds(card).slice(-2), ['notes', 'rating']);
      assert.match(JSON.stringify(card), /"label":"Tila"/);
      assert.match(JSON.stringify(card), /Valitse jokin vaihtoehdoista/);
    });

    it('is parsed from the form data and refused when not one of its options', () => {
      const schema = fieldsSchema(table);
      const ok = parseForm(schema, { description: 'x', owner: 'y', rating: 'partly' });
      assert.ok(ok.ok);
      assert.equal((ok.value as Record<string, unknown>).rating, 'partly');
      const bad = parseForm(schema, { description: 'x', owner: 'y', rating: 'done' });
      assert.ok(!bad.ok);
      assert.deepEqual(bad.issues, [{ field: 'rating', problem: 'invalidChoice' }]);
    });

    it('is flagged by the review when empty, and shown on cards when filled', () => {
      const m = blankMeasure({ metrics: 'Mittari', partners: ['pshva'] });
      assert.deepEqual(measureGaps(m, table), ['rating']);
      assert.deepEqual(gapWords('fi', measureGaps(m, table), table), ['Tila']);
      assert.deepEqual(measureGaps({ ...m, rating: 'yes' } as typeof m, table), []);
      const rows = fieldRows('fi', k.round, { ...m, rating: 'partly' }, 200, 'summary', table);
      assert.deepEqual(rows.at(-1), { label: 'Tila', value: 'Osittain' });
    });

    it('has a column in the CSV and the XLSX, and a place on the page and in markdown', async () => {
      const csv = renderReportCsv(k, 'fi', table).split('\r\n');
      assert.match(csv[0]!, /,Tila,Huomiot,Edistyminen,Edistymisen tarkennus,Edellinen kierros$/);
      assert.match(csv[1]!, /,osittain,[^,]*,,,$/);
      assert.match(renderReportCsv(k, 'fi'), /^\uFEFF(?!.*Tila)/, 'not in the real table');

      const wb = new ExcelJS.Workbook();
      await wb.xlsx.load((await renderReportXlsx(k, 'fi', table)) as unknown as ArrayBuffer);
      const sheetRows = wb.worksheets[0]!.getSheetValues() as unknown[][];
      assert.ok(sheetRows[1]!.includes('Tila'));
      assert.ok(sheetRows[2]!.includes('osittain'));

      const page = String(
        goalSection(k.goals[0]!, 0, 'fi', k.round, fieldText(k, 'fi', table), table),
      );
      assert.match(page, /<th scope="col">Tila<\/th><th scope="col">Huomiot<\/th>/);
      assert.match(page, /<td>osittain<\/td>/);

      const md = renderReportMarkdown(k, 'fi', 'Europe/Helsinki', table);
      assert.match(md, /\n {2}- Tila: osittain\n/);
    });
  });
});
