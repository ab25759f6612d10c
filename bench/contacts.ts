import { performance } from 'node:perf_hooks';
import type { AuthenticatedUser } from '../bot/domain/identity';
import { Round } from '../bot/domain/round';
import { cachedRoundStore } from '../bot/rounds';
import { contactsWorkbook, createSetupService } from '../bot/setup';
import { type Card, cardBytes, SETUP_ORGANISATIONS_PER_PAGE, Verbs } from '../cards';
import { createStores } from '../storage';
import { AzureTableService } from '../storage/azure-table';
import { benchRound } from './bench-round';
import { median } from './load';
import type { Result } from './result';

const COORDINATOR: AuthenticatedUser = {
  tenantId: '11111111-2222-3333-4444-555555555555',
  aadObjectId: '00000000-0000-4000-8000-00000000c0de',
  email: 'coordinator@example.fi',
  name: 'Coordinator',
};
const ORIGIN = {
  ref: {
    reference: {},
    tenantId: COORDINATOR.tenantId,
    conversationType: 'personal',
    updatedAt: '',
  },
  conversationId: 'a:bench',
};

const people = (o: number, salt = '') =>
  Array.from({ length: 5 }, (_, r) => ({
    email: `vastaaja${r}${salt}@organisaatio-${o}.example.fi`,
  }));

/**
 * The year's contact list against a 300-organisation round in set-up: 10 organisations gone,
 * 10 new, 30 with a respondent changed, the rest as they were; 1 500 respondents in all.
 */
function edited(round: Round): Round {
  const organisations = round.organisations
    .slice(10)
    .map((o, i) =>
      i % 9 === 0 && i < 270
        ? { ...o, respondents: [...o.respondents.slice(1), { email: `uusi${i}@example.fi` }] }
        : o,
    );
  for (let n = 0; n < 10; n++)
    organisations.push({
      id: `new-${n}`,
      name: `Uusi organisaatio ${n}`,
      kind: 'ngo',
      language: 'fi',
      respondents: people(1000 + n),
    });
  return { ...round, organisations };
}

/**
 * `contacts_apply_300_ms`: a coordinator's contact list of 300 organisations and 1 500
 * respondents, from the bytes Teams hands over (the download excluded) to the preview card,
 * then `round.contacts.apply` to the round card, through the set-up feature on Azurite.
 */
export async function contacts(connectionString: string, runs = 7): Promise<Result[]> {
  const stores = createStores(new AzureTableService({ connectionString }, 'bcon'));
  const base = Round.parse({
    ...benchRound('bench-contacts', 300, (o) => people(o), 10),
    coordinators: [{ aadObjectId: COORDINATOR.aadObjectId }],
    setup: true,
  });
  const file = await contactsWorkbook(edited(base));
  let bytes = 0;
  const setup = createSetupService({
    stores,
    rounds: cachedRoundStore(stores.rounds, { now: () => new Date() }),
    clock: { now: () => new Date() },
    timeZone: 'Europe/Helsinki',
    organisers: { people: [], tenants: { allowedTenants: [] } },
    fileHosts: [],
    downloads: { fetch: async () => file },
  });
  const times: number[] = [];
  const previews: number[] = [];
  let largest = 0;
  for (let i = 0; i < runs; i++) {
    // Each run starts from the same round: stored as a seed, without a version.
    await stores.rounds.save(base);
    await stores.setup.setFocus(COORDINATOR.tenantId, COORDINATOR.aadObjectId, base.id);
    const started = performance.now();
    const preview = (await setup.commands.contacts(
      COORDINATOR,
      { files: [{ name: 'yhteystiedot.xlsx', downloadUrl: 'https://contoso.sharepoint.com/x' }] },
      ORIGIN,
    )) as Card;
    const previewed = performance.now();
    const apply = JSON.stringify(preview).match(/"uploadId":"([0-9a-f-]{36})"/);
    if (!apply) throw new Error('the preview offers no apply');
    const card = (await setup.verbs[Verbs.roundContactsApply](
      COORDINATOR,
      { roundId: base.id, uploadId: apply[1] },
      ORIGIN,
    )) as Card;
    times.push(performance.now() - started);
    previews.push(previewed - started);
    bytes = cardBytes(preview);
    if (!JSON.stringify(card).includes('käyttöön: 10 lisätty, 30 muutettu, 10 poistettu'))
      throw new Error('the contact list was not applied as previewed');
  }
  const after = await stores.rounds.get(base.id);
  if (after?.organisations.length !== 300)
    throw new Error('300 organisations expected after apply');
  for (let page = 0; page < 300 / SETUP_ORGANISATIONS_PER_PAGE; page++) {
    const card = (await setup.verbs[Verbs.roundEdit](
      COORDINATOR,
      { roundId: base.id, page },
      ORIGIN,
    )) as Card;
    largest = Math.max(largest, cardBytes(card));
  }
  const notes = `${runs} runs, median (first run ${times[0]?.toFixed(0)} ms: run alone, it loads exceljs); XLSX of ${Math.round(file.length / 1024)} KiB, 300 organisations and 1 500 respondents against a round of 300 in set-up (10 added, 30 changed, 10 removed): read with exceljs, every row checked, previewed against the stored answers (preview ${median(previews).toFixed(0)} ms, its card ${(bytes / 1024).toFixed(1)} KB), applied over the round's ETag and the round card drawn; largest of the 30 round card pages ${(largest / 1024).toFixed(1)} KB (limit 28 KB)`;
  return [{ key: 'contacts_apply_300_ms', value: median(times), unit: 'ms', n: runs, notes }];
}
