import type { Measure } from '../../bot/domain/measure';
import type { Versioned } from '../../bot/domain/ports';
import type { Lang } from '../../bot/domain/localized-text';
import type { SheetView } from '../../cards';
import { BEFORE_DEADLINE, fixtureRound } from '../helpers/questionnaire-fixtures';

/** A sheet view of the fixture round for Kuopio. */
export function sheet(lang: Lang, over: Partial<SheetView> = {}): SheetView {
  const round = fixtureRound();
  return {
    lang,
    timeZone: 'Europe/Helsinki',
    now: BEFORE_DEADLINE,
    round,
    organisation: round.organisations[0]!,
    readOnly: false,
    ...over,
  };
}

let seq = 0;
/** A stored measure; `over` replaces fields. */
export function storedMeasure(over: Partial<Measure> = {}): Versioned<Measure> {
  seq += 1;
  return {
    etag: `W/"etag-${seq}"`,
    value: {
      id: `measure-${String(seq).padStart(4, '0')}`,
      goalId: 'terveyserot',
      description: 'Liikuntaneuvonta *kaikille* <at>Anna</at> [linkki](http://x)',
      owner: 'Liikuntapalvelut',
      partners: ['pshva'],
      partnersOther: '',
      metrics: 'Neuvontakäyntien määrä',
      targetGroup: 'Työikäiset',
      timeframe: '2025–2027',
      concrete: 'yes',
      changeBy2029: 'partly',
      plan: 'intensify',
      notes: '',
      createdAt: '2025-09-01T08:00:00.000Z',
      createdBy: 'Anna A',
      updatedAt: '2025-09-01T09:30:00.000Z',
      updatedBy: 'Ben B',
      ...over,
    },
  };
}

/** A measure with every field at its size limit, mostly Finnish text. */
export function hugeMeasure(over: Partial<Measure> = {}): Versioned<Measure> {
  const text = (n: number) =>
    'Hyvinvointiä edistävä toimenpide, jossa ä ö å. '.repeat(n).slice(0, n);
  return storedMeasure({
    description: text(4000),
    owner: text(500),
    partners: ['pshva', 'mtr', 'larsmo'],
    partnersOther: text(1000),
    metrics: text(4000),
    targetGroup: text(1000),
    timeframe: text(200),
    notes: text(4000),
    ...over,
  });
}
