import { execFileSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { planRooms, toCell } from './lib/fixtures';
import { startGenerator } from './lib/generatorProcess';
import { cpuPct, mb, rssBytes, sample } from './lib/proc';
import { startBenchServer } from './lib/serverProcess';
import { fullProfile, quickProfile, tempDataDir } from './scenarios';

// Issue 8: two of our servers on PostgreSQL and Redis behind no proxy, driven with the `event` traffic,
// every room's clients split between the two servers so half of each fan-out crosses Redis.
// Usage: npm run bench:cluster [-- --quick]. Prints one JSON document.

const quick = process.argv.includes('--quick');
const profile = quick ? quickProfile : fullProfile;
const shape = profile.fanout.event;
const adminUrl = process.env.BENCH_POSTGRES_ADMIN_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';
const dbName = `roundtable_bench_${randomBytes(4).toString('hex')}`;

async function admin(sql: string): Promise<void> {
  const client = new pg.Client({ connectionString: adminUrl });
  await client.connect();
  await client.query(sql);
  await client.end();
}

let pinned = true;
try {
  execFileSync('taskset', ['-a', '-p', '-c', '1', String(process.pid)], { stdio: 'ignore' });
} catch {
  pinned = false;
}
await admin(`CREATE DATABASE ${dbName}`);
process.env.DATABASE_URL = adminUrl.replace(/\/[^/]*$/, `/${dbName}`);
process.env.REDIS_URL = process.env.BENCH_REDIS_URL ?? 'redis://127.0.0.1:6379';
process.env.SESSION_SECRET = randomBytes(32).toString('hex');

const generator = await startGenerator(pinned ? 1 : null, process.cwd());
// Both servers share CPU 0, the load generator has CPU 1: the pair gets what one server had alone.
const a = await startBenchServer('ours', { cpu: pinned ? 0 : null, dataDir: tempDataDir() });
const b = await startBenchServer('ours', { cpu: pinned ? 0 : null, dataDir: tempDataDir() });
try {
  const probesPerRoom = Math.max(0, ...shape.probeRooms.map((r) => shape.probeRooms.filter((x) => x === r).length));
  const plans = await planRooms(a, `cluster-${Date.now().toString(36)}`, shape.rooms, shape.perRoom + probesPerRoom);
  const cell = toCell(a, plans, shape.perRoom, shape.probeRooms);
  // Every other member of each room connects to server B (sessions from A are valid on B: shared secret).
  const rooms = cell.rooms.map((members) => members.map((spec, k) => (k % 2 === 1 ? { ...spec, url: spec.url.replace(a.wsBase, b.wsBase) } : spec)));
  const probes = cell.probes.map((probe, i) => (i % 2 === 1 ? { ...probe, wsBase: b.wsBase } : probe));
  const before = sample(b.pid);
  const [step] = await generator.fanout({
    rooms,
    probes,
    expectServerSync: true,
    rates: shape.rates,
    warmupMs: profile.warmupMs,
    stepWarmMs: profile.rampStepWarmMs,
    windowMs: profile.windowMs,
    drainMs: profile.drainMs,
    serverPid: a.pid,
    stopP99Ms: profile.stopP99Ms,
    maxGeneratorCpuPct: profile.maxGeneratorCpuPct,
    decodersPerLargeRoom: 3,
  });
  const after = sample(b.pid);
  const result = {
    scenario: 'twoServers',
    quick,
    pinned,
    rooms: shape.rooms,
    clientsPerRoom: shape.perRoom,
    ratePerClient: shape.rates[0],
    latencyMs: step!.latencyMs,
    probeLatencyMs: step!.probeLatencyMs,
    delivery: step!.delivery,
    inPerSec: step!.inPerSec,
    outPerSec: step!.outPerSec,
    serverA: { cpuPct: step!.serverCpuPct, rssMB: step!.serverRssMB },
    // B's CPU is measured over the whole call (warm-up and drain included), so it reads a little low.
    serverB: { cpuPct: cpuPct(before, after), rssMB: mb(rssBytes(b.pid)) },
    generatorCpuPct: step!.generatorCpuPct,
    valid: step!.delivery === 1 && step!.generatorCpuPct <= profile.maxGeneratorCpuPct,
  };
  process.stdout.write(`${JSON.stringify(result, null, 2)}\n`);
} finally {
  await Promise.all([a.stop(), b.stop()]);
  await generator.close();
  await admin(`DROP DATABASE IF EXISTS ${dbName} WITH (FORCE)`).catch(() => undefined);
}
