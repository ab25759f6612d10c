import { AlreadyExistsError, ConflictError } from '../../bot/domain/errors';
import type { Measure } from '../../bot/domain/measure';
import type {
  OrganisationSheet,
  ResponseStore,
  RoundStore,
  Versioned,
} from '../../bot/domain/ports';
import type { Response } from '../../bot/domain/response';
import type { Round } from '../../bot/domain/round';

/** Stores for service tests, with Table Storage's create / ETag semantics. */
export function testStores(): { rounds: RoundStore; responses: ResponseStore } {
  const rounds = new Map<string, Round>();
  const sheets = new Map<
    string,
    { response?: Versioned<Response>; measures: Map<string, Versioned<Measure>> }
  >();
  let n = 0;
  const etag = () => `W/"${++n}"`;
  const clone = <T>(v: T): T => structuredClone(v);
  const sheet = (r: string, o: string) => {
    const key = `${r}/${o}`;
    if (!sheets.has(key)) sheets.set(key, { measures: new Map() });
    return sheets.get(key)!;
  };
  const copy = (s: ReturnType<typeof sheet>): OrganisationSheet => ({
    response: s.response && clone(s.response),
    measures: [...s.measures.values()].map(clone),
  });
  return {
    rounds: {
      get: async (id) => clone(rounds.get(id)),
      list: async () => [...rounds.values()].map(clone),
      save: async (round) => void rounds.set(round.id, clone(round)),
      delete: async (id) => void rounds.delete(id),
    },
    responses: {
      getSheet: async (r, o) => copy(sheet(r, o)),
      listSheets: async (r) =>
        new Map(
          [...sheets.entries()]
            .filter(([k]) => k.startsWith(`${r}/`))
            .map(([k, s]) => [k.slice(r.length + 1), copy(s)]),
        ),
      createMeasure: async (r, o, m) => {
        const s = sheet(r, o);
        if (s.measures.has(m.id)) throw new AlreadyExistsError(m.id);
        const v = { value: clone(m), etag: etag() };
        s.measures.set(m.id, v);
        return clone(v);
      },
      updateMeasure: async (r, o, m, e) => {
        const s = sheet(r, o);
        if (s.measures.get(m.id)?.etag !== e) throw new ConflictError(m.id);
        const v = { value: clone(m), etag: etag() };
        s.measures.set(m.id, v);
        return clone(v);
      },
      deleteMeasure: async (r, o, id, e) => {
        const s = sheet(r, o);
        const cur = s.measures.get(id);
        if (!cur) return false;
        if (e !== undefined && cur.etag !== e) throw new ConflictError(id);
        return s.measures.delete(id);
      },
      saveResponse: async (resp, e) => {
        const s = sheet(resp.roundId, resp.organisationId);
        if (e === undefined && s.response) throw new AlreadyExistsError(resp.organisationId);
        if (e !== undefined && s.response?.etag !== e) throw new ConflictError(resp.organisationId);
        s.response = { value: clone(resp), etag: etag() };
        return clone(s.response);
      },
      deleteRound: async (r) => {
        for (const k of [...sheets.keys()]) if (k.startsWith(`${r}/`)) sheets.delete(k);
      },
    },
  };
}
