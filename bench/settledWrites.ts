import { writeBytes, round, sleep } from './lib/proc';
import { startBenchServer } from './lib/serverProcess';
import { fanoutSteps, tempDataDir, type RunContext } from './scenarios';

export interface SettledWrites {
  trafficSeconds: number;
  /** Seconds waited after the traffic: past the next fold (every 30 s) and the documents' unload (10 s). */
  settleSeconds: number;
  writeBytes: number;
  payloadBytes: number;
  amplification: number;
}

/**
 * Write amplification that cannot miss the fold: the fan-out windows count the bytes written while they
 * run, but ours moves the log into SQLite every 30 s, so a window holds a fold or not by chance.
 * Here a fresh server gets 30 s of `event` traffic after a 0.2 s warm-up, and its block-layer writes are
 * counted from the start of the traffic until 32 s after it stopped: every update appended to the log,
 * folded into SQLite and, once its document unloads, compacted into a snapshot. (A WAL checkpoint, every
 * 1,000 WAL pages, would copy the folded rows once more; at these rates none falls in the run.)
 */
export async function runSettledWrites(ctx: RunContext): Promise<SettledWrites> {
  const trafficMs = 30_000;
  const settleMs = 32_000;
  ctx.log(`  ours writeAmp: ${trafficMs / 1000} s of event traffic on a fresh server, then ${settleMs / 1000} s to settle`);
  const server = await startBenchServer('ours', { cpu: ctx.cpu, dataDir: tempDataDir() });
  try {
    const profile = { ...ctx.profile, warmupMs: 200, windowMs: trafficMs, drainMs: 500 };
    const [step] = await fanoutSteps({ ...ctx, profile }, server, `writes-${Date.now().toString(36)}`, ctx.profile.fanout.event, false);
    // The window's own writes are measured by the generator; what follows it (drain, fold, unload) is added here.
    const afterWindow = writeBytes(server.pid);
    await sleep(settleMs);
    const written = step!.serverWriteBytes + (writeBytes(server.pid) - afterWindow);
    // The 0.2 s warm-up's updates are folded in here too but not counted as payload (about 1 %, against us).
    const payloadBytes = step!.payloadBytes;
    return {
      trafficSeconds: trafficMs / 1000,
      settleSeconds: settleMs / 1000,
      writeBytes: written,
      payloadBytes,
      amplification: round(written / Math.max(1, payloadBytes), 2),
    };
  } finally {
    await server.stop();
  }
}
