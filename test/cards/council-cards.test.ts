import assert from 'node:assert/strict';
import { compileKoonti } from '../../bot/domain/koonti';
import type { Lang } from '../../bot/domain/localized-text';
import type { Measure } from '../../bot/domain/answers/measure';
import type { OrganisationSheet } from '../../bot/domain/ports';
import { Round } from '../../bot/domain/round';
import { roundStatus } from '../../bot/domain/round-status';
import {
  type Card,
  introCard,
  noticeCard,
  progressCard,
  reminderCard,
  roundsCard,
  statusCard,
  summaryCard,
} from '../../cards';
import { executeActions } from '../helpers/card-actions';
import { assertValidCard, cardTexts } from '../helpers/card-check';
import { fixtureRound } from '../helpers/questionnaire-fixtures';

const LANGS: Lang[] = ['fi', 'sv', 'en'];
const TZ = 'Europe/Helsinki';
const now = new Date('2025-09-05T09:00:00Z');
const HOSTILE = '[klikkaa](http://evil.example) <at>Bob</at> **lihava** ${round.id}';

function bigRound(orgs: number): Round {
  const base = fixtureRound();
  return Round.parse({
    ...base,
    organisations: Array.from({ length: orgs }, (_, i) => ({
      id: `org-${i}`,
      name: `Organisaatio ${i} – ${'x'.repeat(60)}`,
      kind: i % 3 ? 'municipality' : 'ngo',
      respondents: [{ email: `r${i}@example.fi` }, { email: `s${i}@example.fi` }],
    })),
  });
}

function measure(
  i: number,
  goalId: string,
  text = 'x'.repeat(4000),
): { value: Measure; etag: string } {
  return {
    etag: 'e',
    value: {
      id: `measure-${String(i).padStart(5, '0')}`,
      goalId,
      description: i === 0 ? HOSTILE : text,
      owner: i === 0 ? HOSTILE : text.slice(0, 500),
      partners: ['org-1', 'org-2'],
      partnersOther: text.slice(0, 1000),
      metrics: i % 2 ? '' : text,
      targetGroup: text.slice(0, 1000),
      timeframe: '2025–2029',
      notes: text,
      concrete: 'partly',
      changeBy2029: 'no',
      plan: 'intensify',
      createdAt: new Date(Date.UTC(2025, 8, 1, 0, i)).toISOString(),
      createdBy: 'A',
      updatedAt: '2025-09-01T00:00:00.000Z',
      updatedBy: 'A',
    },
  };
}

function hostileOnlyInTextRuns(card: Card): void {
  const json = JSON.stringify(card);
  // The hostile text may appear only inside TextRun objects, where markdown is not parsed.
  const runs = json.match(/"type":"TextRun","text":"[^"]*/g) ?? [];
  const total = json.split('evil.example').length - 1;
  const inRuns = runs.join('').split('evil.example').length - 1;
  assert.equal(inRuns, total, 'respondent text outside a TextRun');
}

describe('coordinator and council cards', () => {
  for (const lang of LANGS) {
    describe(`in ${lang}`, () => {
      it('status: empty, and the first and last page of 300 organisations', () => {
        const small = fixtureRound();
        assertValidCard(
          statusCard({
            lang,
            timeZone: TZ,
            now,
            round: small,
            status: roundStatus(small, new Map()),
          }),
        );
        const round = bigRound(300);
        const deliveries = round.organisations.flatMap((o) => [
          {
            roundId: round.id,
            organisationId: o.id,
            person: `email:r${o.id.slice(4)}@example.fi`,
            purpose: 'launch',
            state: 'blocked' as const,
            reason: 'blocked',
            at: now.toISOString(),
            attempts: 1,
          },
          {
            roundId: round.id,
            organisationId: o.id,
            person: `email:s${o.id.slice(4)}@example.fi`,
            purpose: 'reminder|P2D',
            state: 'sent' as const,
            at: now.toISOString(),
            attempts: 1,
          },
        ]);
        const status = roundStatus(round, new Map(), deliveries);
        for (const page of [0, 14, 99]) {
          const card = statusCard({ lang, timeZone: TZ, now, round, status, page });
          assertValidCard(card, `status page ${page}`);
        }
        const first = statusCard({ lang, timeZone: TZ, now, round, status });
        const verbs = executeActions(first).map((a) => a.verb);
        for (const v of ['round.launch', 'round.remind', 'round.summary', 'round.status'])
          assert.ok(verbs.includes(v));
      });

      it('progress: running, done with problems, interrupted', () => {
        const round = fixtureRound();
        const problems = Array.from({ length: 60 }, (_, i) => ({
          organisationName: HOSTILE,
          person: `email:p${i}@example.fi`,
          kind: (['blocked', 'unreachable', 'failed'] as const)[i % 3]!,
          reason: 'HTTP 503',
        }));
        for (const state of ['running', 'done', 'interrupted'] as const) {
          const card = progressCard({
            lang,
            round,
            kind: 'launch',
            total: 100,
            sent: 30,
            alreadySent: 5,
            inProgress: 2,
            problems,
            state,
          });
          assertValidCard(card, `progress ${state}`);
          hostileOnlyInTextRuns(card);
        }
        assertValidCard(
          progressCard({
            lang,
            round,
            kind: 'remind',
            total: 3,
            sent: 3,
            alreadySent: 0,
            inProgress: 0,
            problems: [],
            state: 'done',
          }),
        );
      });

      it('intro and reminders (untouched, draft with missing goals) open the questionnaire', () => {
        const round = fixtureRound();
        const organisation = round.organisations[0]!;
        const intro = introCard({ lang, timeZone: TZ, now, round, organisation });
        assertValidCard(intro);
        assert.deepEqual(executeActions(intro)[0]?.data, {
          roundId: round.id,
          organisationId: 'kuopio',
        });
        const untouched = reminderCard({
          lang,
          timeZone: TZ,
          now,
          round,
          organisation,
          sheet: undefined,
        });
        const draft = reminderCard({
          lang,
          timeZone: TZ,
          now,
          round,
          organisation,
          sheet: { response: undefined, measures: [measure(1, 'terveyserot')] },
        });
        assertValidCard(untouched);
        assertValidCard(draft);
        assert.notEqual(cardTexts(untouched).join(), cardTexts(draft).join());
        assert.ok(
          cardTexts(draft)
            .join('\n')
            .includes(round.goals[1]!.title[lang] ?? round.goals[1]!.title.fi),
        );
      });

      it('summary: overview with a button per goal, and a 400-measure goal paginated', () => {
        const round = bigRound(40);
        const sheets = new Map<string, OrganisationSheet>();
        for (let o = 0; o < 40; o++) {
          sheets.set(`org-${o}`, {
            response: {
              etag: 'e',
              value: { roundId: round.id, organisationId: `org-${o}`, state: 'submitted' },
            },
            measures: Array.from({ length: 10 }, (_, i) => measure(o * 10 + i, 'terveyserot')),
          });
        }
        const koonti = compileKoonti(round, sheets, { now });
        const overview = summaryCard({
          lang,
          timeZone: TZ,
          koonti,
          reportUrl: 'https://hyte.example.fi/reports/x?sig=1',
        });
        assertValidCard(overview, 'summary overview');
        const goalButtons = executeActions(overview).filter(
          (a) => (a.data as { goalId?: string }).goalId,
        );
        assert.equal(goalButtons.length, round.goals.length);
        for (const page of [0, 1, 49]) {
          const detail = summaryCard({ lang, timeZone: TZ, koonti, goalId: 'terveyserot', page });
          assertValidCard(detail, `summary detail page ${page}`);
          hostileOnlyInTextRuns(detail);
        }
        assertValidCard(
          summaryCard({
            lang,
            timeZone: TZ,
            koonti: compileKoonti(fixtureRound(), new Map(), { now }),
          }),
        );
        assertValidCard(summaryCard({ lang, timeZone: TZ, koonti, goalId: 'no-such-goal' }));
      });

      it('notices and the rounds list', () => {
        for (const kind of [
          'notCoordinator',
          'noRound',
          'channelLinked',
          'linkHowTo',
          'noCouncil',
          'summaryPosted',
        ] as const)
          assertValidCard(noticeCard(lang, kind, { round: 'HYTE 2025' }), kind);
        assertValidCard(
          roundsCard({
            lang,
            timeZone: TZ,
            rounds: [{ round: fixtureRound(), submitted: 2, organisations: 4, responseRate: 0.5 }],
          }),
        );
      });
    });
  }
});
