import fs from 'node:fs';
import type { Histogram } from 'hdr-histogram-js';
import { monitorEventLoopDelay } from 'node:perf_hooks';
import type { WebsocketProvider } from 'y-websocket';
import * as Y from 'yjs';
import { cardsOf } from '../../shared/boardDoc';
import { createLatencyHistogram, recordMs, summarise, type LatencySummary } from '../lib/histogram';
import { coreBusyPct, cpuPct, cpuSecondsOfComms, cpuTimes, mb, round, sample, sleep } from '../lib/proc';
import { startFlood, type Flood } from './flood';
import { keyOfCard, LightClient, parseKey, timeJoin, type ClientSpec } from './lightClient';
import type { FanoutRequest, GeneratorRequest, IdleRequest, IdleResult, JoinGroupResult, JoinRequest, StepResult } from './protocol';
import { openProvider, whenSynced } from './provider';

// The load-generator process (pinned to CPU 1 by the orchestrator): light clients plus a few real providers.

interface Window {
  start: number;
  end: number;
  sent: number;
  expectedPairs: number;
  delivered: number;
  echoes: number;
  payloadBytes: number;
  probeExpected: number;
  probeDelivered: number;
  hist: Histogram;
  probeHist: Histogram;
  /** With `splitAtRoom`: the same latencies, rooms before that index and from it on. */
  splitHists: [Histogram, Histogram];
}

function newWindow(): Window {
  return {
    start: Infinity,
    end: Infinity,
    sent: 0,
    expectedPairs: 0,
    delivered: 0,
    echoes: 0,
    payloadBytes: 0,
    probeExpected: 0,
    probeDelivered: 0,
    hist: createLatencyHistogram(),
    probeHist: createLatencyHistogram(),
    splitHists: [createLatencyHistogram(), createLatencyHistogram()],
  };
}

const inWindow = (w: Window, t: number) => t >= w.start && t < w.end;

/** Paces all senders round-robin at a total rate, catching up after short stalls (≤ 100 ms of backlog). */
class Pacer {
  private total = 0;
  private t0 = 0;
  private sent = 0;
  private next = 0;
  private readonly timer: NodeJS.Timeout;
  constructor(private readonly senders: LightClient[], private readonly onSend: (c: LightClient, t: number, bytes: number, clientId: number, clock: number) => void) {
    this.timer = setInterval(() => this.tick(), 1);
  }
  setRate(perClient: number): void {
    this.total = perClient * this.senders.length;
    this.t0 = performance.now();
    this.sent = 0;
  }
  private tick(): void {
    if (this.total === 0) return;
    const owed = Math.floor(((performance.now() - this.t0) * this.total) / 1000) - this.sent;
    const cap = Math.max(1, this.total / 10);
    const n = Math.min(owed, cap);
    for (let i = 0; i < n; i++) {
      const client = this.senders[this.next]!;
      this.next = (this.next + 1) % this.senders.length;
      const { t, bytes, clientId, clock } = client.sendUpdate();
      this.onSend(client, t, bytes, clientId, clock);
    }
    this.sent += owed > cap ? owed : n;
  }
  stop(): void {
    clearInterval(this.timer);
  }
}

/**
 * Opens one light client per member, 20 rooms at a time, each batch connected before the next starts, so that the
 * 2,000 sockets of idle and saas do not all hit the server's accept queue and auth at once.
 */
async function connectRooms(rooms: ClientSpec[][], open: (spec: ClientSpec, room: number, k: number) => LightClient): Promise<LightClient[]> {
  const clients: LightClient[] = [];
  for (let r = 0; r < rooms.length; r += 20) {
    const batch: LightClient[] = [];
    for (let room = r; room < Math.min(r + 20, rooms.length); room++) rooms[room]!.forEach((spec, k) => batch.push(open(spec, room, k)));
    await Promise.all(batch.map((c) => c.ready));
    clients.push(...batch);
  }
  return clients;
}

async function fanout(req: FanoutRequest): Promise<StepResult[]> {
  let w = newWindow();
  const roomSizes = req.rooms.map((r) => r.length);
  const probesPerRoom = req.rooms.map((_, i) => req.probes.filter((p) => p.room === i).length);
  let id = 0;
  const received = (client: LightClient, sender: number, t: number) => {
    if (!inWindow(w, t)) return;
    if (sender === client.id) {
      w.echoes++;
      return;
    }
    w.delivered++;
    const ms = performance.now() - t;
    recordMs(w.hist, ms);
    if (req.splitAtRoom !== undefined) recordMs(w.splitHists[client.room < req.splitAtRoom ? 0 : 1], ms);
  };
  const onKey = (client: LightClient, key: string) => {
    const parsed = parseKey(key);
    if (parsed) received(client, parsed.sender, parsed.t);
  };
  // Large rooms (plenary): a few receivers per room decode; the others read the update header and look
  // the send time up in this registry of what our senders sent (same timestamp, far less generator CPU).
  const stamps = new Map<number, { sender: number; t: number }>();
  const onHeader = (client: LightClient, clientId: number, clock: number) => {
    const stamp = stamps.get(clientId * 1_048_576 + clock);
    if (stamp) received(client, stamp.sender, stamp.t);
  };
  const largeRoom = 20;
  const clients = await connectRooms(req.rooms, (spec, room, k) => {
    const decode = req.rooms[room]!.length <= largeRoom || k < req.decodersPerLargeRoom;
    return new LightClient(id++, room, spec, { expectServerSync: req.expectServerSync, decode, onKey, onHeader });
  });
  const registerStamps = req.rooms.some((r) => r.length > largeRoom);
  const providers: { provider: WebsocketProvider; doc: Y.Doc }[] = [];
  for (const probe of req.probes) {
    const provider = openProvider(probe.wsBase, probe.docName, probe.cookie);
    // Every edit sets one card's questionId to its timing key (lightClient.ts).
    cardsOf(provider.doc).observeDeep((events) => {
      const now = performance.now();
      for (const event of events) {
        if (!(event instanceof Y.YMapEvent) || !event.keysChanged.has('questionId')) continue;
        const key = keyOfCard(event.target);
        const parsed = key === null ? null : parseKey(key);
        if (!parsed || !inWindow(w, parsed.t)) continue;
        w.probeDelivered++;
        recordMs(w.probeHist, now - parsed.t);
      }
    });
    providers.push({ provider, doc: provider.doc });
  }
  await Promise.all(providers.map((p) => whenSynced(p.provider, 5000).catch(() => undefined)));
  if (req.flood && req.rates.length !== 1) throw new Error('a flood runs with one rate only');

  // Interleave rooms so consecutive sends go to different rooms.
  const byRoom = req.rooms.map((_, room) => clients.filter((c) => c.room === room));
  const senders: LightClient[] = [];
  for (let k = 0; k < Math.max(...roomSizes); k++) for (const members of byRoom) {
    const member = members[k];
    if (member) senders.push(member);
  }
  const pacer = new Pacer(senders, (c, t, bytes, clientId, clock) => {
    if (registerStamps) stamps.set(clientId * 1_048_576 + clock, { sender: c.id, t });
    if (!inWindow(w, t)) return;
    w.sent++;
    w.expectedPairs += roomSizes[c.room]! - 1;
    w.probeExpected += probesPerRoom[c.room]!;
    w.payloadBytes += bytes;
  });

  const steps: StepResult[] = [];
  let flood: Flood | null = null;
  try {
    // The flooders build their updates, then flood through warm-up and window alongside the paced edits.
    if (req.flood) flood = startFlood(req.flood);
    for (const [i, rate] of req.rates.entries()) {
      if (i === 0 && req.warmupRate !== undefined) {
        pacer.setRate(req.warmupRate);
        await sleep(req.warmupMs);
      }
      pacer.setRate(rate);
      await sleep(i === 0 && req.warmupRate === undefined ? req.warmupMs : req.stepWarmMs);
      w = newWindow();
      const server0 = sample(req.serverPid);
      const extra0 = (req.extraServerPids ?? []).map((pid) => sample(pid));
      const gen0 = sample(process.pid);
      const cores0 = cpuTimes();
      const services0 = req.serviceComms ? cpuSecondsOfComms(req.serviceComms) : 0;
      // The generator's own stalls (GC, bursts of frames) are part of every measured latency: report them apart.
      const loopDelay = monitorEventLoopDelay({ resolution: 1 });
      loopDelay.enable();
      w.start = performance.now();
      const monotonicStart = process.hrtime.bigint();
      if (flood) flood.tally.start = w.start;
      await sleep(req.windowMs);
      w.end = performance.now();
      noteWindow(monotonicStart, process.hrtime.bigint());
      if (flood) {
        flood.tally.end = w.end;
        flood.stop();
      }
      loopDelay.disable();
      const server1 = sample(req.serverPid);
      const extra1 = (req.extraServerPids ?? []).map((pid) => sample(pid));
      const gen1 = sample(process.pid);
      const cores = coreBusyPct(cores0, cpuTimes());
      const services1 = req.serviceComms ? cpuSecondsOfComms(req.serviceComms) : 0;
      pacer.setRate(0);
      await sleep(req.drainMs);
      const drainedBy = performance.now() + (req.drainUntilDeliveredMs ?? 0);
      while (w.delivered < w.expectedPairs && performance.now() < drainedBy) await sleep(50);
      const windowS = (w.end - w.start) / 1000;
      const step: StepResult = {
        ratePerClient: rate,
        windowS: round(windowS, 2),
        latencyMs: summarise(w.hist),
        ...(req.splitAtRoom === undefined ? {} : { latencyMsSplit: [summarise(w.splitHists[0]), summarise(w.splitHists[1])] as [LatencySummary, LatencySummary] }),
        probeLatencyMs: req.probes.length ? summarise(w.probeHist) : null,
        probeDelivery: req.probes.length ? round(w.probeDelivered / Math.max(1, w.probeExpected), 4) : null,
        sent: w.sent,
        inPerSec: round(w.sent / windowS, 1),
        expectedPairs: w.expectedPairs,
        delivered: w.delivered,
        outPerSec: round(w.delivered / windowS, 1),
        delivery: round(w.delivered / Math.max(1, w.expectedPairs), 4),
        echoes: w.echoes,
        payloadBytes: w.payloadBytes,
        serverCpuPct: cpuPct(server0, server1),
        serverRssMB: mb(server1.rssBytes),
        serverWriteBytes: server1.writeBytes - server0.writeBytes,
        generatorCpuPct: cpuPct(gen0, gen1),
        generatorLoopDelayMs: { p99: round(loopDelay.percentile(99) / 1e6, 2), max: round(loopDelay.max / 1e6, 2) },
        foreignCpuPct: [0, 0],
        windowEpochMs: [round(performance.timeOrigin + w.start, 1), round(performance.timeOrigin + w.end, 1)],
      };
      if (flood) step.flood = await flood.result(windowS);
      const extraCpu = extra1.map((b, i) => cpuPct(extra0[i]!, b));
      if (req.serviceComms) step.servicesCpuPct = round((100 * (services1 - services0)) / windowS, 1);
      if (req.extraServerPids?.length) step.extraServers = req.extraServerPids.map((pid, i) => ({ pid, cpuPct: extraCpu[i]!, rssMB: mb(extra1[i]!.rssBytes) }));
      const [core0 = 0, core1 = 0] = cores;
      const extraSum = extraCpu.reduce((a, b, i) => a + ((req.extraServerCpus?.[i] ?? 0) === 0 ? b : 0), 0);
      step.foreignCpuPct = [round(Math.max(0, core0 - step.serverCpuPct - extraSum), 1), round(Math.max(0, core1 - step.generatorCpuPct), 1)];
      steps.push(step);
      process.stderr.write(
        `    rate ${rate}/s/client: in ${step.inPerSec}/s p99 ${step.latencyMs.p99} ms delivery ${step.delivery} server ${step.serverCpuPct}% gen ${step.generatorCpuPct}% foreign ${step.foreignCpuPct.join('/')}%\n`,
      );
      if (step.flood) {
        const f = step.flood;
        process.stderr.write(
          `    flood: ${f.sentUpdates} updates sent (${round(f.sentBytesPerSec / 1048576, 2)} MiB/s), ${f.acceptedUpdates ?? '?'} accepted (${f.acceptedBytesPerSec === null ? '?' : round(f.acceptedBytesPerSec / 1048576, 2)} MiB/s), ${f.connections} connections, closes ${JSON.stringify(f.closeCodes)}, refusals ${JSON.stringify(f.refusals)}\n`,
        );
      }
      const failed = step.latencyMs.p99 > req.stopP99Ms || step.delivery < 1 || step.generatorCpuPct > req.maxGeneratorCpuPct;
      if (failed && req.stopAtFailure) break;
    }
  } finally {
    flood?.stop();
    pacer.stop();
    for (const c of clients) c.close();
    for (const p of providers) {
      p.provider.destroy();
      p.doc.destroy();
    }
    await sleep(300);
  }
  return steps;
}

async function idle(req: IdleRequest): Promise<IdleResult> {
  await sleep(500);
  const base = sample(req.serverPid);
  const start = performance.now();
  let id = 0;
  const clients = await connectRooms(req.rooms, (spec, room) => new LightClient(id++, room, spec, { expectServerSync: req.expectServerSync, decode: false, onKey: () => {} }));
  const connectMs = performance.now() - start;
  await sleep(req.settleMs);
  const loaded = sample(req.serverPid);
  for (const c of clients) c.close();
  await sleep(300);
  return {
    connections: clients.length,
    rssBaseMB: mb(base.rssBytes),
    rssMB: mb(loaded.rssBytes),
    kbPerConnection: round((loaded.rssBytes - base.rssBytes) / 1024 / clients.length, 1),
    connectMs: round(connectMs, 0),
  };
}

async function join(req: JoinRequest): Promise<JoinGroupResult[]> {
  const results: JoinGroupResult[] = [];
  for (const group of req.groups) {
    const before = sample(req.serverPid);
    const joins = await Promise.all(group.specs.map((spec) => timeJoin(spec)));
    const after = sample(req.serverPid);
    const ms = joins.map((j) => j.ms).sort((a, b) => a - b);
    results.push({
      label: group.label,
      joiners: joins.length,
      bytes: joins[0]?.bytes ?? 0,
      firstMs: round(ms[0] ?? 0, 1),
      p50Ms: round(ms[Math.floor((ms.length - 1) / 2)] ?? 0, 1),
      lastMs: round(ms.at(-1) ?? 0, 1),
      serverCpuMs: round((after.cpuSeconds - before.cpuSeconds) * 1000, 0),
    });
    await sleep(300);
  }
  return results;
}

async function handle(req: GeneratorRequest): Promise<unknown> {
  switch (req.cmd) {
    case 'fanout':
      return fanout(req);
    case 'idle':
      return idle(req);
    case 'join':
      return join(req);
    case 'exit':
      setImmediate(() => process.exit(0));
      return null;
  }
}

process.on('message', (msg: { id: number; req: GeneratorRequest }) => {
  handle(msg.req).then(
    (result) => process.send?.({ id: msg.id, result }),
    (error: unknown) => process.send?.({ id: msg.id, error: error instanceof Error ? (error.stack ?? error.message) : String(error) }),
  );
});
process.send?.({ id: 0, result: 'ready' });

/**
 * With BENCH_WINDOWS_FILE set, each measured window's start and end (µs on the monotonic clock, as V8's
 * --cpu-prof timestamps) are appended to that file, so `bench/profileTop.ts --windows` reads only them.
 */
function noteWindow(start: bigint, end: bigint): void {
  const file = process.env.BENCH_WINDOWS_FILE;
  if (file) fs.appendFileSync(file, `${start / 1000n} ${end / 1000n}\n`);
}
