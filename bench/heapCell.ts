import { editCardText } from './load/provider';
import { round, sleep } from './lib/proc';
import type { BenchServer, ServerKind } from './lib/serverProcess';
import { runJoinCell, seedJoinBoard, type JoinCell, type RunContext } from './scenarios';
import type { ServerMemory } from './servers/benchChannel';

// T8: heap per card of a board held in server memory, and when the server unloads it after its last client
// left. Measured on the join cell's board (one seeding for both cells), through the wrappers' IPC channel.
// Ours may serve a cold board to joiners as its stored bytes without building the Yjs document, so one card is
// edited after the join cell: the heap is measured with the board live, as while people work on it.

export interface HeapCell {
  scenario: 'heap';
  server: ServerKind;
  valid: boolean;
  invalidReasons: string[];
  skipped?: string;
  boardCards: number;
  /** heapUsed after a full GC (MB): before the board was loaded, loaded with no client left, after the server unloaded it. */
  heapBeforeMB: number | null;
  heapLoadedMB: number | null;
  heapAfterUnloadMB: number | null;
  /**
   * (loaded − baseline) / cards. The baseline is the heap after the unload when the server unloads (same warm
   * process: a freshly started one has not yet compiled the code a join runs), otherwise the heap before loading.
   */
  heapPerCardBytes: number | null;
  heapBaseline: 'afterUnload' | 'beforeLoad' | null;
  /** The same outside the V8 heap (ours keeps the encoded document for joiners as an ArrayBuffer). */
  externalPerCardBytes: number | null;
  /** The server's unload delay; null when it never unloads (the reference without persistence). */
  docUnloadMs: number | null;
  /** From the close of the last client (the editor after the join cell) until the board was unloaded; null if it was not. */
  unloadedAfterMs: number | null;
  loadedDocs: { before: number | null; loaded: number | null; afterUnload: number | null };
}

const mbOf = (m: ServerMemory | null) => (m ? round(m.heapUsedBytes / 1024 / 1024, 2) : null);

function skippedHeapCell(kind: ServerKind, cards: number, skipped: string): HeapCell {
  return {
    scenario: 'heap',
    server: kind,
    valid: true,
    invalidReasons: [],
    skipped,
    boardCards: cards,
    heapBeforeMB: null,
    heapLoadedMB: null,
    heapAfterUnloadMB: null,
    heapPerCardBytes: null,
    heapBaseline: null,
    externalPerCardBytes: null,
    docUnloadMs: null,
    unloadedAfterMs: null,
    loadedDocs: { before: null, loaded: null, afterUnload: null },
  };
}

/** Polls (without GC) until the server holds no more documents than `count`; the unload wait is capped at 75 s (target ≤ 60 s). */
async function waitForUnload(server: BenchServer, count: number, since: number, docUnloadMs: number): Promise<number | null> {
  const deadline = since + Math.min(75_000, docUnloadMs + 15_000);
  while (performance.now() < deadline) {
    const { loadedDocs } = await server.memory(false);
    if (loadedDocs !== null && loadedDocs <= count) return round(performance.now() - since, 0);
    await sleep(250);
  }
  return null;
}

/** Call once the board is live and its last client has just left. */
async function measureHeap(ctx: RunContext, server: BenchServer, before: ServerMemory, cards: number): Promise<HeapCell> {
  const leftAt = performance.now();
  const loaded = await server.memory();
  const baseDocs = before.loadedDocs ?? 0;
  let after: ServerMemory | null = null;
  let unloadedAfterMs: number | null = null;
  if (loaded.docUnloadMs !== null) {
    ctx.log(`  ${server.kind} heap: waiting for the board to unload (DOC_UNLOAD_MS ${loaded.docUnloadMs})`);
    unloadedAfterMs = await waitForUnload(server, baseDocs, leftAt, loaded.docUnloadMs);
    if (unloadedAfterMs !== null) after = await server.memory();
  }
  const base = after ?? before;
  const invalidReasons: string[] = [];
  if (!loaded.collected) invalidReasons.push('server ran without --expose-gc: heap includes garbage');
  if (loaded.loadedDocs !== null && loaded.loadedDocs <= baseDocs) invalidReasons.push('the board was no longer loaded after the join cell');
  if (loaded.docUnloadMs !== null && after === null) invalidReasons.push('the board was not unloaded in time: per card measured against the heap before loading');
  const cell: HeapCell = {
    scenario: 'heap',
    server: server.kind,
    valid: invalidReasons.length === 0,
    invalidReasons,
    boardCards: cards,
    heapBeforeMB: mbOf(before),
    heapLoadedMB: mbOf(loaded),
    heapAfterUnloadMB: mbOf(after),
    heapPerCardBytes: round((loaded.heapUsedBytes - base.heapUsedBytes) / cards, 0),
    heapBaseline: after ? 'afterUnload' : 'beforeLoad',
    externalPerCardBytes: round((loaded.externalBytes - base.externalBytes) / cards, 0),
    docUnloadMs: loaded.docUnloadMs,
    unloadedAfterMs,
    loadedDocs: { before: before.loadedDocs, loaded: loaded.loadedDocs, afterUnload: after?.loadedDocs ?? null },
  };
  const unload = loaded.docUnloadMs === null ? 'never unloads' : unloadedAfterMs === null ? 'not unloaded' : `unloaded after ${round(unloadedAfterMs / 1000, 1)} s`;
  ctx.log(`  ${server.kind} heap: ${cell.heapPerCardBytes} B/card (${cell.heapBaseline}), ${unload}`);
  return cell;
}

/**
 * Seeds the join board; ours then restarts so that the first joiner loads it from SQLite (with the profile's
 * DOC_UNLOAD_MS, if any). Then the join cell, then the heap cell on the same board. Returns the server now running.
 */
export async function runBoardCells(
  ctx: RunContext,
  server: BenchServer,
  restart: (env?: Record<string, string>) => Promise<BenchServer>,
): Promise<{ server: BenchServer; cells: [JoinCell, HeapCell] }> {
  const { cards } = ctx.profile.join;
  if (server.kind === 'raw') return { server, cells: [await runJoinCell(ctx, server, null), skippedHeapCell(server.kind, cards, 'the raw relay keeps no document')] };
  let before = await server.memory();
  const board = (await seedJoinBoard(ctx, server))!; // null only for the raw relay
  if (server.kind === 'ours') {
    await server.stop();
    const unloadMs = ctx.profile.heapDocUnloadMs;
    server = await restart(unloadMs === null ? undefined : { DOC_UNLOAD_MS: String(unloadMs) });
    before = await server.memory();
  }
  const join = await runJoinCell(ctx, server, board);
  await editCardText(server.wsBase, board.docName, board.cookies[0], 'card-0', ' (edited)');
  return { server, cells: [join, await measureHeap(ctx, server, before, cards)] };
}
