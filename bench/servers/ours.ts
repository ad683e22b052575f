import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { startServer } from '../../server/app';
import { loadConfig } from '../../server/config';
import { answerBenchQueries } from './benchChannel';

// Our server as server/main.ts starts it (auth, persistence, read-only checks), minus the demo seed.
const dataDir = process.env.BENCH_DATA_DIR ?? fs.mkdtempSync(path.join(os.tmpdir(), 'rt-bench-'));
const config = loadConfig({ ...process.env, PORT: '0', HOST: '127.0.0.1', DATA_DIR: dataDir, SEED_DEMO: 'false', LOG_LEVEL: 'warn' });
const running = await startServer(config);
answerBenchQueries(() => ({ loadedDocs: running.liveDocs.loadedCount(), docUnloadMs: config.docUnloadMs }));
process.stdout.write(`${JSON.stringify({ port: running.port, pid: process.pid })}\n`);

let stopping = false;
process.on('SIGTERM', () => {
  if (stopping) return;
  stopping = true;
  void running.close().finally(() => process.exit(0));
});
