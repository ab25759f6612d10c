import { docxAsText } from '../helpers/libreoffice';
import assert from 'node:assert/strict';
import { Document, Packer, Paragraph, TextRun } from 'docx';
import { unzipSync } from 'fflate';
import type { Koonti } from '../../bot/domain/koonti';
import { renderReportDocx } from '../../bot/report';
import { repeatBlocks } from '../../bot/report/docx-repeat';
import { docxParagraphs } from './docx-reader';
import { largeKoonti } from './fixtures';

const HKI = 'Europe/Helsinki';
/** XML specials, an entity, control characters, a lone surrogate and line ends. */
const NASTY = {
  organisation: 'Kunta <b>&amp;</b> "Yhtymä" \u0001',
  description: "Rivi 1 </w:t><w:t>x & 'y'\r\nRivi 2\u0007\u000B\uD800\nRivi 3",
  owner: ']]><!-- <w:p> -->',
  metrics: '{default-bullet-numbering-0} ∑ 💪 åäö',
};
const SHOWN = {
  organisation: 'Kunta <b>&amp;</b> "Yhtymä" ',
  description: "Rivi 1 </w:t><w:t>x & 'y'\nRivi 2\nRivi 3",
};

/** 15 000 measures, the very last one with NASTY text. */
function bigKoonti(): Koonti {
  const k = largeKoonti(300, 10, 5);
  const last = k.goals.length - 1;
  return {
    ...k,
    goals: k.goals.map((g, i) =>
      i !== last
        ? g
        : {
            ...g,
            measures: g.measures.map((m, j) =>
              j !== g.measures.length - 1
                ? m
                : {
                    ...m,
                    organisation: { ...m.organisation, name: NASTY.organisation },
                    measure: {
                      ...m.measure,
                      description: NASTY.description,
                      owner: NASTY.owner,
                      metrics: NASTY.metrics,
                    },
                  },
            ),
          },
    ),
  };
}

async function libraryDocument(children: Paragraph[]): Promise<Uint8Array> {
  return new Uint8Array(await Packer.toBuffer(new Document({ sections: [{ children }] })));
}

describe('the Word document of a large koonti', () => {
  it('copies a block the library wrote once per row, each text escaped as text', async () => {
    const doc = await libraryDocument([
      new Paragraph({ children: [new TextRun('Alku')] }),
      new Paragraph({
        bullet: { level: 0 },
        children: [new TextRun({ text: 'M-a', bold: true }), new TextRun('M-b')],
      }),
      new Paragraph({ children: [new TextRun('Loppu')] }),
    ]);
    const rows = [
      ['Yksi: ', 'eka'],
      ['<Kaksi> & ', 'toka\nrivi'],
      ['\u0007', ''],
    ];
    const out = await repeatBlocks(doc, [{ marks: ['M-a', 'M-b'], rows }]);
    assert.deepEqual(docxParagraphs(out), [
      'Alku',
      'Yksi: eka',
      '<Kaksi> & toka\nrivi',
      '',
      'Loppu',
    ]);
    const xml = Buffer.from(unzipSync(new Uint8Array(out))['word/document.xml']!).toString();
    assert.equal(
      xml.match(/<w:numPr>/g)?.length,
      3,
      'every copy is a bullet, as the library wrote it',
    );
    assert.equal(xml.match(/<w:b\/>/g)?.length, 3, 'and its first run bold');
    const parts = Object.keys(unzipSync(new Uint8Array(out)));
    assert.deepEqual(parts, Object.keys(unzipSync(doc)), 'every other part kept, in its order');
  });

  it('refuses marks that are missing, twice in the document or not a whole text run', async () => {
    const doc = await libraryDocument([
      new Paragraph({ children: [new TextRun('M-a'), new TextRun('M-a')] }),
      new Paragraph({ children: [new TextRun('xM-by')] }),
    ]);
    const copy = (marks: string[]) => repeatBlocks(doc, [{ marks, rows: [['1']] }]);
    await assert.rejects(copy(['M-z']), /exactly once/);
    await assert.rejects(copy(['M-a']), /exactly once/);
    await assert.rejects(copy(['M-b']), /whole text run/);
    const failing = (function* () {
      yield ['1'];
      throw new Error('rows failed');
    })();
    const ok = await libraryDocument([new Paragraph({ children: [new TextRun('M-a')] })]);
    await assert.rejects(repeatBlocks(ok, [{ marks: ['M-a'], rows: failing }]), /rows failed/);
  });

  it("keeps a point that looks like one of the library's placeholders as typed", async () => {
    const k = largeKoonti(3, 2, 1);
    const typed = ['{default-bullet-numbering-0}', `{rId1} ${NASTY.description}`];
    const withPoints: Koonti = {
      ...k,
      goals: k.goals.map((g, i) => ({
        ...g,
        points: i
          ? []
          : typed.map((text, seq) => ({
              roundId: k.round.id,
              goalId: g.goal.id,
              seq,
              text,
              author: 'Maija',
              authorId: 'u1',
              at: '2025-09-16T07:10:00.000Z',
              via: 'reply' as const,
            })),
      })),
    };
    const lines = docxParagraphs(await renderReportDocx(withPoints, 'fi', HKI));
    const at = lines.indexOf(typed[0]!);
    assert.ok(at > 0, 'the placeholder-like point is kept');
    assert.equal(lines[at + 1], `{rId1} ${SHOWN.description}`);
    assert.equal(lines[at + 3], 'Ei työpajahuomioita.', 'the next goal has none');
  });

  it('lists all 15 000 measures, the last one with its user text as text', async () => {
    const k = bigKoonti();
    const lines = docxParagraphs(await renderReportDocx(k, 'fi', HKI));
    const appendix = lines.indexOf('Liite: toimenpiteet tavoitteittain');
    const measures = lines.slice(appendix).filter((l) => l.startsWith('Organisaatio '));
    assert.equal(measures.length + 1, 15_000);
    const last = lines.at(-1) ?? '';
    assert.equal(lines.at(-2), `${SHOWN.organisation}: ${SHOWN.description}`);
    assert.ok(last.includes(`Vastuutaho: ${NASTY.owner}`), last);
    assert.ok(last.includes(`Seurantamittarit: ${NASTY.metrics}`), last);
  });

  it('opens in LibreOffice Writer with 15 000 measures, through the last one', async function () {
    this.timeout(120_000);
    const text = docxAsText(await renderReportDocx(bigKoonti(), 'fi', HKI));
    assert.equal(text.filter((l) => l.includes('• Organisaatio ')).length + 1, 15_000);
    const first = text.findIndex((l) => l.includes(`${SHOWN.organisation}: Rivi 1`));
    assert.ok(first > 0, 'the last measure is listed');
    assert.ok(text[first]?.endsWith("Rivi 1 </w:t><w:t>x & 'y'"), text[first]);
    assert.deepEqual(text.slice(first + 1, first + 3), ['Rivi 2', 'Rivi 3']);
    assert.ok(text[first + 3]?.includes(`Vastuutaho: ${NASTY.owner}`), text[first + 3]);
    assert.ok(text[first + 3]?.includes(NASTY.metrics), text[first + 3]);
  });
});
