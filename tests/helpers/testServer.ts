import { afterEach } from 'vitest';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { startServer, createLogger, type RunningServer } from '../../server/app';
import { loadConfig } from '../../server/config';

export function tempDataDir(): string {
  return fs.mkdtempSync(path.join(os.tmpdir(), 'roundtable-test-'));
}

/** The real server on an ephemeral port with its own data folder. */
export async function startTestServer(options: { dataDir?: string; env?: Record<string, string> } = {}): Promise<RunningServer & { dataDir: string }> {
  const dataDir = options.dataDir ?? tempDataDir();
  // CLIENT_DIR lets one test run serve its own build of the client (several builds side by side).
  const clientDir = process.env.CLIENT_DIR ? { CLIENT_DIR: process.env.CLIENT_DIR } : {};
  const config = loadConfig({ PORT: '0', HOST: '127.0.0.1', DATA_DIR: dataDir, SEED_DEMO: 'false', DOC_UNLOAD_MS: '50', ...clientDir, ...options.env });
  const running = await startServer(config, createLogger(process.env.TEST_LOG_LEVEL ?? 'silent'));
  return { ...running, dataDir };
}

/**
 * Teardown the test registers as it goes (servers, providers, sockets): after each test they run, last
 * first. Push onto the returned list.
 */
export function cleanupsAfterEach(): (() => unknown)[] {
  const cleanups: (() => unknown)[] = [];
  afterEach(async () => {
    for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
  });
  return cleanups;
}
