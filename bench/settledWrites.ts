import { writeBytes, round, sleep } from './lib/proc';
import { startBenchServer } from './lib/serverProcess';
import { fanoutSteps, tempDataDir, type RunContext } from './scenarios';

export interface SettledWrites {
  trafficSeconds: number;
  /** Seconds waited after the traffic: past the next fold and the documents' unload. */
  settleSeconds: number;
  /** The server's LOG_FOLD_MS and DOC_UNLOAD_MS for this run (shorter than the defaults, to fit the bench). */
  logFoldMs: number;
  docUnloadMs: number;
  writeBytes: number;
  payloadBytes: number;
  amplification: number;
}

/**
 * Write amplification that cannot miss the fold: the fan-out windows count the bytes written while they
 * run, but ours moves the log into SQLite every LOG_FOLD_MS, so a window holds a fold or not by chance.
 * Here a fresh server (folding every 5 s and unloading a board 2 s after its last client: six times the
 * default's folds, so the figure errs high) gets 6 s of `event` traffic after a 0.2 s warm-up, and its
 * block-layer writes are counted from the start of the traffic until 8 s after it stopped: every update
 * appended to the log, folded into SQLite and, once its document unloads, compacted into a snapshot.
 * (A WAL checkpoint, every 1,000 WAL pages, would copy the folded rows once more; none falls in the run.)
 */
export async function runSettledWrites(ctx: RunContext): Promise<SettledWrites> {
  const trafficMs = 6_000;
  const settleMs = 8_000;
  const logFoldMs = 5_000;
  const docUnloadMs = 2_000;
  ctx.log(`  ours writeAmp: ${trafficMs / 1000} s of event traffic on a fresh server, then ${settleMs / 1000} s to settle`);
  const env = { LOG_FOLD_MS: String(logFoldMs), DOC_UNLOAD_MS: String(docUnloadMs) };
  const server = await startBenchServer('ours', { cpu: ctx.cpu, dataDir: tempDataDir(), env });
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
      logFoldMs,
      docUnloadMs,
      writeBytes: written,
      payloadBytes,
      amplification: round(written / Math.max(1, payloadBytes), 2),
    };
  } finally {
    await server.stop();
  }
}
