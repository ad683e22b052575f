import { execFileSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { runClientCell } from './lib/client';
import { hasTaskset } from './lib/proc';

// The client cell of the full run on its own: `npm run bench:client [-- cards]`. Prints one JSON cell.
const cards = Number(process.argv.slice(2).find((a) => /^\d+$/.test(a)) ?? 500);
const repoRoot = fileURLToPath(new URL('..', import.meta.url));
// As in the full run: the server on CPU 0, this process and Chromium (which inherits the mask) on CPU 1.
const pinned = hasTaskset();
if (pinned) execFileSync('taskset', ['-a', '-p', '-c', '1', String(process.pid)], { stdio: 'ignore' });
const cell = await runClientCell({ repoRoot, cpu: pinned ? 0 : null, cards, log: (l) => process.stderr.write(`${l}\n`) });
process.stdout.write(`${JSON.stringify(cell, null, 2)}\n`);
