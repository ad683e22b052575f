import { fileURLToPath } from 'node:url';
import { runClientCell } from './lib/client';

// The client cell of the full run on its own: `npm run bench:client [-- cards]`. Prints one JSON cell.
const cards = Number(process.argv.slice(2).find((a) => /^\d+$/.test(a)) ?? 500);
const repoRoot = fileURLToPath(new URL('..', import.meta.url));
const cell = await runClientCell({ repoRoot, cpu: null, cards, log: (l) => process.stderr.write(`${l}\n`) });
process.stdout.write(`${JSON.stringify(cell, null, 2)}\n`);
