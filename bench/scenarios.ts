import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { randomBytes } from 'node:crypto';
import { seedBoard } from './load/provider';
import type { ClientCell } from './lib/client';
import type { HeapCell } from './heapCell';
import type { SettledWrites } from './settledWrites';
import { benchRedisUrl, createBenchDatabase, postgresVersion } from './lib/postgres';
import type { FanoutRequest, IdleResult, JoinGroupResult, StepResult } from './load/protocol';
import { pollHealth, type HealthSummary } from './lib/healthPoller';
import { planRooms, toCell } from './lib/fixtures';
import type { Generator } from './lib/generatorProcess';
import { coreBusyPct, cpuSeconds, cpuTimes, round, sleep } from './lib/proc';
import { startBenchServer, type BenchServer, type ServerKind } from './lib/serverProcess';

// The scenario matrix of benchmark-method.md §8, at full size or as a few-second smoke run.

export interface FanoutShape {
  rooms: number;
  perRoom: number;
  rates: number[];
  probeRooms: number[];
}

export interface Profile {
  quick: boolean;
  /**
   * Windows of event and busy per server (on one set of connections, event's then busy's); the cell is the
   * median-CPU window. The raw relay, the floor, gets one: its spread decides nothing.
   */
  repeats: number;
  warmupMs: number;
  windowMs: number;
  drainMs: number;
  rampStepWarmMs: number;
  rampWindowMs: number;
  rampDrainMs: number;
  fanout: Record<FanoutScenario | 'ramp', FanoutShape>;
  idle: { rooms: number; perRoom: number; settleMs: number };
  join: { cards: number; bursts: number[] };
  /** DOC_UNLOAD_MS for ours while the join board's heap is measured; null = the server's default. */
  heapDocUnloadMs: number | null;
  stopP99Ms: number;
  maxGeneratorCpuPct: number;
  /** Busy % of a bench core not explained by the server or generator (someone else's build, tests…). */
  maxForeignCpuPct: number;
  /** The flood cell (issue 12): the `event` load plus `flooders` connections sending maximum-size updates. */
  flood: FloodProfile;
}

export interface FloodProfile {
  flooders: number;
  /** Pause before a closed or refused flooder reconnects. */
  reconnectMs: number;
  /** GET /api/health this often (a new request every tick, answered or not), each given up after healthTimeoutMs. */
  healthEveryMs: number;
  healthTimeoutMs: number;
}

export type FanoutScenario = 'event' | 'busy' | 'plenary' | 'saas';

export const fullProfile: Profile = {
  quick: false,
  repeats: 3,
  // perf showed TurboFan compiling through the first windows after a 2 s warm-up: 3 s of the event load,
  // then every later window on the same connections, keeps the compile out of all but the first.
  warmupMs: 3000,
  windowMs: 5000,
  drainMs: 500,
  rampStepWarmMs: 500,
  rampWindowMs: 2000,
  rampDrainMs: 500,
  fanout: {
    event: { rooms: 20, perRoom: 10, rates: [1], probeRooms: [0, 1] },
    busy: { rooms: 20, perRoom: 10, rates: [5], probeRooms: [0, 1] },
    // One generator core cannot read the 40 k frames/s of 200 people at 1 update/s each (it measured 88–94 %
    // busy, so that cell was never valid): a plenary at the method's other rate, 0.25/s (10 k frames/s out).
    plenary: { rooms: 1, perRoom: 200, rates: [0.25], probeRooms: [0, 0] },
    // Hundreds of small events on one node: 2,000 connections, 200 live docs, 200 updates/s in all.
    saas: { rooms: 200, perRoom: 10, rates: [0.1], probeRooms: [0, 1] },
    // From 8/s: event (1/s) and busy (5/s) already cover the rates below.
    ramp: { rooms: 20, perRoom: 10, rates: [8, 16, 32, 64], probeRooms: [0, 1] },
  },
  idle: { rooms: 200, perRoom: 10, settleMs: 2000 },
  join: { cards: 2000, bursts: [35, 200] },
  // Ours unloads the heap cell's board 3 s after its last client (not the default 10 s): the same measurement, 7 s sooner.
  heapDocUnloadMs: 3000,
  stopP99Ms: 250,
  maxGeneratorCpuPct: 70,
  maxForeignCpuPct: 25,
  flood: { flooders: 3, reconnectMs: 25, healthEveryMs: 50, healthTimeoutMs: 15_000 },
};

export const quickProfile: Profile = {
  quick: true,
  repeats: 1,
  warmupMs: 200,
  windowMs: 800,
  drainMs: 200,
  rampStepWarmMs: 150,
  rampWindowMs: 500,
  rampDrainMs: 200,
  fanout: {
    event: { rooms: 2, perRoom: 4, rates: [2], probeRooms: [0, 1] },
    busy: { rooms: 2, perRoom: 4, rates: [5], probeRooms: [0, 1] },
    plenary: { rooms: 1, perRoom: 12, rates: [1], probeRooms: [0, 0] },
    // Many small rooms, but few: every REST join costs ours time, and the smoke run checks the shape only.
    saas: { rooms: 12, perRoom: 3, rates: [1], probeRooms: [0, 1] },
    ramp: { rooms: 2, perRoom: 4, rates: [4, 8], probeRooms: [0, 1] },
  },
  idle: { rooms: 10, perRoom: 3, settleMs: 300 },
  join: { cards: 200, bursts: [3, 6] },
  // The default (10 s) would be a fifth of a smoke run; 2 s still leaves the board loaded when the heap cell
  // reads it (≈0.3 s and a GC after the last joiner left). The full run keeps the default.
  heapDocUnloadMs: 2000,
  stopP99Ms: 250,
  maxGeneratorCpuPct: 70,
  // A smoke run checks the shape, not the numbers: other load on a CI machine must not end it early.
  maxForeignCpuPct: 100,
  flood: { flooders: 3, reconnectMs: 25, healthEveryMs: 50, healthTimeoutMs: 10_000 },
};

export type FanoutCell = {
  scenario: FanoutScenario;
  server: ServerKind;
  valid: boolean;
  invalidReasons: string[];
  rooms: number;
  clientsPerRoom: number;
  probes: number;
  /** Every run of a repeated cell (the spread); the cell's own figures are those of the median-CPU run. */
  repeats?: { serverCpuPct: number; p50: number; p99: number; delivery: number; valid: boolean }[];
} & StepResult;

export interface RampCell {
  scenario: 'ramp';
  server: ServerKind;
  valid: boolean;
  maxSustainedInPerSec: number;
  maxSustainedOutPerSec: number;
  stoppedBecause: string;
  /** True when the generator, not the server, ended the ramp: the server may sustain more. */
  lowerBound: boolean;
  steps: StepResult[];
}

export type IdleCell = { scenario: 'idle'; server: ServerKind; valid: boolean } & IdleResult;

export interface JoinCell {
  scenario: 'join';
  server: ServerKind;
  valid: boolean;
  skipped?: string;
  boardCards: number;
  coldFrom: 'sqlite' | 'memory' | null;
  groups: JoinGroupResult[];
}

export interface WriteAmpCell {
  scenario: 'writeAmp';
  server: ServerKind;
  valid: boolean;
  skipped?: string;
  event: { writeBytes: number; payloadBytes: number; amplification: number } | null;
  busy: { writeBytes: number; payloadBytes: number; amplification: number } | null;
  sqliteBytes: number | null;
  /** Full run: `event` traffic on a fresh server, counted until its log has been folded (bench/settledWrites.ts). */
  settled?: SettledWrites | null;
}

/**
 * Issue 8: two of our servers on one PostgreSQL database and one Redis, the `event` traffic with every room's
 * members alternating between the servers (so half of each fan-out crosses Redis). `serverCpuPct`/`serverRssMB`
 * are server A's, `extraServers[0]` is server B's; `servers` repeats both with the core each was pinned to.
 */
export type TwoServersCell = {
  scenario: 'twoServers';
  server: 'ours';
  valid: boolean;
  invalidReasons: string[];
  skipped?: string;
  rooms: number;
  clientsPerRoom: number;
  probes: number;
  postgres: string | null;
  servers: { name: 'A' | 'B'; cpu: number | null; cpuPct: number; rssMB: number }[];
} & Partial<StepResult>;

/**
 * Issue 12: the `event` load without flood (this cell's own baseline, fresh rooms on the same server process),
 * then again while `flooders` participants, each alone in a room of an extra event, send card-adding updates of
 * close to limits.yjsUpdateBytes as fast as the server reads them (bench/load/flood.ts), reconnecting whenever
 * it closes them. /api/health is polled from the orchestrator through both windows.
 */
export interface FloodCell {
  scenario: 'flood';
  server: ServerKind;
  valid: boolean;
  invalidReasons: string[];
  skipped?: string;
  rooms: number;
  clientsPerRoom: number;
  probes: number;
  flooders: number;
  /** /api/health latency in the baseline window and in the flood window. */
  health: { unloaded: HealthSummary; loaded: HealthSummary } | null;
  /** The event rooms without flood and with it (`loaded.flood`: what the flooders sent and the server accepted). */
  unloaded: StepResult | null;
  loaded: StepResult | null;
  /** Event rooms' edit latency p99 with flood / without. */
  otherRoomsP99Ratio: number | null;
  /** The targets and whether this run met them (null: not measured). */
  targets: { healthP99Ms: number; otherRoomsP99Ratio: number; healthMet: boolean | null; otherRoomsMet: boolean | null };
}

export type Cell = FanoutCell | RampCell | IdleCell | JoinCell | HeapCell | WriteAmpCell | TwoServersCell | ClientCell | FloodCell;

type WithScenario<C, S> = C extends { scenario: infer X } ? (S extends X ? C : never) : never;
/** The cell type of scenario S (FanoutCell for every fan-out scenario, where Extract<Cell, { scenario: S }> finds none). */
export type CellOf<S extends Cell['scenario']> = WithScenario<Cell, S>;

export interface RunContext {
  profile: Profile;
  generator: Generator;
  cpu: number | null;
  log(line: string): void;
  nodeArgs?: string[];
}

export function tempDataDir(): string {
  return fs.mkdtempSync(path.join(os.tmpdir(), 'rt-bench-'));
}

/** Why a window is not valid; `foreign` replaces the per-core foreign-load check, `delivery: false` drops the delivery check. */
function stepReasons(step: StepResult, ctx: RunContext, opts: { foreign?: number; delivery?: boolean } = {}): string[] {
  const reasons: string[] = [];
  const foreignOverride = opts.foreign;
  if (opts.delivery !== false && step.delivered !== step.expectedPairs) reasons.push(`delivery ${step.delivery} (${step.delivered}/${step.expectedPairs})`);
  if (step.generatorCpuPct > ctx.profile.maxGeneratorCpuPct) reasons.push(`generator CPU ${step.generatorCpuPct}%`);
  if (step.latencyMs.count === 0) reasons.push('no latency samples');
  if (foreignOverride !== undefined) {
    if (foreignOverride > ctx.profile.maxForeignCpuPct) reasons.push(`other processes (beyond PostgreSQL and Redis) used ${foreignOverride} % of a core`);
  } else if (step.foreignCpuPct[0] > ctx.profile.maxForeignCpuPct || step.foreignCpuPct[1] > ctx.profile.maxForeignCpuPct) {
    reasons.push(`other processes used ${step.foreignCpuPct.join('/')} % of CPU 0/1`);
  }
  return reasons;
}

/**
 * Waits (bounded) until processes other than the bench's own (the server under test, the generator, this
 * orchestrator) leave both cores quiet: the server's own background work (an unload, a fold) is its cost and
 * is measured with it, so it is not waited for.
 */
export async function waitForQuiet(ctx: RunContext, serverPid: number): Promise<void> {
  if (ctx.profile.quick) return;
  const pids = [serverPid, ctx.generator.pid, process.pid];
  for (let waited = 0; waited < 30_000; waited += 1000) {
    const before = { cores: cpuTimes(), procs: pids.map(cpuSeconds) };
    await sleep(1000);
    const busy = coreBusyPct(before.cores, cpuTimes());
    const [server = 0, generator = 0, self = 0] = pids.map((pid, i) => 100 * (cpuSeconds(pid) - before.procs[i]!));
    const ours = ctx.cpu === null ? [] : [server, generator + self];
    const foreign = ctx.cpu === null ? [Math.max(0, busy.reduce((a, b) => a + b, 0) - server - generator - self) / busy.length] : busy.map((b, i) => round(Math.max(0, b - (ours[i] ?? 0)), 1));
    if (Math.max(...foreign) < 15) return;
    if (waited % 10_000 === 0) ctx.log(`    waiting for a quiet machine (other processes busy ${foreign.join('/')} %)`);
  }
}

export async function fanoutSteps(
  ctx: RunContext,
  server: BenchServer,
  tag: string,
  shape: FanoutShape,
  ramp: boolean,
  extra: Pick<FanoutRequest, 'flood' | 'drainUntilDeliveredMs' | 'warmupRate'> = {},
): Promise<StepResult[]> {
  const probesPerRoom = Math.max(0, ...shape.probeRooms.map((r) => shape.probeRooms.filter((x) => x === r).length));
  const plans = await planRooms(server, tag, shape.rooms, shape.perRoom + probesPerRoom);
  const cell = toCell(server, plans, shape.perRoom, shape.probeRooms);
  const p = ctx.profile;
  await waitForQuiet(ctx, server.pid);
  return ctx.generator.fanout({
    rooms: cell.rooms,
    probes: cell.probes,
    expectServerSync: server.kind !== 'raw',
    rates: shape.rates,
    stopAtFailure: ramp,
    warmupMs: p.warmupMs,
    stepWarmMs: p.rampStepWarmMs,
    windowMs: ramp ? p.rampWindowMs : p.windowMs,
    drainMs: ramp ? p.rampDrainMs : p.drainMs,
    serverPid: server.pid,
    stopP99Ms: p.stopP99Ms,
    maxGeneratorCpuPct: p.maxGeneratorCpuPct,
    decodersPerLargeRoom: 3,
    ...extra,
  });
}

/** Repeated scenarios (event, busy) run on one set of connections; the others once. */
const repeated = (scenario: FanoutScenario) => scenario === 'event' || scenario === 'busy';

export async function runFanoutCell(ctx: RunContext, server: BenchServer, scenario: FanoutScenario): Promise<FanoutCell> {
  if (repeated(scenario)) return (await runRepeatedCells(ctx, server, [scenario]))[0]!;
  const shape = ctx.profile.fanout[scenario];
  ctx.log(`  ${server.kind} ${scenario}: ${shape.rooms}×${shape.perRoom} @${shape.rates[0]}/s`);
  const steps = await fanoutSteps(ctx, server, `${scenario}-${Date.now().toString(36)}`, shape, false);
  return cellOf(ctx, server, scenario, steps);
}

/**
 * Scenarios of one room shape (event and busy: 20×10) as consecutive windows on the same connections, each
 * `repeats` times (the raw relay once): no set-up between them, and only the first window follows a cold start.
 */
export async function runRepeatedCells(ctx: RunContext, server: BenchServer, scenarios: FanoutScenario[]): Promise<FanoutCell[]> {
  const runs = server.kind === 'raw' ? 1 : ctx.profile.repeats;
  const shapes = scenarios.map((scenario) => ctx.profile.fanout[scenario]);
  const [first] = shapes;
  if (!first || shapes.some((s) => s.rooms !== first.rooms || s.perRoom !== first.perRoom || String(s.probeRooms) !== String(first.probeRooms))) {
    throw new Error('repeated cells must share one room shape');
  }
  const rates = shapes.flatMap((shape) => Array.from({ length: runs }, () => shape.rates[0]!));
  ctx.log(`  ${server.kind} ${scenarios.join(' + ')}: ${first.rooms}×${first.perRoom} @${rates.join(', ')}/s`);
  // Warmed at the highest of the rates: the JIT is done sooner, and every server gets the same.
  const steps = await fanoutSteps(ctx, server, `${scenarios.join('-')}-${Date.now().toString(36)}`, { ...first, rates }, false, { warmupRate: Math.max(...rates) });
  return scenarios.map((scenario, i) => cellOf(ctx, server, scenario, steps.slice(i * runs, (i + 1) * runs)));
}

/** A cell from its windows: the median-CPU window's figures, and every window's CPU and p99 as the spread. */
function cellOf(ctx: RunContext, server: BenchServer, scenario: FanoutScenario, steps: StepResult[]): FanoutCell {
  const shape = ctx.profile.fanout[scenario];
  const step = [...steps].sort((a, b) => a.serverCpuPct - b.serverCpuPct)[Math.floor(steps.length / 2)]!;
  const invalidReasons = stepReasons(step, ctx);
  const repeats =
    steps.length > 1
      ? steps.map((s) => ({ serverCpuPct: s.serverCpuPct, p50: s.latencyMs.p50, p99: s.latencyMs.p99, delivery: s.delivery, valid: stepReasons(s, ctx).length === 0 }))
      : undefined;
  return { scenario, server: server.kind, valid: invalidReasons.length === 0, invalidReasons, rooms: shape.rooms, clientsPerRoom: shape.perRoom, probes: shape.probeRooms.length, ...(repeats ? { repeats } : {}), ...step };
}

export async function runRampCell(ctx: RunContext, server: BenchServer): Promise<RampCell> {
  const shape = ctx.profile.fanout.ramp;
  ctx.log(`  ${server.kind} ramp: ${shape.rooms}×${shape.perRoom} @${shape.rates.join('→')}/s`);
  const steps = await fanoutSteps(ctx, server, `ramp-${Date.now().toString(36)}`, shape, true);
  const passed = steps.filter((s) => s.latencyMs.p99 <= ctx.profile.stopP99Ms && stepReasons(s, ctx).length === 0);
  const best = passed.reduce<StepResult | null>((a, s) => (!a || s.inPerSec > a.inPerSec ? s : a), null);
  const last = steps.at(-1)!;
  const lastReasons = stepReasons(last, ctx);
  const failedLast = last.latencyMs.p99 > ctx.profile.stopP99Ms || lastReasons.length > 0;
  const stoppedBecause = !failedLast
    ? 'highest configured rate passed'
    : [...(last.latencyMs.p99 > ctx.profile.stopP99Ms ? [`p99 ${last.latencyMs.p99} ms`] : []), ...lastReasons].join(', ');
  return {
    scenario: 'ramp',
    server: server.kind,
    valid: best !== null,
    maxSustainedInPerSec: best?.inPerSec ?? 0,
    maxSustainedOutPerSec: best?.outPerSec ?? 0,
    stoppedBecause,
    lowerBound: !failedLast || (last.generatorCpuPct > ctx.profile.maxGeneratorCpuPct && last.latencyMs.p99 <= ctx.profile.stopP99Ms),
    steps,
  };
}

/** Run first on a fresh server process, so that RSS at 0 connections is clean. */
export async function runIdleCell(ctx: RunContext, server: BenchServer): Promise<IdleCell> {
  const { rooms, perRoom, settleMs } = ctx.profile.idle;
  ctx.log(`  ${server.kind} idle: ${rooms * perRoom} connections`);
  const plans = await planRooms(server, `idle-${Date.now().toString(36)}`, rooms, perRoom);
  const cell = toCell(server, plans, perRoom, []);
  const result = await ctx.generator.idle({ rooms: cell.rooms, expectServerSync: server.kind !== 'raw', settleMs, serverPid: server.pid });
  return { scenario: 'idle', server: server.kind, valid: result.connections === rooms * perRoom, ...result };
}

export interface SeededBoard {
  docName: string;
  cookies: (string | undefined)[];
}

/** Seeds the join board through a real provider on the running server (ours restarts afterwards). */
export async function seedJoinBoard(ctx: RunContext, server: BenchServer): Promise<SeededBoard | null> {
  if (server.kind === 'raw') return null;
  const { cards, bursts } = ctx.profile.join;
  ctx.log(`  ${server.kind} join: seeding a ${cards}-card board`);
  const [plan] = await planRooms(server, `join-${Date.now().toString(36)}`, 1, Math.max(...bursts));
  await seedBoard(server.wsBase, plan!.docName, plan!.cookies[0], cards);
  return plan!;
}

/** 1 cold joiner (ours: first join after a restart, loaded from SQLite), then bursts of simultaneous joiners. */
export async function runJoinCell(ctx: RunContext, server: BenchServer, board: SeededBoard | null): Promise<JoinCell> {
  const { cards, bursts } = ctx.profile.join;
  if (!board) return { scenario: 'join', server: server.kind, valid: true, skipped: 'the raw relay keeps no document to sync', boardCards: cards, coldFrom: null, groups: [] };
  ctx.log(`  ${server.kind} join: 1 cold joiner then ${bursts.join(' and ')} at once`);
  const spec = (k: number) => ({ url: `${server.wsBase}/${board.docName}`, cookie: board.cookies[k] });
  const groups = [{ label: 'cold', specs: [spec(0)] }, ...bursts.map((n) => ({ label: `warm${n}`, specs: Array.from({ length: n }, (_, k) => spec(k)) }))];
  const results = await ctx.generator.join({ groups, serverPid: server.pid });
  return { scenario: 'join', server: server.kind, valid: results.every((g) => g.bytes > 0), boardCards: cards, coldFrom: server.kind === 'ours' ? 'sqlite' : 'memory', groups: results };
}

/** Call right after the `busy` cell: SQLite file + WAL size are read then. */
export function writeAmpCell(kind: ServerKind, cells: FanoutCell[], dataDir: string): WriteAmpCell {
  if (kind !== 'ours') return { scenario: 'writeAmp', server: kind, valid: true, skipped: 'no persistence', event: null, busy: null, sqliteBytes: null };
  const amp = (c: FanoutCell | undefined) =>
    c ? { writeBytes: c.serverWriteBytes, payloadBytes: c.payloadBytes, amplification: round(c.serverWriteBytes / Math.max(1, c.payloadBytes), 2) } : null;
  const size = (f: string) => (fs.existsSync(path.join(dataDir, f)) ? fs.statSync(path.join(dataDir, f)).size : 0);
  return {
    scenario: 'writeAmp',
    server: kind,
    valid: true,
    event: amp(cells.find((c) => c.scenario === 'event')),
    busy: amp(cells.find((c) => c.scenario === 'busy')),
    sqliteBytes: size('roundtable.db') + size('roundtable.db-wal'),
  };
}

/**
 * Two of our servers in their own processes on a temp PostgreSQL database and the local Redis, both on CPU 0
 * on a 2-core machine (the generator keeps CPU 1: the pair gets the core one server had alone), server B on
 * CPU 2 when there is one. Events are created on A; each member joins through the server it will connect to
 * (sessions are signed with one SESSION_SECRET, so a cookie from either server is valid on both).
 */
export async function runTwoServersCell(ctx: RunContext): Promise<TwoServersCell> {
  const shape = ctx.profile.fanout.event;
  const cpus = ctx.cpu === null ? [null, null] : [ctx.cpu, os.cpus().length >= 3 ? 2 : ctx.cpu];
  const base = { scenario: 'twoServers' as const, server: 'ours' as const, rooms: shape.rooms, clientsPerRoom: shape.perRoom, probes: shape.probeRooms.length };
  ctx.log(`  ours twoServers (PostgreSQL + Redis, CPUs ${cpus.join(' and ')}): ${shape.rooms}×${shape.perRoom} @${shape.rates[0]}/s, rooms split`);
  let db: Awaited<ReturnType<typeof createBenchDatabase>>;
  try {
    db = await createBenchDatabase();
  } catch (e) {
    const skipped = `PostgreSQL unavailable: ${(e as Error).message}`;
    return { ...base, valid: false, invalidReasons: [skipped], skipped, postgres: null, servers: [] };
  }
  const env = { DATABASE_URL: db.url, REDIS_URL: benchRedisUrl, SESSION_SECRET: randomBytes(32).toString('hex') };
  const started: BenchServer[] = [];
  try {
    const starting = cpus.map((cpu) => startBenchServer('ours', { cpu, dataDir: tempDataDir(), env, nodeArgs: ctx.nodeArgs }));
    for (const s of await Promise.allSettled(starting)) if (s.status === 'fulfilled') started.push(s.value);
    if (started.length < 2) throw (await Promise.allSettled(starting)).find((s): s is PromiseRejectedResult => s.status === 'rejected')!.reason as Error;
    const [a, b] = started as [BenchServer, BenchServer];
    const onB = (k: number) => k % 2 === 1;
    const probesPerRoom = Math.max(0, ...shape.probeRooms.map((r) => shape.probeRooms.filter((x) => x === r).length));
    const plans = await planRooms(a, `cluster-${Date.now().toString(36)}`, shape.rooms, shape.perRoom + probesPerRoom, (k) => (onB(k) ? b : a));
    const cell = toCell(a, plans, shape.perRoom, shape.probeRooms);
    const rooms = cell.rooms.map((members) => members.map((spec, k) => (onB(k) ? { ...spec, url: spec.url.replace(a.wsBase, b.wsBase) } : spec)));
    const probes = cell.probes.map((probe, i) => (onB(i) ? { ...probe, wsBase: b.wsBase } : probe));
    await waitForQuiet(ctx, a.pid);
    const p = ctx.profile;
    const [step] = await ctx.generator.fanout({
      rooms,
      probes,
      expectServerSync: true,
      rates: shape.rates,
      stopAtFailure: false,
      warmupMs: p.warmupMs,
      stepWarmMs: p.rampStepWarmMs,
      windowMs: p.windowMs,
      drainMs: p.drainMs,
      serverPid: a.pid,
      extraServerPids: [b.pid],
      extraServerCpus: [cpus[1]!],
      serviceComms: ['postgres', 'redis-server'],
      stopP99Ms: p.stopP99Ms,
      maxGeneratorCpuPct: p.maxGeneratorCpuPct,
      decodersPerLargeRoom: 3,
    });
    const s = step!;
    // PostgreSQL and Redis are not pinned: their CPU lands on either core, so judge foreign load on the sum.
    const foreign = round(Math.max(0, s.foreignCpuPct[0] + s.foreignCpuPct[1] - (s.servicesCpuPct ?? 0)), 1);
    const invalidReasons = stepReasons(s, ctx, { foreign });
    const extra = s.extraServers?.[0];
    return {
      ...base,
      valid: invalidReasons.length === 0,
      invalidReasons,
      postgres: await postgresVersion(db.url),
      servers: [
        { name: 'A', cpu: cpus[0]!, cpuPct: s.serverCpuPct, rssMB: s.serverRssMB },
        { name: 'B', cpu: cpus[1]!, cpuPct: extra?.cpuPct ?? 0, rssMB: extra?.rssMB ?? 0 },
      ],
      ...s,
    };
  } catch (e) {
    const skipped = `two-server run failed: ${(e as Error).message}`;
    return { ...base, valid: false, invalidReasons: [skipped], skipped, postgres: null, servers: [] };
  } finally {
    await Promise.all(started.map((s) => s.stop()));
    await db.drop().catch(() => undefined);
  }
}

/** Runs one fan-out window while the orchestrator polls /api/health, and summarises the polls inside that window. */
async function withHealthPolls(ctx: RunContext, server: BenchServer, run: () => Promise<StepResult[]>): Promise<{ step: StepResult; health: HealthSummary }> {
  const { healthEveryMs, healthTimeoutMs } = ctx.profile.flood;
  const poller = pollHealth(`${server.httpBase}/api/health`, { everyMs: healthEveryMs, timeoutMs: healthTimeoutMs, serverPid: server.pid });
  let steps: StepResult[];
  try {
    steps = await run();
  } catch (error) {
    await poller.stop(0, 0);
    throw error;
  }
  const step = steps[0]!;
  return { step, health: await poller.stop(...step.windowEpochMs) };
}

/** Issue 12 (see FloodCell). Ours only: the reference and the raw relay have no participants, auth or write rules to flood past. */
export async function runFloodCell(ctx: RunContext, server: BenchServer): Promise<FloodCell> {
  const shape = ctx.profile.fanout.event;
  const f = ctx.profile.flood;
  const base = {
    scenario: 'flood' as const,
    server: server.kind,
    rooms: shape.rooms,
    clientsPerRoom: shape.perRoom,
    probes: shape.probeRooms.length,
    flooders: f.flooders,
  };
  const targets = { healthP99Ms: 100, otherRoomsP99Ratio: 2 };
  if (server.kind !== 'ours') {
    const skipped = 'no auth or participants on this server (anyone may write anything): the flood cell runs against ours only';
    return { ...base, valid: true, invalidReasons: [], skipped, health: null, unloaded: null, loaded: null, otherRoomsP99Ratio: null, targets: { ...targets, healthMet: null, otherRoomsMet: null } };
  }
  const id = Date.now().toString(36);
  ctx.log(`  ${server.kind} flood: ${shape.rooms}×${shape.perRoom} @${shape.rates[0]}/s without, then with ${f.flooders} flooders`);
  // Both windows drain until every edit has arrived (bounded): late edits are what the flood does to the other rooms.
  const drain = { drainUntilDeliveredMs: f.healthTimeoutMs };
  const unloaded = await withHealthPolls(ctx, server, () => fanoutSteps(ctx, server, `flood-base-${id}`, shape, false, drain));
  // Each flooder alone in a room of one extra event; the second participant of each room only reads the state vector afterwards.
  const floodRooms = await planRooms(server, `flooders-${id}`, f.flooders, 2);
  const flood = {
    flooders: floodRooms.map((room) => ({ url: `${server.wsBase}/${room.docName}`, cookie: room.cookies[0], observerCookie: room.cookies[1] })),
    reconnectMs: f.reconnectMs,
  };
  const loaded = await withHealthPolls(ctx, server, () => fanoutSteps(ctx, server, `flood-${id}`, shape, false, { ...drain, flood }));
  const invalidReasons = [
    ...stepReasons(unloaded.step, ctx).map((r) => `unloaded: ${r}`),
    // Lost deliveries under flood are a finding (the server dropped a peer), reported as `loaded.delivery`.
    ...stepReasons(loaded.step, ctx, { delivery: false }).map((r) => `flooded: ${r}`),
    // A flooder the server holds back (socket paused for its byte budget) sends nothing new in the window,
    // but it is still pressing: that is the flood working as intended, not a missing load.
    ...(loaded.step.flood?.sentUpdates || loaded.step.flood?.backlogged ? [] : ['flooded: the flooders neither sent nor were held back']),
    ...(unloaded.health.sent > 0 && loaded.health.sent > 0 ? [] : ['no /api/health requests in a window']),
  ];
  const ratio = unloaded.step.latencyMs.p99 > 0 && loaded.step.latencyMs.count > 0 ? round(loaded.step.latencyMs.p99 / unloaded.step.latencyMs.p99, 2) : null;
  // Unanswered health requests count against the target even though their latency is only a lower bound.
  const healthMet = loaded.health.count > 0 ? loaded.health.p99 <= targets.healthP99Ms && loaded.health.failed === 0 : null;
  return {
    ...base,
    valid: invalidReasons.length === 0,
    invalidReasons,
    health: { unloaded: unloaded.health, loaded: loaded.health },
    unloaded: unloaded.step,
    loaded: loaded.step,
    otherRoomsP99Ratio: ratio,
    targets: { ...targets, healthMet, otherRoomsMet: ratio === null ? null : ratio <= targets.otherRoomsP99Ratio },
  };
}
