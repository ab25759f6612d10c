import assert from 'node:assert/strict';
import { compileKoonti } from '../../bot/domain/koonti';
import type { OrganisationSheet } from '../../bot/domain/ports';
import { reviewSheet } from '../../bot/domain/answers/review';
import { roundStatus } from '../../bot/domain/round-status';
import {
  type Card,
  answerValues,
  goalCard,
  introCard,
  measureFormCard,
  measureValues,
  organisationFormCard,
  overviewCard,
  reviewCard,
  statusCard,
  submittedCard,
  summaryCard,
} from '../../cards';
import { assertValidCard } from '../helpers/card-check';
import { storedMeasure } from '../helpers/measure-fixtures';
import { fixtureRound, sheet } from '../helpers/questionnaire-fixtures';

/** A Teams display name that Teams would render as a login link if read as markdown. */
const NAME = '[Kirjaudu](https://evil.example/x)';
/** Typed text with emphasis, a list marker, a heading and a mention. */
const TYPED =
  '**lihava** _kursiivi_\n- lista\n# otsikko <at>Bob</at> [linkki](https://evil.example/y)';

/**
 * Text Teams reads as markdown: TextBlock texts and FactSet facts. TextRuns, input values and
 * action data are shown as written.
 */
function markdownTexts(node: unknown): string[] {
  if (Array.isArray(node)) return node.flatMap(markdownTexts);
  if (!node || typeof node !== 'object') return [];
  const o = node as Record<string, unknown>;
  const own =
    o.type === 'TextBlock'
      ? [String(o.text)]
      : o.type === 'FactSet'
        ? (o.facts as Array<{ title: string; value: string }>).flatMap((f) => [f.title, f.value])
        : [];
  return [...own, ...Object.values(o).flatMap(markdownTexts)];
}

function runTexts(node: unknown): string[] {
  if (Array.isArray(node)) return node.flatMap(runTexts);
  if (!node || typeof node !== 'object') return [];
  const o = node as Record<string, unknown>;
  return [...(o.type === 'TextRun' ? [String(o.text)] : []), ...Object.values(o).flatMap(runTexts)];
}

/** The hostile text reaches the card, but only where no markdown is parsed. */
function assertPlain(card: Card, label: string, expected: string[] = [NAME]): void {
  assertValidCard(card, label);
  const leaks = markdownTexts(card).filter((s) => s.includes('evil.example') || s.includes('<at>'));
  assert.deepEqual(leaks, [], `${label}: hostile text in a markdown field`);
  const runs = runTexts(card).join('\n');
  for (const text of expected) assert.ok(runs.includes(text), `${label}: shows ${text} literally`);
}

describe('display names and typed text in cards', () => {
  const round = fixtureRound({
    goals: fixtureRound().goals.map((g, i) =>
      i === 0 ? { ...g, description: { fi: `Kuvaus ${NAME}` } } : g,
    ),
    organisations: fixtureRound().organisations.map((o, i) =>
      i < 2 ? { ...o, name: `${o.name.split(' ')[0]} ${NAME}` } : o,
    ),
  });
  const view = sheet('fi', { round, organisation: round.organisations[0]! });
  const measure = storedMeasure({
    updatedBy: NAME,
    description: TYPED,
    owner: TYPED,
    notes: TYPED,
  });
  const submitted = {
    roundId: round.id,
    organisationId: 'kuopio',
    state: 'submitted' as const,
    submittedAt: '2025-09-01T10:00:00.000Z',
    submittedBy: NAME,
    updatedAt: '2025-09-01T12:00:00.000Z',
    updatedBy: NAME,
  };

  it('"Muokattu … (name)" on a goal card shows the name as text, never as a link', () => {
    const card = goalCard({ ...view, goal: round.goals[0]!, measures: [measure], page: 0 });
    assertPlain(card, 'goal', [`(${NAME})`, `Kuvaus ${NAME}`, TYPED.replace(/\r\n?/g, '\n')]);
    const updated = runTexts(card).find((s) => s.startsWith('Muokattu'));
    assert.match(
      updated ?? '',
      /^Muokattu 1\.9\.2025 klo 12\.30 \(\[Kirjaudu\]\(https:\/\/evil\.example\/x\)\)$/,
    );
  });

  it('overview, review and submitted cards show who submitted as text', () => {
    const common = { ...view, measureCounts: {}, orgAnswered: false, others: [], page: 0 };
    assertPlain(overviewCard({ ...common, response: submitted }), 'overview submitted');
    assertPlain(
      overviewCard({ ...common, response: { ...submitted, state: 'draft' } }),
      'overview draft',
    );
    const review = reviewSheet(round, [measure.value], undefined);
    assertPlain(reviewCard({ ...view, review, response: submitted, page: 0 }), 'review');
    assertPlain(submittedCard({ ...view, response: submitted }), 'submitted');
  });

  it('conflict cards name the other editor as text', () => {
    assertPlain(
      measureFormCard({
        ...view,
        goal: round.goals[0]!,
        measureId: measure.value.id,
        etag: 'W/"old"',
        isNew: false,
        values: measureValues(measure.value),
        issues: [],
        page: 0,
        conflict: { stored: measure },
      }),
      'measure conflict',
    );
    assertPlain(
      organisationFormCard({
        ...view,
        base: '0123456789abcdef',
        issues: [],
        values: answerValues(undefined),
        conflict: { answers: undefined, by: NAME, at: '2025-09-01T10:00:00.000Z' },
      }),
      'organisation conflict',
    );
  });

  it('coordinator and council cards show names, organisations and measures as text', () => {
    const sheets = new Map<string, OrganisationSheet>([
      ['kuopio', { response: { etag: 'W/"1"', value: submitted }, measures: [measure] }],
      [
        'pshva',
        {
          response: {
            etag: 'W/"2"',
            value: {
              ...submitted,
              organisationId: 'pshva',
              state: 'draft',
              submittedAt: undefined,
            },
          },
          measures: [],
        },
      ],
    ]);
    const now = new Date('2025-09-05T09:00:00Z');
    const common = { lang: 'fi' as const, timeZone: 'Europe/Helsinki', now, round };
    assertPlain(statusCard({ ...common, status: roundStatus(round, sheets) }), 'status');
    const koonti = compileKoonti(round, sheets, { now });
    assertPlain(summaryCard({ ...common, koonti }), 'summary', [`Larsmo ${NAME}`]);
    assertPlain(summaryCard({ ...common, koonti, goalId: 'terveyserot' }), 'summary goal', [
      TYPED,
      `Kuopion ${NAME}`,
    ]);
    assertPlain(introCard({ ...common, organisation: round.organisations[0]! }), 'intro', [
      `Kuopion ${NAME}`,
    ]);
  });
});
