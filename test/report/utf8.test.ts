import assert from 'node:assert/strict';
import {
  REPORT_FORMAT_INFO,
  renderReportCsv,
  renderReportHtml,
  renderReportMarkdown,
} from '../../bot/report';
import { Utf8Text } from '../../bot/report/utf8';
import { largeKoonti, seedKoonti } from './fixtures';

const HKI = 'Europe/Helsinki';

describe('report text gathered as UTF-8', () => {
  it('keeps every character, also across the pieces it is encoded in', () => {
    const pieces = Array.from(
      { length: 40_000 },
      (_, i) => ['Äänekoski – ', '💪', 'a'.repeat(i % 7), '⚑\n', '\u00e5'][i % 5]!,
    );
    const out = new Utf8Text();
    for (const p of pieces) out.write(p);
    out.line('viimeinen', '');
    assert.equal(out.bytes().toString('utf8'), `${pieces.join('')}viimeinen\n\n`);
  });

  it('serves the same page, CSV and markdown as the text renderers write', async () => {
    for (const k of [seedKoonti(), largeKoonti(30, 3, 2)]) {
      const as = async (f: 'html' | 'csv' | 'md') => {
        const body = await REPORT_FORMAT_INFO[f].render(k, 'sv', HKI);
        assert.ok(Buffer.isBuffer(body), `${f} is served as bytes`);
        return body.toString('utf8');
      };
      assert.equal(await as('html'), renderReportHtml(k, 'sv', HKI));
      assert.equal(await as('csv'), renderReportCsv(k, 'sv'));
      assert.equal(await as('md'), renderReportMarkdown(k, 'sv', HKI));
    }
  });
});
