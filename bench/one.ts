import { execFileSync } from 'node:child_process';
import { startGenerator } from './lib/generatorProcess';
import { startBenchServer, type ServerKind } from './lib/serverProcess';
import { fullProfile, runFanoutCell, runRampCell, runTwoServersCell, tempDataDir, type RunContext } from './scenarios';

// Developer helper: one fan-out scenario against one server, e.g. `npx tsx bench/one.ts raw plenary`;
// `npx tsx bench/one.ts ours twoServers` re-runs the two-server cell (it starts its own pair of servers).
// Extra node flags for the server (e.g. --cpu-prof) go in BENCH_SERVER_NODE_ARGS.
const kind = (process.argv[2] ?? 'ours') as ServerKind;
const scenario = (process.argv[3] ?? 'busy') as 'event' | 'busy' | 'plenary' | 'ramp' | 'twoServers';
execFileSync('taskset', ['-a', '-p', '-c', '1', String(process.pid)], { stdio: 'ignore' });
const generator = await startGenerator(1, process.cwd());
const nodeArgs = process.env.BENCH_SERVER_NODE_ARGS?.split(' ').filter(Boolean) ?? [];
const ctx: RunContext = { profile: fullProfile, generator, cpu: 0, log: (l) => process.stderr.write(`${l}\n`), nodeArgs };
if (scenario === 'twoServers') {
  process.stdout.write(`${JSON.stringify(await runTwoServersCell(ctx), null, 2)}\n`);
  await generator.close();
  process.exit(0);
}
const server = await startBenchServer(kind, { cpu: 0, dataDir: tempDataDir(), nodeArgs });
try {
  const cell = scenario === 'ramp' ? await runRampCell(ctx, server) : await runFanoutCell(ctx, server, scenario);
  process.stdout.write(`${JSON.stringify(cell, null, 2)}\n`);
} finally {
  await server.stop();
  await generator.close();
}
