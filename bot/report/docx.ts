import { randomUUID } from 'node:crypto';
import { t, LOCALES, formatPercent } from '../../cards';
import type { Koonti, KoontiMeasure } from '../domain/koonti';
import { type Lang, type LocalizedText, localize } from '../domain/localized-text';
import { planEndYear } from '../domain/workshop-records';
import { stripInvalidXml } from './escape';
import { MEASURE_FIELDS } from '../domain/answers/measure-fields';
import { fieldText } from './rows';
import { goalSummary } from './report-lines';
import { type RepeatedBlock, repeatBlocks } from './docx-repeat';

/** The meeting's date as the council writes it (`16.9.2025`), in the bot's time zone. */
function meetingDate(k: Koonti, lang: Lang, timeZone: string): string {
  return new Intl.DateTimeFormat(LOCALES[lang], {
    timeZone,
    day: 'numeric',
    month: 'numeric',
    year: 'numeric',
  }).format(new Date(k.round.meetingAt));
}

/** The round's own background text when its definition carries one. */
function description(k: Koonti, lang: Lang): string | undefined {
  const d = (k.round as { description?: LocalizedText }).description;
  return d ? localize(d, lang) : undefined;
}

/**
 * Each measure's appendix texts: organisation (bold), description, then owner, partners and
 * metrics. Made one measure at a time while the document is zipped, so 15 000 never sit in
 * memory at once.
 */
function measureTexts(k: Koonti, lang: Lang) {
  const none = t(lang, 'council.none');
  const text = fieldText(k, lang);
  const partnersField = MEASURE_FIELDS.find((f) => f.id === 'partners')!;
  return function* (measures: readonly KoontiMeasure[]): Generator<[string, string, string]> {
    for (const m of measures) {
      const x = m.measure;
      const partners = [text(m, partnersField), ...text.joined(m, partnersField)]
        .filter(Boolean)
        .join(', ');
      yield [
        `${text.organisation(m)}: `,
        x.description,
        t(lang, 'docx.measureMeta', {
          owner: x.owner || none,
          partners: partners || none,
          metrics: x.metrics || none,
        }),
      ];
    }
  };
}

/**
 * The koonti as the council's Word document, in the shape of its own summaries: title with
 * the meeting date and region, background, the pre-assignment in numbers, then per goal
 * (numbered in round order) the points its workshop raised as bullets, and the measures as
 * an appendix. Text goes in as text runs, never as markup: escaped by the library, and the
 * points and measures by repeatBlocks.
 */
export async function renderReportDocx(k: Koonti, lang: Lang, timeZone: string): Promise<Buffer> {
  // Loaded on the first document: a process that never writes one never pays for it.
  const { Document, HeadingLevel, Packer, Paragraph, TextRun } = await import('docx');
  const date = meetingDate(k, lang, timeZone);
  const runs = (text: string, options: { bold?: boolean; italics?: boolean } = {}) =>
    stripInvalidXml(text)
      .split(/\r\n?|\n/)
      .map((line, i) => new TextRun({ text: line, break: i > 0 ? 1 : undefined, ...options }));
  const para = (text: string) => new Paragraph({ children: runs(text) });
  const heading = (text: string, heading: (typeof HeadingLevel)[keyof typeof HeadingLevel]) =>
    new Paragraph({ heading, children: runs(text) });
  const bullet = (text: string, level = 0) =>
    new Paragraph({ bullet: { level }, children: runs(text) });
  const goalTitle = (i: number, title: LocalizedText) => `${i + 1}. ${localize(title, lang)}`;
  const tot = k.totals;

  const children: InstanceType<typeof Paragraph>[] = [
    heading(t(lang, 'docx.title', { date }), HeadingLevel.TITLE),
    para(
      t(lang, 'docx.subtitle', { region: k.round.region, round: localize(k.round.title, lang) }),
    ),
    heading(t(lang, 'docx.background'), HeadingLevel.HEADING_1),
    para(description(k, lang) ?? t(lang, 'docx.standardBackground')),
    para(t(lang, 'docx.format', { date })),
    heading(t(lang, 'docx.preAssignment'), HeadingLevel.HEADING_1),
    para(t(lang, 'docx.preAssignmentText')),
    para(
      t(lang, 'docx.responseRate', {
        submitted: tot.submitted,
        organisations: tot.organisations,
        rate: formatPercent(lang, tot.responseRate),
        measures: tot.measures,
      }),
    ),
    heading(t(lang, 'docx.measuresPerGoal'), HeadingLevel.HEADING_2),
    ...k.goals.map((g, i) =>
      bullet(
        `${goalTitle(i, g.goal.title)}: ${goalSummary(lang, g.measures.length, g.organisationIds.length)}`,
      ),
    ),
    para(t(lang, 'docx.questionsIntro')),
    bullet(t(lang, 'workshop.questionCooperation')),
    bullet(t(lang, 'workshop.questionChange', { year: planEndYear(k.round) })),
    heading(t(lang, 'docx.koonti', { date }), HeadingLevel.HEADING_1),
    para(`${t(lang, 'points.heading')}:`),
  ];
  // People's texts in lists (points, measures) are written by repeatBlocks: the library
  // writes one copy of a list item with marks where the texts go (see there why). Besides,
  // the library reads `{…}` in its own text as a numbering placeholder, so a point typed as
  // `{default-bullet-numbering-0}` would come out as `1`. A random mark cannot be typed.
  const mark = randomUUID();
  // The goal's number before the field's name: `…-1-point` is no part of `…-10-point`.
  const slot = (goal: number, field: string) => `${mark}-${goal}-${field}`;
  const blocks: RepeatedBlock[] = [];
  k.goals.forEach((g, i) => {
    children.push(heading(goalTitle(i, g.goal.title), HeadingLevel.HEADING_2));
    if (!g.points.length) {
      children.push(para(t(lang, 'points.none')));
      return;
    }
    const marks = [slot(i, 'point')];
    children.push(bullet(marks[0]!));
    blocks.push({ marks, rows: g.points.map((p) => [p.text]) });
  });
  children.push(heading(t(lang, 'docx.appendix'), HeadingLevel.HEADING_1));
  const texts = measureTexts(k, lang);
  k.goals.forEach((g, i) => {
    children.push(heading(goalTitle(i, g.goal.title), HeadingLevel.HEADING_2));
    if (!g.measures.length) {
      children.push(para(t(lang, 'report.noMeasures')));
      return;
    }
    const marks = ['organisation', 'description', 'meta'].map((f) => slot(i, f));
    const [organisation, measure, meta] = marks as [string, string, string];
    children.push(
      new Paragraph({
        bullet: { level: 0 },
        children: [new TextRun({ text: organisation, bold: true }), new TextRun(measure)],
      }),
      new Paragraph({
        indent: { left: 720 },
        children: [new TextRun({ text: meta, italics: true })],
      }),
    );
    blocks.push({ marks, rows: texts(g.measures) });
  });
  const doc = new Document({
    creator: 'hyte-bot',
    title: t(lang, 'docx.title', { date }),
    description: k.round.region,
    styles: { default: { document: { run: { font: 'Calibri', size: 22 } } } },
    sections: [{ children }],
  });
  return repeatBlocks(await Packer.toBuffer(doc), blocks);
}
