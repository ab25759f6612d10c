import { history } from './history';

// Runs the history benchmark alone and prints its results as JSON (see history-process.ts).
history(process.argv[2] ?? '')
  .then((results) => {
    process.stdout.write(JSON.stringify(results));
    process.exit(0);
  })
  .catch((e: unknown) => {
    console.error(e);
    process.exit(1);
  });
