import { execFileSync } from 'node:child_process';
import { runBoardCells } from './heapCell';
import { startGenerator } from './lib/generatorProcess';
import { runSettledWrites } from './settledWrites';
import { startBenchServer, type ServerKind } from './lib/serverProcess';
import { fullProfile, quickProfile, runFanoutCell, runFloodCell, runRampCell, runRepeatedCells, runTwoServersCell, tempDataDir, type FanoutScenario, type RunContext } from './scenarios';

// Developer helper: one scenario against one server, e.g. `npx tsx bench/one.ts raw plenary` or `… ours saas`;
// `… ours heap` seeds the join board, runs the join cell and the heap cell on it (prints both);
// `npx tsx bench/one.ts ours twoServers` re-runs the two-server cell (it starts its own pair of servers);
// `… ours settled` the write amplification of a fresh server's event traffic once folded and unloaded;
// `… ours flood` the flood cell (its own flood-free baseline, then the event load with three flooders).
// `… ours event+busy` runs both on one set of connections, as the full run does.
// `--quick` uses the smoke run's profile (short windows, small load). Extra node flags for the server (e.g. --cpu-prof) go in BENCH_SERVER_NODE_ARGS.
const kind = (process.argv[2] ?? 'ours') as ServerKind;
const scenario = (process.argv[3] ?? 'busy') as FanoutScenario | 'ramp' | 'heap' | 'twoServers' | 'flood' | 'settled';
execFileSync('taskset', ['-a', '-p', '-c', '1', String(process.pid)], { stdio: 'ignore' });
const generator = await startGenerator(1, process.cwd());
const nodeArgs = process.env.BENCH_SERVER_NODE_ARGS?.split(' ').filter(Boolean) ?? [];
const ctx: RunContext = { profile: process.argv.includes('--quick') ? quickProfile : fullProfile, generator, cpu: 0, log: (l) => process.stderr.write(`${l}\n`), nodeArgs };
const print = (value: unknown) => process.stdout.write(`${JSON.stringify(value, null, 2)}\n`);
if (scenario === 'twoServers' || scenario === 'settled') {
  print(scenario === 'settled' ? await runSettledWrites(ctx) : await runTwoServersCell(ctx));
  await generator.close();
  process.exit(0);
}
const dataDir = tempDataDir();
let server = await startBenchServer(kind, { cpu: 0, dataDir, nodeArgs });
try {
  if (scenario === 'heap') print((await runBoardCells(ctx, server, async (env) => (server = await startBenchServer(kind, { cpu: 0, dataDir, nodeArgs, env })))).cells);
  else if (scenario === 'flood') print(await runFloodCell(ctx, server));
  else if (scenario.includes('+')) print(await runRepeatedCells(ctx, server, scenario.split('+') as FanoutScenario[]));
  else print(scenario === 'ramp' ? await runRampCell(ctx, server) : await runFanoutCell(ctx, server, scenario));
} finally {
  await server.stop();
  await generator.close();
}
