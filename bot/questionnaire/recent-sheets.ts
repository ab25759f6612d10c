import type { Clock, OrganisationSheet } from '../domain/ports';

type Ids = { roundId: string; organisationId: string };

/** How long a sheet seen here stands as the base of a write. */
const TTL_MS = 60_000;
/** Measures kept over all sheets (about 1 kB each): the oldest sheets go first. */
const MAX_MEASURES = 20_000;

/**
 * Sheets this process read or wrote lately, as the starting point of the next write to them:
 * a respondent's save usually follows a card built from the same sheet a moment ago, and
 * the partition read it saves is most of a save's storage time.
 *
 * A sheet from here is only a guess. The transaction that writes on it carries its response
 * record's ETag, which every change of the sheet replaces (`ResponseStore.writeSheet`), so a
 * guess another instance made stale fails as a race and is read again; `changeSheet` never
 * answers from a guess without writing. Carrying measures on a round import writes the
 * response record again when there is one; a sheet without one (nobody has saved yet) is
 * not kept, since its first save could not tell that measures were carried into it meanwhile.
 */
export class RecentSheets {
  private readonly sheets = new Map<string, { sheet: OrganisationSheet; at: number }>();
  private measures = 0;

  constructor(
    private readonly clock: Clock,
    private readonly ttlMs = TTL_MS,
    private readonly maxMeasures = MAX_MEASURES,
  ) {}

  get(ids: Ids): OrganisationSheet | undefined {
    const key = keyOf(ids);
    const kept = this.sheets.get(key);
    if (!kept) return undefined;
    if (this.clock.now().getTime() - kept.at < this.ttlMs) return kept.sheet;
    this.remove(key);
    return undefined;
  }

  /** `sheet` as storage holds it now (just read, or just written). */
  put(ids: Ids, sheet: OrganisationSheet): void {
    const key = keyOf(ids);
    this.remove(key);
    if (!sheet.response) return;
    // Shared between turns: frozen, so no use case can change what the next one starts from.
    const kept = Object.freeze({ ...sheet, measures: Object.freeze([...sheet.measures]) });
    this.sheets.set(key, { sheet: kept as OrganisationSheet, at: this.clock.now().getTime() });
    this.measures += sheet.measures.length;
    for (const oldest of this.sheets.keys()) {
      if (this.measures <= this.maxMeasures) break;
      this.remove(oldest);
    }
  }

  drop(ids: Ids): void {
    this.remove(keyOf(ids));
  }

  private remove(key: string): void {
    const kept = this.sheets.get(key);
    if (!kept) return;
    this.measures -= kept.sheet.measures.length;
    this.sheets.delete(key);
  }
}

const keyOf = (ids: Ids) => `${ids.roundId}\n${ids.organisationId}`;
