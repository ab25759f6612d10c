import type { Lang } from '../../bot/domain/localized-text';
import type { WorkshopPoint } from '../../bot/domain/workshop-records';
import type { Card } from '../card';
import { formatDateTime, t } from '../i18n';
import { truncate, userText } from '../text';
import { line } from './parts';

/** Points on a goal's koonti card; the report and every export have them all, whole. */
const POINTS_ON_CARD = 15;
const POINT_CHARS = 300;

/** "3 workshop points" under a goal of the koonti overview; nothing when there are none. */
export function pointCountLine(lang: Lang, points: readonly WorkshopPoint[]): Card[] {
  return points.length
    ? [line(t(lang, 'points.count', { count: points.length }), { size: 'small' })]
    : [];
}

/** A goal's workshop points, numbered in the order received, under the council's heading. */
export function pointItems(lang: Lang, points: readonly WorkshopPoint[], timeZone: string): Card[] {
  if (!points.length) return [];
  const items: Card[] = [line(t(lang, 'points.heading'), { weight: 'bolder', separator: true })];
  for (const [i, p] of points.slice(0, POINTS_ON_CARD).entries()) {
    items.push(
      userText(`${i + 1}. ${truncate(p.text, POINT_CHARS)}`),
      userText(
        t(lang, 'workshop.pointBy', {
          author: p.author,
          time: formatDateTime(lang, p.at, timeZone),
        }),
        { size: 'small', isSubtle: true },
      ),
    );
  }
  if (points.length > POINTS_ON_CARD)
    items.push(
      line(t(lang, 'workshop.showingLatest', { shown: POINTS_ON_CARD, total: points.length }), {
        size: 'small',
        isSubtle: true,
      }),
    );
  return items;
}
