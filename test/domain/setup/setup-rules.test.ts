import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { Round } from '../../../bot/domain/round';
import { parseRoundFile } from '../../../bot/domain/round-file';
import { allowedDownload } from '../../../bot/domain/setup/download-url';
import { launchGaps } from '../../../bot/domain/setup/launch-gaps';
import { readPeople } from '../../../bot/domain/setup/people-input';
import { roundIdFromTitle, slugOf } from '../../../bot/domain/setup/round-id';
import { roundFileText } from '../../../bot/domain/setup/round-writer';
import { fixtureRound } from '../../helpers/questionnaire-fixtures';
import { bigRound } from '../../helpers/setup-fixtures';

describe('round set-up rules', () => {
  describe('a round id from its title', () => {
    it('keeps a-z, 0-9 and -, reads ä, ö and å as a and o, and is unique', () => {
      assert.equal(slugOf('HYTE-neuvottelut 2026'), 'hyte-neuvottelut-2026');
      assert.equal(
        slugOf('Pohjois-Savon HYTE-förhandlingar – Åland 2026!'),
        'pohjois-savon-hyte-forhandlingar-aland-2026',
      );
      assert.equal(slugOf('   ***  '), 'kierros');
      const taken = new Set(['hyte-2026', 'hyte-2026-2']);
      assert.equal(roundIdFromTitle('HYTE 2026', taken), 'hyte-2026-3');
      const long = roundIdFromTitle('x'.repeat(200), new Set());
      assert.ok(long.length <= 63 && /^[a-z0-9][a-z0-9-]*$/.test(long));
    });
  });

  describe('what launch needs', () => {
    const now = new Date('2025-08-01T00:00:00Z');
    it('is nothing for a complete round', () => {
      const round = fixtureRound();
      const withPeople = {
        ...round,
        organisations: round.organisations.map((o) => ({
          ...o,
          respondents: [{ email: 'x@y.fi' }],
        })),
      };
      assert.deepEqual(launchGaps(withPeople, now), []);
    });
    it('names a missing goal, organisation, respondents, a past deadline or one after the meeting', () => {
      const round = Round.parse({ ...fixtureRound(), setup: true, goals: [], organisations: [] });
      assert.deepEqual(
        launchGaps(round, new Date('2025-10-01T00:00:00Z')).map((g) => g.kind),
        ['noGoal', 'noOrganisation', 'deadlinePast'],
      );
      const gaps = launchGaps({ ...fixtureRound(), deadline: '2025-09-20T16:00:00+03:00' }, now);
      assert.deepEqual(
        gaps.map((g) => (g.kind === 'noRespondents' ? `${g.kind}:${g.organisationId}` : g.kind)),
        ['noRespondents:pshva', 'noRespondents:mtr', 'deadlineAfterMeeting'],
      );
    });
  });

  describe('people typed or picked', () => {
    it('reads e-mails and object ids separated every way, and Outlook’s Name <address>', () => {
      const list = readPeople(
        'Anna A <Anna@Kuopio.fi>; ben@kuopio.fi, mailto:siri@larsmo.fi\n44444444-4444-4444-8444-444444444444 anna@kuopio.fi',
      );
      assert.deepEqual(list.people, [
        { email: 'anna@kuopio.fi' },
        { email: 'ben@kuopio.fi' },
        { email: 'siri@larsmo.fi' },
        { aadObjectId: '44444444-4444-4444-8444-444444444444' },
      ]);
      assert.deepEqual(list.duplicates, ['anna@kuopio.fi']);
      assert.deepEqual(readPeople('Anna, 12.3.2026').bad, ['Anna', '12.3.2026']);
    });
    it('takes only object ids from the people picker', () => {
      const list = readPeople('44444444-4444-4444-8444-444444444444,anna@kuopio.fi', 'objectIds');
      assert.deepEqual(list.bad, ['anna@kuopio.fi']);
      assert.equal(list.people.length, 1);
    });
  });

  describe('where an attached file may be fetched from', () => {
    const check = (url: string, hosts: string[] = []) => allowedDownload(url, hosts)?.toString();
    it('is https on SharePoint, or a configured host', () => {
      assert.ok(check('https://contoso.sharepoint.com/personal/a/_layouts/15/download.aspx?x=1'));
      assert.ok(check('https://contoso-my.sharepoint.com/x'));
      assert.ok(check('http://127.0.0.1:4567/files/1', ['127.0.0.1:4567']));
      assert.ok(check('https://files.example.org/x', ['files.example.org']));
    });
    it('is never anything else', () => {
      for (const url of [
        'http://contoso.sharepoint.com/x',
        'https://contoso.sharepoint.com:8443/x',
        'https://sharepoint.com/x',
        'https://contoso.sharepoint.com.evil.example/x',
        'https://evil.example/contoso.sharepoint.com',
        'https://user:pw@contoso.sharepoint.com/x',
        'http://169.254.169.254/latest/meta-data',
        'http://127.0.0.1:9999/x',
        'file:///etc/passwd',
        'ftp://contoso.sharepoint.com/x',
        'not a url',
      ])
        assert.equal(check(url, ['127.0.0.1:4567']), undefined, url);
      assert.equal(check('http://files.example.org:8080/x', ['files.example.org']), undefined);
    });
  });

  describe('a round as a round file', () => {
    it('reads back to the same round: the sample, a big one, and one in set-up without goals', () => {
      const file = path.resolve(__dirname, '../../../rounds/pohjois-savo-2025.yaml');
      const sample = parseRoundFile(fs.readFileSync(file, 'utf8'), file);
      const setup = Round.parse({
        ...fixtureRound(),
        id: 'hyte-2026',
        setup: true,
        previousRound: 'pohjois-savo-2025',
        planPeriod: { from: 2025, to: 2029 },
        goals: [],
        organisations: [],
      });
      const tricky = Round.parse({
        ...fixtureRound(),
        organisations: [
          { id: 'yes', name: 'true', kind: 'other', respondents: [] },
          {
            id: 'n-2',
            name: '2026',
            kind: 'ngo',
            tenantId: '72f988bf-86f1-41af-91ab-2d7cd011db47',
          },
          { id: 'q', name: '"Quoted": #hash - dash: colon', kind: 'county' },
        ],
      });
      for (const round of [sample, bigRound(), setup, tricky]) {
        const text = roundFileText(round, 'written by a test');
        assert.deepEqual(parseRoundFile(text, `${round.id}.yaml`), round);
      }
    });
    it('refuses a round without goals or organisations unless it is in set-up', () => {
      const text = roundFileText(
        Round.parse({ ...fixtureRound(), setup: true, goals: [], organisations: [] }),
      );
      assert.throws(
        () => parseRoundFile(text.replace('setup: true\n', ''), 'r.yaml'),
        (e: { issues: Array<{ path: string }> }) =>
          e.issues.some((i) => i.path === 'goals') &&
          e.issues.some((i) => i.path === 'organisations'),
      );
    });
  });
});
