import type { LatencySummary } from '../lib/histogram';
import type { ClientSpec } from './lightClient';

// Requests the orchestrator sends to the load-generator process over IPC, and what comes back.

export interface ProbeSpec {
  wsBase: string;
  docName: string;
  cookie?: string;
  room: number;
}

export interface FanoutRequest {
  cmd: 'fanout';
  rooms: ClientSpec[][];
  probes: ProbeSpec[];
  expectServerSync: boolean;
  /** Updates/s per client, one window each on the same connections (repeats of a cell, or a ramp's steps). */
  rates: number[];
  /** A ramp ends at its first failing step (p99 over stopP99Ms, delivery < 1 or the generator over budget). */
  stopAtFailure: boolean;
  warmupMs: number;
  /** The warm-up's rate when it differs from the first step's (a faster one gets every server's JIT done sooner). */
  warmupRate?: number;
  stepWarmMs: number;
  windowMs: number;
  drainMs: number;
  serverPid: number;
  /** Latencies also summarised apart for rooms before this index and from it on (two servers loaded at once). */
  splitAtRoom?: number;
  /** More server processes sampled over the same window (the two-server cell); their CPU counts as core 0's. */
  extraServerPids?: number[];
  /** The core each extra server is pinned to (only those on CPU 0 are subtracted from core 0's foreign load). */
  extraServerCpus?: (number | null)[];
  /** Process names (comm) whose CPU is summed over the window, e.g. postgres and redis-server. */
  serviceComms?: string[];
  stopP99Ms: number;
  maxGeneratorCpuPct: number;
  /** Rooms larger than this use the cheap header path for all but this many decoding receivers. */
  decodersPerLargeRoom: number;
  /**
   * After the drain, keep waiting (up to this long) until every update sent in the window has reached every peer:
   * behind a flood the server may answer seconds late, and those seconds are the measurement.
   */
  drainUntilDeliveredMs?: number;
  /** The flood cell: connections sending maximum-size updates through warm-up and window (one rate only). */
  flood?: FloodSpec;
}

/**
 * Issue 12: participants who send maximum-size updates as fast as the server reads them. Each has a room of
 * its own (no peer receives its cards, so the generator decodes none of them); a second participant of that
 * room (the observer) reads the server's state vector afterwards to tell which updates the server accepted.
 */
export interface FloodSpec {
  flooders: { url: string; cookie?: string; observerCookie?: string }[];
  /** Pause before reconnecting after the server closed (or refused) a flooder. */
  reconnectMs: number;
}

/** What the flooders did inside the window. */
export interface FloodResult {
  flooders: number;
  /** Bytes of one card-adding update (≤ limits.yjsUpdateBytes) and the cards it adds. */
  updateBytes: number;
  cardsPerUpdate: number;
  /** Card-adding updates handed to the socket in the window (the small deletes that follow them are not counted). */
  sentUpdates: number;
  sentBytesPerSec: number;
  /** Of those, the ones the server integrated (seen in its state vector afterwards); null if it could not be read. */
  acceptedUpdates: number | null;
  acceptedBytesPerSec: number | null;
  /** Connections that reached the server's SyncStep1 inside the window: reconnects (each flooder's first connection is made in the warm-up). */
  connections: number;
  /** Flooders still pressing at the end of the window: frames queued that the server had not read (its byte budget). */
  backlogged: number;
  /** Closes of flooder connections by code, e.g. { "4429": 12, "1006": 1 }. */
  closeCodes: Record<string, number>;
  /** Upgrades refused with an HTTP status, or connections that failed before opening (`http 429`, `error ECONNRESET`). */
  refusals: Record<string, number>;
}

export interface StepResult {
  ratePerClient: number;
  windowS: number;
  latencyMs: LatencySummary;
  probeLatencyMs: LatencySummary | null;
  /** With `splitAtRoom`: the light clients' latencies in the rooms before it, and from it on. */
  latencyMsSplit?: [LatencySummary, LatencySummary];
  probeDelivery: number | null;
  sent: number;
  inPerSec: number;
  expectedPairs: number;
  delivered: number;
  outPerSec: number;
  delivery: number;
  echoes: number;
  payloadBytes: number;
  serverCpuPct: number;
  serverRssMB: number;
  serverWriteBytes: number;
  generatorCpuPct: number;
  /** Event-loop delay of the generator over the window (includes the 1 ms timer resolution): its stalls add to every latency. */
  generatorLoopDelayMs: { p99: number; max: number };
  /** CPU % and RSS of `extraServerPids`, in the same order, over the same window. */
  extraServers?: { pid: number; cpuPct: number; rssMB: number }[];
  /** CPU % (one-core units) of all processes named in `serviceComms`, summed. */
  servicesCpuPct?: number;
  /** CPU 0 busy minus the server, CPU 1 busy minus the generator: other processes on the machine. */
  foreignCpuPct: [number, number];
  /** The window in epoch milliseconds, to align what other processes sampled (the flood cell's /api/health polls). */
  windowEpochMs: [number, number];
  flood?: FloodResult;
}

export interface IdleRequest {
  cmd: 'idle';
  rooms: ClientSpec[][];
  expectServerSync: boolean;
  settleMs: number;
  serverPid: number;
}

export interface IdleResult {
  connections: number;
  rssBaseMB: number;
  rssMB: number;
  kbPerConnection: number;
  connectMs: number;
}

export interface JoinRequest {
  cmd: 'join';
  groups: { label: string; specs: ClientSpec[] }[];
  serverPid: number;
}

export interface JoinGroupResult {
  label: string;
  joiners: number;
  bytes: number;
  firstMs: number;
  p50Ms: number;
  lastMs: number;
  serverCpuMs: number;
}

export type GeneratorRequest = FanoutRequest | IdleRequest | JoinRequest | { cmd: 'exit' };
