import { type Measure, MeasureFields } from '../../bot/domain/answers/measure';
import type { Versioned } from '../../bot/domain/ports';

let seq = 0;

/**
 * A measure with only the required fields filled (every other field at its default, from
 * the field table); `over` replaces fields. Ids and creation times grow with each call.
 */
export function blankMeasure(over: Partial<Measure> = {}): Measure {
  seq += 1;
  return {
    ...MeasureFields.parse({ description: `Toimenpide ${seq}`, owner: 'Liikuntapalvelut' }),
    id: `measure-${String(seq).padStart(6, '0')}`,
    goalId: 'terveyserot',
    createdAt: new Date(Date.UTC(2025, 8, 1, 8, 0, 0, seq)).toISOString(),
    createdBy: 'Anna A',
    updatedAt: '2025-09-01T08:00:00.000Z',
    updatedBy: 'Anna A',
    ...over,
  };
}

/** A stored measure with every field answered, typed text that looks like markup included. */
export function storedMeasure(over: Partial<Measure> = {}): Versioned<Measure> {
  const value = blankMeasure({
    description: 'Liikuntaneuvonta *kaikille* <at>Anna</at> [linkki](http://x)',
    owner: 'Liikuntapalvelut',
    partners: ['pshva'],
    metrics: 'Neuvontakäyntien määrä',
    targetGroup: 'Työikäiset',
    timeframe: '2025–2027',
    concrete: 'yes',
    changeBy2029: 'partly',
    plan: 'intensify',
    createdAt: '2025-09-01T08:00:00.000Z',
    updatedAt: '2025-09-01T09:30:00.000Z',
    updatedBy: 'Ben B',
    ...over,
  });
  return { etag: `W/"etag-${seq}"`, value };
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
