import type { KoontiGoal } from './koonti';
import type { LastYearProgress, WorkshopDigest } from './workshop-records';

/**
 * The digest a goal's workshop thread opens with: organisations and measures under the goal,
 * its quality flags and who names whom as a partner, and, when the round follows up its
 * previous one, where last year's measures stand (`lastYearProgress`).
 */
export function workshopDigest(
  goal: KoontiGoal,
  lastYearProgress?: LastYearProgress,
): WorkshopDigest {
  const links = new Map<string, WorkshopDigest['links'][number]>();
  for (const m of goal.measures) {
    for (const p of m.partners) {
      const key = `${m.organisation.id}>${p.id}`;
      const link = links.get(key) ?? { from: m.organisation.name, to: p.name, measures: 0 };
      link.measures++;
      links.set(key, link);
    }
  }
  return {
    organisations: goal.organisationIds.length,
    measures: goal.measures.length,
    flagCounts: { ...goal.flagCounts },
    links: [...links.values()].sort(
      (a, b) => b.measures - a.measures || a.from.localeCompare(b.from),
    ),
    ...(lastYearProgress ? { lastYearProgress } : {}),
  };
}
