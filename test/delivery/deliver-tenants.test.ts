import assert from 'node:assert/strict';
import type { StoredReference } from '../../bot/domain/ports';
import { Round } from '../../bot/domain/round';
import { allRecipients, deliverAll } from '../../bot/delivery/deliver';
import { SendPipeline } from '../../bot/delivery/send-pipeline';
import { FakeMessenger } from '../helpers/fake-messenger';
import { fixtureRoundInput } from '../helpers/questionnaire-fixtures';
import { testStores } from '../helpers/stores';

const HOME = 'aaaaaaaa-0000-4000-8000-00000000000a';
const SLOW = 'bbbbbbbb-0000-4000-8000-00000000000b';
const aad = (i: number) => `00000000-0000-4000-8000-${String(i).padStart(12, '0')}`;

/** Sends into the slow tenant wait until released; the home tenant's go at once. */
class GatedMessenger extends FakeMessenger {
  private release!: () => void;
  readonly gate = new Promise<void>((r) => (this.release = r));
  tenants: string[] = [];
  override async send(ref: StoredReference, card: unknown): Promise<string> {
    this.tenants.push(ref.tenantId);
    if (ref.tenantId === SLOW) await this.gate;
    return super.send(ref, card);
  }
  open(): void {
    this.release();
  }
}

describe('deliverAll over several tenants', () => {
  it('runs each tenant on its own workers: a stalled tenant holds none of the others', async () => {
    const round = Round.parse({
      ...fixtureRoundInput(),
      tenantId: HOME,
      organisations: [
        {
          id: 'slow',
          name: 'Hidas kunta',
          kind: 'municipality',
          tenantId: SLOW,
          respondents: Array.from({ length: 40 }, (_, i) => ({ aadObjectId: aad(i) })),
        },
        {
          id: 'home',
          name: 'Hyvinvointialue',
          kind: 'county',
          respondents: Array.from({ length: 20 }, (_, i) => ({ aadObjectId: aad(100 + i) })),
        },
      ],
    });
    const stores = testStores();
    const messenger = new GatedMessenger();
    for (const { organisation, person } of allRecipients(round))
      if ('aadObjectId' in person)
        messenger.rosters.set(person.aadObjectId, `a:${organisation.id}-${person.aadObjectId}`);
    const pipeline = new SendPipeline({ sleep: async () => {}, random: () => 0.5 });
    const run = deliverAll(
      { stores, messenger, pipeline, clock: { now: () => new Date('2099-01-01') }, concurrency: 8 },
      {
        round,
        tenantId: 'launched-from',
        purpose: 'launch',
        recipients: allRecipients(round),
        card: () => ({ type: 'AdaptiveCard' }),
      },
    );
    const deadline = Date.now() + 5000;
    while (messenger.sent.length < 20 && Date.now() < deadline)
      await new Promise((r) => setTimeout(r, 10));
    assert.equal(messenger.sent.length, 20, "the home tenant's respondents all got theirs");
    assert.ok(messenger.sent.every((id) => id.startsWith('a:home-')));
    messenger.open();
    const progress = await run;
    assert.equal(progress.sent, 60);
    assert.ok(
      messenger.tenants.every((t) => t === HOME || t === SLOW),
      'each was reached in their own tenant, none in the tenant the launch came from',
    );
  });
});
