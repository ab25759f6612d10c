import type { RoundStore } from '../bot/domain/ports';
import { Round } from '../bot/domain/round';
import type { Table } from './table';

/** All round definitions live in one small partition: listing them is one query. */
const PK = 'round';

export function tableRoundStore(table: Table): RoundStore {
  return {
    async get(id) {
      const e = await table.get(PK, id);
      return e && Round.parse(e.doc);
    },
    async list() {
      const rounds: Round[] = [];
      for await (const e of table.query(PK)) rounds.push(Round.parse(e.doc));
      return rounds;
    },
    async save(round) {
      await table.upsert(PK, round.id, Round.parse(round));
    },
    async delete(id) {
      await table.delete(PK, id);
    },
    async read(id) {
      const e = await table.get(PK, id);
      return e && { value: Round.parse(e.doc), etag: e.etag };
    },
    async write(round, etag) {
      const value = Round.parse(round);
      const e =
        etag === undefined
          ? await table.create(PK, value.id, value)
          : await table.replace(PK, value.id, value, etag);
      return { value, etag: e.etag };
    },
  };
}
