import { execFileSync } from 'node:child_process';
import { startGenerator } from './lib/generatorProcess';
import { startBenchServer, type ServerKind } from './lib/serverProcess';
import { fullProfile, runFanoutCell, runRampCell, tempDataDir, type RunContext } from './scenarios';

// Developer helper: one fan-out scenario against one server, e.g. `npx tsx bench/one.ts raw plenary`.
// Extra node flags for the server (e.g. --cpu-prof) go in BENCH_SERVER_NODE_ARGS.
const kind = (process.argv[2] ?? 'ours') as ServerKind;
const scenario = (process.argv[3] ?? 'busy') as 'event' | 'busy' | 'plenary' | 'ramp';
execFileSync('taskset', ['-a', '-p', '-c', '1', String(process.pid)], { stdio: 'ignore' });
const generator = await startGenerator(1, process.cwd());
const nodeArgs = process.env.BENCH_SERVER_NODE_ARGS?.split(' ').filter(Boolean) ?? [];
const server = await startBenchServer(kind, { cpu: 0, dataDir: tempDataDir(), nodeArgs });
const ctx: RunContext = { profile: fullProfile, generator, cpu: 0, log: (l) => process.stderr.write(`${l}\n`) };
try {
  const cell = scenario === 'ramp' ? await runRampCell(ctx, server) : await runFanoutCell(ctx, server, scenario);
  process.stdout.write(`${JSON.stringify(cell, null, 2)}\n`);
} finally {
  await server.stop();
  await generator.close();
}
