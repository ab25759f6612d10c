// Root hooks shared by every test file (Azurite lifecycle is added in test/helpers/azurite.ts).
export const mochaHooks = {};
