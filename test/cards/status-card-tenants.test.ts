import assert from 'node:assert/strict';
import { appLinks } from '../../bot/domain/app-links';
import { roundStatus } from '../../bot/domain/round-status';
import { statusCard } from '../../cards';
import { assertValidCard, cardTexts } from '../helpers/card-check';
import { HOME, KUOPIO, tenantRound } from '../helpers/tenant-fixtures';

describe('status card remedies', () => {
  it('names the tenant administrator, the install link and the admin-consent link', () => {
    const round = tenantRound();
    const deliveries = [
      { person: 'email:poissa@kuopio.fi', organisationId: 'kuopio' },
      { person: 'email:nina@jarjesto.example.org', organisationId: 'jarjesto' },
    ].map((d) => ({
      ...d,
      roundId: round.id,
      purpose: 'launch',
      state: 'unreachable' as const,
      reason: 'notInstalled',
      at: '2099-01-01T00:00:00Z',
      attempts: 1,
    }));
    const status = roundStatus(round, new Map(), deliveries);
    const links = appLinks('12345678-1234-4234-8234-123456789abc');
    const card = statusCard({
      lang: 'en',
      timeZone: 'Europe/Helsinki',
      now: new Date('2099-01-01'),
      round,
      status,
      homeTenant: HOME,
      links,
    });
    assertValidCard(card, 'status with remedies');
    const text = cardTexts(card).join('\n');
    assert.match(
      text,
      new RegExp(
        `Ask the Teams administrator of Kuopion kaupunki to allow the HYTE bot app in their own tenant \\(${KUOPIO}\\)`,
      ),
    );
    assert.ok(
      text.includes(
        '[Admin consent](https://login.microsoftonline.com/' +
          KUOPIO +
          '/adminconsent?client_id=12345678-1234-4234-8234-123456789abc)',
      ),
    );
    assert.ok(
      text.includes(
        "[The app's install link](https://teams.microsoft.com/l/app/12345678-1234-4234-8234-123456789abc)",
      ),
    );
    // Nina is in the home tenant: a guest in the county's team, or she opens the app once.
    assert.match(
      text,
      /nina@jarjesto\.example\.org: not reached[^\n]*\nAdd them as a guest to the county's team/,
    );
  });
});
