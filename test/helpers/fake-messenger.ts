import type { SendFailure } from '../../bot/domain/delivery';
import type { StoredReference, Messenger } from '../../bot/domain/ports';
import type { Person } from '../../bot/domain/round';

/** A messenger that records sends and fails as told. */
export class FakeMessenger implements Messenger {
  sent: string[] = [];
  cards: unknown[] = [];
  failures = new Map<string, SendFailure[]>();
  rosters = new Map<string, string>(); // email or aad → conversation id
  async send(ref: StoredReference, card: unknown): Promise<string> {
    const id = String((ref.reference.conversation as { id: string }).id);
    const planned = this.failures.get(id)?.shift();
    if (planned) throw planned;
    this.sent.push(id);
    this.cards.push(card);
    return `activity-${this.sent.length}`;
  }
  async update(): Promise<void> {}
  async openPersonal(tenantId: string, person: Person): Promise<StoredReference | undefined> {
    const key = 'aadObjectId' in person ? person.aadObjectId : person.email;
    const conv = this.rosters.get(key);
    if (!conv) return undefined;
    return {
      reference: { conversation: { id: conv } },
      tenantId,
      conversationType: 'personal',
      updatedAt: '2025-09-01T00:00:00Z',
    };
  }
}
