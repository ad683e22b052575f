import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { cleanupsAfterEach, startTestServer } from '../helpers/testServer';

// Installs anywhere: a checkout under a folder whose name starts with a dot (~/.local/share/roundtable,
// ~/.apps/…) serves its pages, and a missing file is a 404, never a server error.

const cleanups = cleanupsAfterEach();

function clientUnderDotFolder(): string {
  const base = fs.mkdtempSync(path.join(os.tmpdir(), 'roundtable-dot-'));
  cleanups.push(() => fs.rmSync(base, { recursive: true, force: true }));
  const clientDir = path.join(base, '.apps', 'roundtable', 'dist', 'client');
  fs.mkdirSync(path.join(clientDir, 'assets'), { recursive: true });
  fs.writeFileSync(path.join(clientDir, 'index.html'), '<!doctype html><title>Roundtable</title><div id="root"></div>');
  fs.writeFileSync(path.join(clientDir, 'assets', 'app.js'), 'console.log("app")');
  return clientDir;
}

describe('a checkout under a dot folder', () => {
  it('serves the app on every client route, its assets, and 404 for what is not there', async () => {
    const server = await startTestServer({ env: { CLIENT_DIR: clientUnderDotFolder() } });
    cleanups.push(() => server.close());
    for (const route of ['/', '/join/ABC234', '/facilitate/some-event']) {
      const res = await fetch(server.url + route);
      expect(res.status, route).toBe(200);
      expect(await res.text()).toContain('<title>Roundtable</title>');
    }
    const asset = await fetch(server.url + '/assets/app.js');
    expect(asset.status).toBe(200);
    expect(await asset.text()).toContain('console.log');
    expect((await fetch(server.url + '/assets/missing.js')).status).toBe(404);
  });

  it('says the client is not built (503), not a server error, when its page file is missing', async () => {
    const clientDir = clientUnderDotFolder();
    const server = await startTestServer({ env: { CLIENT_DIR: clientDir } });
    cleanups.push(() => server.close());
    fs.rmSync(path.join(clientDir, 'index.html'));
    expect((await fetch(server.url + '/join/ABC234')).status).toBe(503);
  });
});
