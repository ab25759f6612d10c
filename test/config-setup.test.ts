import assert from 'node:assert/strict';
import { ConfigError, loadConfig } from '../bot/config';

describe('round set-up configuration', () => {
  it('reads HYTE_ORGANISERS as e-mails and object ids, and HYTE_FILE_HOSTS as host[:port]', () => {
    const config = loadConfig({
      HYTE_ORGANISERS: 'Hanna@PSHVA.fi, 55555555-5555-4555-8555-555555555555',
      HYTE_FILE_HOSTS: '127.0.0.1:4567, files.example.org',
    });
    assert.deepEqual(config.organisers, [
      { email: 'hanna@pshva.fi' },
      { aadObjectId: '55555555-5555-4555-8555-555555555555' },
    ]);
    assert.deepEqual(config.fileHosts, ['127.0.0.1:4567', 'files.example.org']);
    const none = loadConfig({});
    assert.deepEqual([none.organisers, none.fileHosts], [[], []]);
  });

  it('names every bad entry', () => {
    assert.throws(
      () =>
        loadConfig({ HYTE_ORGANISERS: 'hanna, x@y.fi', HYTE_FILE_HOSTS: 'http://evil.example/x' }),
      (e: unknown) =>
        e instanceof ConfigError &&
        e.problems.some((p) =>
          /HYTE_ORGANISERS: not an e-mail or Entra object id: hanna/.test(p),
        ) &&
        e.problems.some((p) => /HYTE_FILE_HOSTS.*must be host or host:port/.test(p)),
    );
  });
});
