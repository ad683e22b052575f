import fs from 'node:fs';
import { describe, expect, it } from 'vitest';
import { freePort, kill9, spawnServer } from '../helpers/serverProcess';
import { cleanupsAfterEach, tempDataDir } from '../helpers/testServer';

// What the compiled server loads before anyone uses it: what most servers never need (the SVG renderer for
// logos, PostgreSQL and Redis clients) stays out of every server's memory until first use.

const cleanups = cleanupsAfterEach();

describe('the compiled server at start-up', () => {
  it('maps the SQLite driver but not the SVG renderer, which waits for the first SVG logo', async () => {
    const child = await spawnServer(await freePort(), { DATA_DIR: tempDataDir() });
    cleanups.push(() => kill9(child));
    const maps = fs.readFileSync(`/proc/${child.pid}/maps`, 'utf8');
    // The same reading sees a native module that is loaded, so the absence below is not a blind spot.
    expect(maps).toMatch(/better_sqlite3\.node/);
    expect(maps).not.toMatch(/resvg/);
  });
});
