/* global require, process */
'use strict';
// Preloaded (`--require`) into a server process by the telemetry tests: when the process
// exits, it writes every CommonJS module it loaded to the file HYTE_TEST_LOADED_MODULES names.
const fs = process.getBuiltinModule('node:fs');

process.on('exit', () => {
  fs.writeFileSync(
    process.env.HYTE_TEST_LOADED_MODULES,
    JSON.stringify(Object.keys(require.cache)),
  );
});
