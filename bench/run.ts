import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { runBoardCells } from './heapCell';
import { runClientCell } from './lib/client';
import { startGenerator } from './lib/generatorProcess';
import { hasTaskset, round } from './lib/proc';
import { startBenchServer, type ServerKind } from './lib/serverProcess';
import { runSettledWrites } from './settledWrites';
import {
  fullProfile,
  quickProfile,
  runFanoutCell,
  runFloodCell,
  runIdleCell,
  runRampCell,
  runRepeatedCells,
  runTwoServersCell,
  tempDataDir,
  writeAmpCell,
  type Cell,
  type CellOf,
  type FanoutCell,
  type RunContext,
} from './scenarios';

// `npm run bench [-- --quick]`: the same traffic against ours, @y/websocket-server and a raw relay,
// one server at a time on CPU 0, the load generator on CPU 1; then two of ours on PostgreSQL + Redis
// (`twoServers`). Ours also gets the `flood` cell (issue 12: the event load while three participants send
// maximum-size updates). JSON on stdout, progress and the ratios to the reference on stderr. `--no-cluster`
// leaves the two-server cell out; `--client` adds a 500-card board in headless Chromium (`npm run bench:client`).

const repoRoot = fileURLToPath(new URL('..', import.meta.url));
const quick = process.argv.includes('--quick');
const only = process.argv.find((a) => a.startsWith('--servers='))?.slice('--servers='.length).split(',') as ServerKind[] | undefined;
const servers: ServerKind[] = only ?? ['ours', 'reference', 'raw'];
const profile = quick ? quickProfile : fullProfile;
const t0 = performance.now();
const log = (line: string) => process.stderr.write(`[${((performance.now() - t0) / 1000).toFixed(1).padStart(5)} s] ${line}\n`);

const pinned = os.platform() === 'linux' && os.cpus().length >= 2 && hasTaskset();
if (pinned) execFileSync('taskset', ['-a', '-p', '-c', '1', String(process.pid)], { stdio: 'ignore' });
process.chdir(repoRoot);

function versionOf(pkg: string): string | null {
  try {
    return (JSON.parse(fs.readFileSync(path.join(repoRoot, 'node_modules', pkg, 'package.json'), 'utf8')) as { version: string }).version;
  } catch {
    return null;
  }
}

const started = performance.now();
const generator = await startGenerator(pinned ? 1 : null, repoRoot);
const ctx: RunContext = { profile, generator, cpu: pinned ? 0 : null, log };
const cells: Cell[] = [];
try {
  for (const kind of servers) {
    log(`${kind}:`);
    // Idle first (clean RSS baseline), then on a fresh process the fan-out cells (saas after the ramp, whose documents
    // ours unloads meanwhile), then seed the join board: ours restarts so the first joiner loads it from SQLite,
    // and the heap cell measures that board loaded and after its unload.
    const dataDir = tempDataDir();
    let server = await startBenchServer(kind, { cpu: ctx.cpu, dataDir });
    try {
      cells.push(await runIdleCell(ctx, server));
      // The fan-out cells start on a fresh process: the idle cell's 2,000 closed connections left an old generation
      // whose major collections (marking steps of 12–24 ms on the pinned core) landed in ours' event and busy windows.
      await server.stop();
      server = await startBenchServer(kind, { cpu: ctx.cpu, dataDir });
      const fanouts: FanoutCell[] = await runRepeatedCells(ctx, server, ['event', 'busy']);
      const writeAmp = writeAmpCell(kind, fanouts, dataDir);
      if (kind === 'ours' && !ctx.profile.quick) writeAmp.settled = await runSettledWrites(ctx);
      fanouts.push(await runFanoutCell(ctx, server, 'plenary'));
      cells.push(...fanouts, await runRampCell(ctx, server), writeAmp);
      cells.push(await runFanoutCell(ctx, server, 'saas'));
      // The restarted server replaces `server` at once, so that `finally` stops it even if a later cell throws.
      const board = await runBoardCells(ctx, server, async (env) => (server = await startBenchServer(kind, { cpu: ctx.cpu, dataDir, env })));
      cells.push(...board.cells);
      // Last on this process: the flood leaves big documents and logs behind (ours only: the others have no auth).
      if (kind === 'ours') cells.push(await runFloodCell(ctx, server));
    } finally {
      await server.stop();
    }
    log(`  (${round((performance.now() - started) / 1000, 1)} s elapsed)`);
  }
  if (servers.includes('ours') && !process.argv.includes('--no-cluster')) {
    const cell = await runTwoServersCell(ctx);
    if (cell.skipped) log(`  twoServers skipped: ${cell.skipped}`);
    cells.push(cell);
  }
  if (servers.includes('ours') && !quick && process.argv.includes('--client')) {
    const cell = await runClientCell({ repoRoot, cpu: ctx.cpu, cards: 500, log });
    if (cell.skipped) log(`  client skipped: ${cell.skipped}`);
    cells.push(cell);
  }
  log(`  (${round((performance.now() - started) / 1000, 1)} s elapsed)`);
} finally {
  await generator.close();
}

type Metrics = Record<string, number | null>;
function metricsOf(kind: ServerKind): Record<string, Metrics> {
  const find = <T extends Cell['scenario']>(s: T) => cells.find((c): c is CellOf<T> => c.scenario === s && c.server === kind);
  const out: Record<string, Metrics> = {};
  for (const s of ['event', 'busy', 'plenary', 'saas'] as const) {
    const c = find(s);
    out[s] = c ? { p50: c.latencyMs.p50, p99: c.latencyMs.p99, serverCpuPct: c.serverCpuPct, serverRssMB: c.serverRssMB } : {};
  }
  out.ramp = { maxSustainedInPerSec: find('ramp')?.maxSustainedInPerSec ?? null };
  out.idle = { kbPerConnection: find('idle')?.kbPerConnection ?? null };
  const join = find('join');
  out.join = Object.fromEntries((join?.groups ?? []).map((g) => [`${g.label}LastMs`, g.lastMs]));
  out.heap = { heapPerCardBytes: find('heap')?.heapPerCardBytes ?? null };
  return out;
}

function ratiosAgainst(other: ServerKind): Record<string, Metrics> | null {
  if (!servers.includes('ours') || !servers.includes(other)) return null;
  const a = metricsOf('ours');
  const b = metricsOf(other);
  const out: Record<string, Metrics> = {};
  for (const [scenario, metrics] of Object.entries(a)) {
    out[scenario] = {};
    for (const [name, value] of Object.entries(metrics)) {
      const base = b[scenario]?.[name];
      out[scenario]![name] = value !== null && base !== null && base !== undefined && base !== 0 ? round(value / base, 2) : null;
    }
  }
  return out;
}

/** Each cell's ratios to the reference, one line per cell (a ratio below 1 means ours is lower). */
function ratioLines(ratios: Record<string, Metrics> | null): string[] {
  if (!ratios) return [];
  const lines = ['ours / reference:'];
  for (const [scenario, metrics] of Object.entries(ratios)) {
    const shown = Object.entries(metrics).map(([name, value]) => `${name} ${value === null ? '–' : `${value}×`}`);
    lines.push(`  ${scenario.padEnd(8)} ${shown.join('  ')}`);
  }
  return lines;
}

const cpus = os.cpus();
const report = {
  machine: { cpus: cpus.length, model: cpus[0]?.model ?? 'unknown', node: process.version, pinned, platform: `${os.platform()} ${os.release()}` },
  versions: Object.fromEntries(['ws', 'yjs', 'y-websocket', '@y/websocket-server', 'y-protocols', 'lib0', 'hdr-histogram-js'].map((p) => [p, versionOf(p)])),
  quick,
  durationS: round((performance.now() - started) / 1000, 1),
  method: {
    serverCpu: pinned ? 0 : null,
    generatorCpu: pinned ? 1 : null,
    warmupMs: profile.warmupMs,
    windowMs: profile.windowMs,
    rampWindowMs: profile.rampWindowMs,
    stopP99Ms: profile.stopP99Ms,
    maxGeneratorCpuPct: profile.maxGeneratorCpuPct,
  },
  cells,
  ratios: { oursVsReference: ratiosAgainst('reference'), oursVsRaw: ratiosAgainst('raw') },
  valid: cells.every((c) => c.valid),
};
process.stdout.write(`${JSON.stringify(report, null, 2)}\n`);
for (const line of ratioLines(report.ratios.oursVsReference)) log(line);
for (const cell of cells.filter((c) => !c.valid)) log(`  invalid: ${cell.server} ${cell.scenario}${'invalidReasons' in cell ? ` (${cell.invalidReasons.join('; ')})` : ''}`);
log(`done in ${report.durationS} s, valid: ${report.valid}`);
