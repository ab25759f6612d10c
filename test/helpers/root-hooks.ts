import { startTestAzurite, stopTestAzurite } from './azurite';

/** Root hooks shared by every test file: one in-memory Azurite for the whole run. */
export const mochaHooks = {
  async beforeAll(this: Mocha.Context) {
    this.timeout(30_000);
    await startTestAzurite();
  },
  async afterAll() {
    await stopTestAzurite();
  },
};
