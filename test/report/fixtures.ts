import fs from 'node:fs';
import path from 'node:path';
import { compileKoonti, type Koonti } from '../../bot/domain/koonti';
import type { Measure } from '../../bot/domain/answers/measure';
import type { OrganisationAnswers } from '../../bot/domain/answers/organisation-answers';
import type { OrganisationSheet } from '../../bot/domain/ports';
import { Round } from '../../bot/domain/round';
import { parseRoundFile } from '../../bot/domain/round-file';
import { fixtureRound, fixtureRoundInput } from '../helpers/questionnaire-fixtures';

/** Text a respondent could type to break out of the report. */
export const HOSTILE = {
  script: '<script>alert(1)</script>',
  link: '[click](http://evil.example)',
  mention: '<at>Someone</at>',
  formula: '=HYPERLINK("http://evil")',
  plus: '+1+1',
  at: '@SUM(A1)',
  minus: '-2',
  bell: 'Kello\u0007soi',
  emoji: 'Hyvä ympäristö 💪 åäö ÅÄÖ',
  /** A comma, a quote and a newline: CSV quoting. */
  quoting: 'Seurakunta, "Nuorisotyö"\nja 4H-yhdistys',
} as const;

export const NOW = new Date('2025-09-10T06:00:00Z');

let n = 0;
/** A stored measure under `goalId`; every field overridable. */
export function measure(goalId: string, over: Partial<Measure> = {}) {
  n++;
  const value: Measure = {
    id: `measure-${String(n).padStart(6, '0')}`,
    goalId,
    description: `Toimenpide ${n}`,
    owner: 'Hyvinvointikoordinaattori',
    partners: [],
    partnersOther: '',
    metrics: 'TEA-viisari',
    targetGroup: '',
    timeframe: '',
    notes: '',
    concrete: 'yes',
    changeBy2029: 'yes',
    createdAt: new Date(Date.UTC(2025, 8, 1, 8, 0, 0, n)).toISOString(),
    createdBy: 'A',
    updatedAt: '2025-09-01T08:00:00.000Z',
    updatedBy: 'A',
    ...over,
  };
  return { etag: `e${n}`, value };
}

const answers = (over: Partial<OrganisationAnswers> = {}): OrganisationAnswers => ({
  dataFromCountyComment: '',
  expertSupportComment: '',
  networksWorkComment: '',
  dropFromPlan: '',
  addToPlan: '',
  comments: '',
  ...over,
});

function submitted(
  roundId: string,
  measures: Array<ReturnType<typeof measure>>,
  a?: OrganisationAnswers,
): OrganisationSheet {
  return {
    response: {
      etag: 'r',
      value: { roundId, organisationId: 'x', state: 'submitted', answers: a },
    },
    measures,
  };
}

/**
 * The fixture round answered like the seed koonti (liikuntaneuvonta, mielenterveys, päihteet;
 * owners, metrics, partners), with hostile text in free fields. Larsmo only has a draft.
 * Osallisuus has no partner named: no cooperation visible there.
 */
export function seedKoonti(): Koonti {
  const round = fixtureRound();
  const sheets = new Map<string, OrganisationSheet>([
    [
      'kuopio',
      submitted(
        round.id,
        [
          measure('terveyserot', {
            description: 'Liikuntaneuvonta kohdennetaan tilannekuvan perusteella vähän liikkuville',
            owner: 'Liikuntapalvelut',
            partners: ['pshva'],
            metrics: 'Liikuntaneuvontaan ohjattujen määrä; FinSote: liikkuu alle suosituksen',
            targetGroup: 'Työikäiset, joilla hyvinvointivaje',
            timeframe: '2025–2029',
            plan: 'intensify',
          }),
          measure('osallisuus', {
            description: `Asukasraatimalli kuntiin ${HOSTILE.script}`,
            owner: HOSTILE.plus,
            metrics: HOSTILE.at,
            targetGroup: HOSTILE.minus,
            timeframe: HOSTILE.bell,
            plan: 'new',
            concrete: 'partly',
            changeBy2029: 'unknown',
          }),
          measure('elintavat', {
            description: HOSTILE.formula,
            owner: '',
            partners: ['pshva', 'mtr'],
            partnersOther: HOSTILE.quoting,
            metrics: '',
            notes: HOSTILE.mention,
            concrete: 'no',
            changeBy2029: 'no',
            plan: 'continue',
          }),
        ],
        answers({
          dataFromCounty: 'partly',
          dataFromCountyComment: `Tieto erityisryhmistä puuttuu ${HOSTILE.mention}`,
          addToPlan: 'Asukasraadit',
          comments: HOSTILE.link,
        }),
      ),
    ],
    [
      'pshva',
      submitted(
        round.id,
        [
          measure('terveyserot', {
            description: `Mielenterveyden ensiapu -koulutukset ${HOSTILE.emoji}`,
            owner: 'Mielenterveyspalvelut',
            partners: ['mtr', 'kuopio'],
            metrics: 'Koulutettujen määrä',
            plan: 'continue',
          }),
          measure('elintavat', {
            description: 'Päihteiden ehkäisevä työ: Pakka-toimintamalli kuntiin',
            owner: 'Ehkäisevä päihdetyö',
            partners: ['kuopio'],
            metrics: 'Kouluterveyskysely: humalajuominen',
            plan: 'drop',
          }),
        ],
        answers({ dataFromCounty: 'yes', expertSupport: 'no', networksWork: 'yes' }),
      ),
    ],
    ['mtr', submitted(round.id, [measure('terveyserot', { description: HOSTILE.link })])],
    [
      'larsmo',
      { response: undefined, measures: [measure('terveyserot', { description: 'Utkast' })] },
    ],
  ]);
  return compileKoonti(round, sheets, { now: NOW });
}

/** `organisations` organisations × `goals` goals × `perGoal` measures, every one submitted. */
export function largeKoonti(organisations = 300, goals = 10, perGoal = 5): Koonti {
  const base = fixtureRoundInput();
  const round = Round.parse({
    ...base,
    goals: Array.from({ length: goals }, (_, g) => ({
      id: `goal-${g + 1}`,
      title: { fi: `Painopistealue ${g + 1}: hyvinvoinnin ja terveyden edistäminen` },
    })),
    organisations: Array.from({ length: organisations }, (_, o) => ({
      id: `org-${o + 1}`,
      name: `Organisaatio ${o + 1} ry`,
      kind: (['municipality', 'county', 'ngo', 'other'] as const)[o % 4],
    })),
  });
  const sheets = new Map<string, OrganisationSheet>();
  round.organisations.forEach((org, o) => {
    const measures = round.goals.flatMap((goal) =>
      Array.from({ length: perGoal }, (_, i) =>
        measure(goal.id, {
          description: `Toimenpide ${i + 1}: liikuntaneuvonta, mielenterveys & päihteet <b>`,
          partners: i % 2 ? [`org-${((o + i) % organisations) + 1}`] : [],
          metrics: i % 3 ? 'Kouluterveyskysely' : '',
          plan: 'continue',
        }),
      ),
    );
    sheets.set(org.id, submitted(round.id, measures));
  });
  return compileKoonti(round, sheets, { now: NOW });
}

/** Text that tries to end an HTML element, add an attribute, or start a formula after `;`. */
export const HOSTILE_FIELDS = [
  '<script>alert(1)</script>',
  '" onerror="alert(1)',
  "' onerror='alert(2)",
  '</td></tr></table><img src=x onerror=alert(3)>',
  'Liikunta;=1+1',
  'Kävely\t+SUM(A1)',
  '=HYPERLINK("http://evil")',
  '@cmd',
  '-2+3',
  'Äänekoski ja Öljymäki: ympäristö, yhdyspintatyö; "lainaus" _x0041_',
] as const;

/**
 * The sample round (rounds/pohjois-savo-2025.yaml) with hostile text in every free field
 * of every measure, every organisation-level text, and the names of the organisations and
 * goals that answer; Finnish letters throughout.
 */
export function hostileSampleKoonti(): Koonti {
  const file = path.join(__dirname, '..', '..', 'rounds', 'pohjois-savo-2025.yaml');
  const sample = parseRoundFile(fs.readFileSync(file, 'utf8'), file);
  const pick = (i: number) => HOSTILE_FIELDS[i % HOSTILE_FIELDS.length] ?? '';
  const round: Round = {
    ...sample,
    region: `${sample.region} ${pick(1)}`,
    goals: sample.goals.map((g, i) => ({ ...g, title: { fi: `${g.title.fi} ${pick(i)}` } })),
    organisations: sample.organisations.map((o, i) => ({ ...o, name: `${o.name} ${pick(i + 3)}` })),
  };
  const sheets = new Map<string, OrganisationSheet>();
  round.organisations.slice(0, 4).forEach((o, oi) => {
    const measures = round.goals.slice(0, 3).map((g, gi) => {
      const at = oi * 3 + gi;
      return measure(g.id, {
        description: pick(at),
        owner: pick(at + 1),
        partners: [round.organisations[(oi + 1) % 4]!.id],
        partnersOther: pick(at + 2),
        metrics: pick(at + 3),
        targetGroup: pick(at + 4),
        timeframe: pick(at + 5),
        notes: pick(at + 6),
      });
    });
    const texts = answers({
      dataFromCountyComment: pick(oi),
      expertSupportComment: pick(oi + 1),
      networksWorkComment: pick(oi + 2),
      dropFromPlan: pick(oi + 3),
      addToPlan: pick(oi + 4),
      comments: pick(oi + 5),
    });
    sheets.set(o.id, submitted(round.id, measures, texts));
  });
  return compileKoonti(round, sheets, { now: NOW });
}
