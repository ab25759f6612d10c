import assert from 'node:assert/strict';
import { langFromLocale, localize } from '../../bot/domain/localized-text';

describe('localized text', () => {
  it('falls back to Finnish when a translation is missing', () => {
    assert.equal(localize({ fi: 'Elintavat' }, 'sv'), 'Elintavat');
    assert.equal(localize({ fi: 'Elintavat', sv: 'Levnadsvanor' }, 'sv'), 'Levnadsvanor');
  });
  it('maps Teams locales to supported languages', () => {
    assert.equal(langFromLocale('sv-FI'), 'sv');
    assert.equal(langFromLocale('en-US'), 'en');
    assert.equal(langFromLocale('de-DE'), undefined);
    assert.equal(langFromLocale(undefined), undefined);
  });
});
