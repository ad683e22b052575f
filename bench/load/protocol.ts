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
  /** Updates/s per client; more than one entry makes a ramp that stops at the first failing step. */
  rates: number[];
  warmupMs: number;
  stepWarmMs: number;
  windowMs: number;
  drainMs: number;
  serverPid: number;
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
}

export interface StepResult {
  ratePerClient: number;
  windowS: number;
  latencyMs: LatencySummary;
  probeLatencyMs: LatencySummary | null;
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
