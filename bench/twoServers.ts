import { execFileSync } from 'node:child_process';
import { startGenerator } from './lib/generatorProcess';
import { hasTaskset } from './lib/proc';
import { fullProfile, quickProfile, runTwoServersCell } from './scenarios';

// The `twoServers` cell of the full run on its own (issue 8): `npm run bench:cluster [-- --quick]`.
// Two of our servers on a temp PostgreSQL database and the local Redis, every room split across both.
const quick = process.argv.includes('--quick');
const pinned = hasTaskset();
if (pinned) execFileSync('taskset', ['-a', '-p', '-c', '1', String(process.pid)], { stdio: 'ignore' });
const generator = await startGenerator(pinned ? 1 : null, process.cwd());
try {
  const cell = await runTwoServersCell({ profile: quick ? quickProfile : fullProfile, generator, cpu: pinned ? 0 : null, log: (l) => process.stderr.write(`${l}\n`) });
  process.stdout.write(`${JSON.stringify(cell, null, 2)}\n`);
} finally {
  await generator.close();
}
