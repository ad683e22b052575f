import { execFileSync } from 'node:child_process';
import { planRooms, toCell, type RoomPlan } from './lib/fixtures';
import type { ClientSpec } from './load/lightClient';
import type { ProbeSpec, StepResult } from './load/protocol';
import { buildBaseline } from './lib/baselineBuild';
import { startGenerator } from './lib/generatorProcess';
import { round } from './lib/proc';
import { startBenchServer, type BenchServer, type ServerKind } from './lib/serverProcess';
import { fullProfile, tempDataDir, waitForQuiet, type RunContext } from './scenarios';

// Ours against the reference with their windows interleaved: `npx tsx bench/ab.ts [rounds=4] [rates=1,5]`.
// Both servers run at once on core 0 (the one not under load idles), each with its own rooms, planned once and
// reconnected for every window; the generator alternates between them window by window (the first of each pair
// alternating too). On this VM a run's CPU figures drift ±20–40 % from one minute to the next, more than the
// difference between the servers, so a ratio is only credible from windows taken side by side. Round 0 warms
// both (JIT, documents) and is not counted. Prints every window, then per rate the medians and the median of
// the rounds' ratios.
//
// Then as many windows with both loads at once ("together"): the same generator drives ours' and the
// reference's rooms in the same seconds and samples both processes over the same window, so the machine's drift
// falls on both alike. Its CPU and RSS ratios are the steadier ones. Its p99s are each server's own rooms' (the
// generator keeps their latencies apart), but both servers then share the core, so each waits on the other too.
//
// `--baseline=<rev>` puts ours as that commit built it in the reference's place (bench/lib/baselineBuild.ts): a
// change of ours measured against the code before it, in the same seconds.

const baselineRev = process.argv.find((arg) => arg.startsWith('--baseline='))?.slice('--baseline='.length);
const baseline = baselineRev === undefined ? undefined : buildBaseline(baselineRev);
/** What the second server is called in the output. */
const other = baseline ? `baseline ${baselineRev}` : 'reference';
const args = process.argv.slice(2).filter((arg) => !arg.startsWith('--'));
const rounds = Number(args[0] ?? 4);
const rates = (args[1] ?? '1,5').split(',').map(Number);
const kinds: ServerKind[] = ['ours', 'reference'];
const shape = fullProfile.fanout.event;

execFileSync('taskset', ['-a', '-p', '-c', '1', String(process.pid)], { stdio: 'ignore' });
const generator = await startGenerator(1, process.cwd());
const log = (line: string) => process.stderr.write(`${line}\n`);
const ctx: RunContext = { profile: fullProfile, generator, cpu: 0, log };
const servers = new Map<ServerKind, BenchServer>();
const plans = new Map<ServerKind, RoomPlan[]>();
const probesPerRoom = Math.max(0, ...shape.probeRooms.map((r) => shape.probeRooms.filter((x) => x === r).length));

interface Window {
  cpu: number;
  rss: number;
  p99: number;
}
const median = (values: number[]) => {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  return sorted.length % 2 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
};

async function measure(kind: ServerKind, rate: number): Promise<Window> {
  const server = servers.get(kind)!;
  const cell = toCell(server, plans.get(kind)!, shape.perRoom, shape.probeRooms);
  await waitForQuiet(ctx, server.pid);
  const step = await window(cell.rooms, cell.probes, server.pid, rate);
  return { cpu: step.serverCpuPct, rss: step.serverRssMB, p99: step.latencyMs.p99 };
}

/** Both servers loaded in the same window: ours is the measured server, the reference an extra one on core 0. */
async function measureTogether(rate: number): Promise<{ ours: Window; reference: Window }> {
  const [ours, ref] = [servers.get('ours')!, servers.get('reference')!];
  const cells = [toCell(ours, plans.get('ours')!, shape.perRoom, shape.probeRooms), toCell(ref, plans.get('reference')!, shape.perRoom, shape.probeRooms)];
  await waitForQuiet(ctx, ours.pid);
  const split = cells[0]!.rooms.length;
  const step = await window([...cells[0]!.rooms, ...cells[1]!.rooms], [...cells[0]!.probes, ...cells[1]!.probes.map((p) => ({ ...p, room: p.room + split }))], ours.pid, rate, { pid: ref.pid, splitAtRoom: split });
  const other = step.extraServers![0]!;
  const [oursLatency, refLatency] = step.latencyMsSplit!;
  return { ours: { cpu: step.serverCpuPct, rss: step.serverRssMB, p99: oursLatency.p99 }, reference: { cpu: other.cpuPct, rss: other.rssMB, p99: refLatency.p99 } };
}

async function window(rooms: ClientSpec[][], probes: ProbeSpec[], serverPid: number, rate: number, other?: { pid: number; splitAtRoom: number }): Promise<StepResult> {
  const [step] = await generator.fanout({
    rooms,
    probes,
    ...(other === undefined ? {} : { extraServerPids: [other.pid], extraServerCpus: [0], splitAtRoom: other.splitAtRoom }),
    expectServerSync: true,
    rates: [rate],
    stopAtFailure: false,
    warmupMs: 2000,
    stepWarmMs: 0,
    windowMs: fullProfile.windowMs,
    drainMs: fullProfile.drainMs,
    serverPid,
    stopP99Ms: fullProfile.stopP99Ms,
    maxGeneratorCpuPct: fullProfile.maxGeneratorCpuPct,
    decodersPerLargeRoom: 3,
  });
  if (!step || step.delivery < 1) throw new Error(`${other === undefined ? serverPid : 'both servers'} at ${rate}/s: no valid window`);
  return step;
}

try {
  for (const slot of kinds) {
    const kind = slot === 'reference' && !baseline ? 'reference' : 'ours';
    // Each window reconnects, and the other server's window lasts longer than ours' default unload delay (10 s):
    // without a longer one every window would first reload ours' documents from SQLite, which a live room never does.
    const env = kind === 'ours' ? { DOC_UNLOAD_MS: '600000' } : undefined;
    const server = await startBenchServer(kind, { cpu: 0, dataDir: tempDataDir(), ...(env ? { env } : {}), ...(slot === 'reference' && baseline ? { baseline } : {}) });
    servers.set(slot, server);
    plans.set(slot, await planRooms(server, `ab-${slot}-${Date.now().toString(36)}`, shape.rooms, shape.perRoom + probesPerRoom));
  }
  const summary: Record<string, unknown> = {};
  for (const rate of rates) {
    const windows: Record<ServerKind, Window[]> = { ours: [], reference: [], raw: [] };
    const ratios: { cpu: number[]; rss: number[]; p99: number[] } = { cpu: [], rss: [], p99: [] };
    const together: { cpu: number[]; rss: number[]; p99: number[] } = { cpu: [], rss: [], p99: [] };
    for (let r = 0; r <= rounds; r++) {
      const order = r % 2 === 0 ? kinds : [...kinds].reverse();
      const got = new Map<ServerKind, Window>();
      for (const kind of order) got.set(kind, await measure(kind, rate));
      const [ours, ref] = [got.get('ours')!, got.get('reference')!];
      log(`rate ${rate}/s round ${r}${r === 0 ? ' (warm-up)' : ''}: ours ${ours.cpu}% ${ours.rss} MB p99 ${ours.p99} ms | ${other} ${ref.cpu}% ${ref.rss} MB p99 ${ref.p99} ms`);
      if (r === 0) continue;
      windows.ours.push(ours);
      windows.reference.push(ref);
      ratios.cpu.push(ours.cpu / ref.cpu);
      ratios.rss.push(ours.rss / ref.rss);
      ratios.p99.push(ours.p99 / ref.p99);
    }
    // After the alternating rounds, so that their doubled load (a bigger log fold after it) never falls in those.
    for (let r = 1; r <= rounds; r++) {
      const both = await measureTogether(rate);
      log(`rate ${rate}/s together ${r}: ours ${both.ours.cpu}% ${both.ours.rss} MB p99 ${both.ours.p99} ms | ${other} ${both.reference.cpu}% ${both.reference.rss} MB p99 ${both.reference.p99} ms`);
      together.cpu.push(both.ours.cpu / both.reference.cpu);
      together.rss.push(both.ours.rss / both.reference.rss);
      together.p99.push(both.ours.p99 / both.reference.p99);
    }
    const medians = (list: Window[]) => ({ cpuPct: median(list.map((w) => w.cpu)), rssMB: median(list.map((w) => w.rss)), p99Ms: median(list.map((w) => w.p99)) });
    const result = {
      ours: medians(windows.ours),
      reference: medians(windows.reference),
      ratio: { cpu: round(median(ratios.cpu), 2), rss: round(median(ratios.rss), 2), p99: round(median(ratios.p99), 2) },
      roundsCpuRatios: ratios.cpu.map((x) => round(x, 2)),
      together: {
        cpu: round(median(together.cpu), 2),
        rss: round(median(together.rss), 2),
        p99: round(median(together.p99), 2),
        roundsCpuRatios: together.cpu.map((x) => round(x, 2)),
        roundsP99Ratios: together.p99.map((x) => round(x, 2)),
      },
    };
    log(`rate ${rate}/s: median ratios ours / ${other}: CPU ${result.ratio.cpu}×, RSS ${result.ratio.rss}×, p99 ${result.ratio.p99}× (per round CPU: ${result.roundsCpuRatios.join(', ')})`);
    log(
      `rate ${rate}/s together: median ratios CPU ${result.together.cpu}×, RSS ${result.together.rss}×, p99 ${result.together.p99}× (per round CPU: ${result.together.roundsCpuRatios.join(', ')}; p99: ${result.together.roundsP99Ratios.join(', ')})`,
    );
    summary[`rate${rate}`] = result;
  }
  process.stdout.write(`${JSON.stringify(summary, null, 2)}\n`);
} finally {
  for (const server of servers.values()) await server.stop();
  await generator.close();
}
