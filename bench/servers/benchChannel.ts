// Bench-only questions from the orchestrator over the child-process IPC channel (no network port, so no
// client can reach it, and nothing in server/ changes): heap after a full GC and how many Yjs documents
// the server holds in memory. The orchestrator starts every bench server with --expose-gc.

export interface ServerMemory {
  heapUsedBytes: number;
  /** C++ objects and ArrayBuffers outside the V8 heap (e.g. a cached encoded document). */
  externalBytes: number;
  /** Yjs documents held in memory; null for a server that keeps none (the raw relay). */
  loadedDocs: number | null;
  /** How long an empty document stays loaded; null when the server never unloads one. */
  docUnloadMs: number | null;
  /** False when node ran without --expose-gc (the heap then includes garbage). */
  collected: boolean;
}

export interface MemoryQuery {
  id: number;
  cmd: 'memory';
  gc: boolean;
}

export interface DocInfo {
  loadedDocs: number | null;
  docUnloadMs: number | null;
}

const nextTurn = () => new Promise<void>((resolve) => setImmediate(resolve));

export function answerBenchQueries(docs: () => DocInfo): void {
  const send = process.send?.bind(process);
  if (!send) return;
  process.on('message', (msg: MemoryQuery) => {
    if (msg?.cmd !== 'memory') return;
    void (async () => {
      const gc = (globalThis as { gc?: () => void }).gc;
      if (msg.gc && gc) {
        // Twice, a turn apart: the first full GC runs finalizers and weak callbacks, the second frees what they released.
        gc();
        await nextTurn();
        gc();
      }
      const m = process.memoryUsage();
      const memory: ServerMemory = { heapUsedBytes: m.heapUsed, externalBytes: m.external, ...docs(), collected: msg.gc && gc !== undefined };
      send({ id: msg.id, memory });
    })();
  });
  // A crashed orchestrator must not leave a server behind on CPU 0.
  process.on('disconnect', () => process.exit(0));
}
