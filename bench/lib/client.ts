import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { gzipSync } from 'node:zlib';
import { chromium, type Browser, type Page } from 'playwright-core';
import { boardDocName } from '../../shared/docNames';
import { seedBoard } from '../load/provider';
import { round } from './proc';
import { startBenchServer } from './serverProcess';

// Issue 6 from the browser's side: a 500-card board in headless Debian Chromium against our server (its own
// process, pinned like every server), plus the gzip size of the production bundle.

export interface BundleSize {
  files: number;
  jsBytes: number;
  jsGzipBytes: number;
  cssBytes: number;
  cssGzipBytes: number;
  built: boolean;
}

export interface KeystrokeSummary {
  keys: number;
  /** keydown → the character is in textarea.value (checked on the next task). */
  valueMedianMs: number;
  valueMaxMs: number;
  /** keydown → the first animation frame after that (the character painted). */
  frameMedianMs: number;
  frameMaxMs: number;
  /** Playwright's keyboard.press → value seen from the test process (includes CDP round trips). */
  roundTripMedianMs: number;
}

export interface ClientCell {
  scenario: 'client';
  server: 'ours';
  valid: boolean;
  skipped?: string;
  cards: number;
  viewport: string;
  bundle: BundleSize;
  /** Navigation start (page.goto) until every card's textarea is in the DOM: load, join cookie, sync, render. */
  renderAllCardsMs: number | null;
  scroll: { steps: number; stepPx: number; maxFrameMs: number; longTasks: number; longTaskTotalMs: number; longTaskMaxMs: number } | null;
  keystroke: { online: KeystrokeSummary; offline: KeystrokeSummary } | null;
}

export const chromiumArgs = ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run'];

/** gzip (level 9, as a static server would precompress) of dist/client/assets/*.js and *.css; builds when dist is missing. */
export function bundleSize(repoRoot: string): BundleSize {
  const assets = path.join(repoRoot, 'dist/client/assets');
  let built = false;
  if (!fs.existsSync(assets)) {
    execFileSync('npx', ['vite', 'build'], { cwd: repoRoot, stdio: ['ignore', 2, 2] });
    built = true;
  }
  const size = { files: 0, jsBytes: 0, jsGzipBytes: 0, cssBytes: 0, cssGzipBytes: 0, built };
  for (const name of fs.readdirSync(assets)) {
    const kind = name.endsWith('.js') ? 'js' : name.endsWith('.css') ? 'css' : null;
    if (!kind) continue;
    const bytes = fs.readFileSync(path.join(assets, name));
    size.files++;
    size[`${kind}Bytes`] += bytes.length;
    size[`${kind}GzipBytes`] += gzipSync(bytes, { level: 9 }).length;
  }
  return size;
}

const median = (xs: number[]) => {
  const s = [...xs].sort((a, b) => a - b);
  return s.length ? s[Math.floor(s.length / 2)]! : 0;
};

/** Types `keys` characters into the first card, timing each inside the page (keydown → value, → next frame). */
async function typeKeys(page: Page, keys: number): Promise<KeystrokeSummary> {
  const box = page.locator('textarea.card-text').first();
  await box.focus();
  // A string, not a function: tsx's esbuild would wrap the inner named functions in a `__name` helper the page lacks.
  await page.evaluate(`(() => {
    const el = document.querySelector('textarea.card-text');
    if (window.keyListener) el.removeEventListener('keydown', window.keyListener, true);
    window.keyTimes = [];
    window.keyListener = function () {
      const t0 = performance.now();
      const before = el.value.length;
      const check = function () {
        if (el.value.length > before) {
          const value = performance.now() - t0;
          requestAnimationFrame(function () { window.keyTimes.push({ value: value, frame: performance.now() - t0 }); });
        } else if (performance.now() - t0 < 5000) setTimeout(check, 0);
        else window.keyTimes.push({ value: -1, frame: -1 });
      };
      setTimeout(check, 0);
    };
    el.addEventListener('keydown', window.keyListener, true);
  })()`);
  const roundTrips: number[] = [];
  for (let i = 0; i < keys; i++) {
    const before = await box.inputValue();
    const t0 = performance.now();
    await page.keyboard.press('x');
    await page.waitForFunction((n) => (document.querySelector('textarea.card-text') as HTMLTextAreaElement).value.length > n, before.length, { polling: 'raf' });
    roundTrips.push(performance.now() - t0);
  }
  await page.waitForFunction((n) => (window as unknown as { keyTimes: unknown[] }).keyTimes.length >= n, keys, { timeout: 10_000 });
  const times = await page.evaluate(() => (window as unknown as { keyTimes: { value: number; frame: number }[] }).keyTimes);
  const value = times.map((t) => t.value);
  const frame = times.map((t) => t.frame);
  return {
    keys,
    valueMedianMs: round(median(value), 2),
    valueMaxMs: round(Math.max(...value), 2),
    frameMedianMs: round(median(frame), 2),
    frameMaxMs: round(Math.max(...frame), 2),
    roundTripMedianMs: round(median(roundTrips), 1),
  };
}

export async function runClientCell(opts: { repoRoot: string; cpu: number | null; cards: number; log(line: string): void }): Promise<ClientCell> {
  const { cards, log } = opts;
  const viewport = { width: 1280, height: 800 };
  const bundle = bundleSize(opts.repoRoot);
  const base = { scenario: 'client' as const, server: 'ours' as const, cards, viewport: `${viewport.width}×${viewport.height}`, bundle };
  const executablePath = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
  if (!fs.existsSync(executablePath)) return { ...base, valid: false, skipped: `no Chromium at ${executablePath}`, renderAllCardsMs: null, scroll: null, keystroke: null };
  log(`  ours client: ${cards}-card board in headless Chromium`);
  const server = await startBenchServer('ours', { cpu: opts.cpu, dataDir: fs.mkdtempSync(path.join(os.tmpdir(), 'rt-bench-client-')) });
  let browser: Browser | null = null;
  try {
    browser = await chromium.launch({ executablePath, args: chromiumArgs });
    const res = await fetch(`${server.httpBase}/api/events`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ title: 'Client bench', date: '2026-06-18' }),
    });
    const created = (await res.json()) as { info: { id: string; joinCode: string; rooms: { id: string }[] } };
    const room = created.info.rooms[0]!;
    const context = await browser.newContext({ viewport, baseURL: server.httpBase });
    // Join with the context's own cookie jar, then seed the board as that participant (cards are their own).
    const joined = await context.request.post('/api/join', { data: { joinCode: created.info.joinCode, name: 'Reader', roomId: room.id } });
    if (!joined.ok()) throw new Error(`join -> ${joined.status()}`);
    const cookie = (await context.cookies()).map((c) => `${c.name}=${c.value}`).join('; ');
    await seedBoard(server.wsBase, boardDocName(created.info.id, room.id), cookie, cards);

    const page = await context.newPage();
    await page.addInitScript(() => {
      const w = window as unknown as { longTasks: number[] };
      w.longTasks = [];
      new PerformanceObserver((list) => list.getEntries().forEach((e) => w.longTasks.push(e.duration))).observe({ type: 'longtask', buffered: true });
    });
    const started = performance.now();
    await page.goto(`/e/${created.info.id}/board`);
    await page.waitForFunction((n) => document.querySelectorAll('textarea.card-text').length >= n, cards, { timeout: 60_000, polling: 'raf' });
    const renderAllCardsMs = round(performance.now() - started, 0);
    await page.waitForTimeout(500);

    await page.evaluate(() => ((window as unknown as { longTasks: number[] }).longTasks = []));
    const stepPx = 200;
    const scroll = await page.evaluate(async (step) => {
      const frames: number[] = [];
      window.scrollTo(0, 0);
      await new Promise((r) => requestAnimationFrame(() => r(null)));
      let last = performance.now();
      const height = document.documentElement.scrollHeight;
      for (let y = step; y <= height; y += step) {
        window.scrollTo(0, y);
        await new Promise((r) => requestAnimationFrame(() => r(null)));
        const now = performance.now();
        frames.push(now - last);
        last = now;
      }
      await new Promise((r) => setTimeout(r, 100));
      const tasks = (window as unknown as { longTasks: number[] }).longTasks;
      return {
        steps: frames.length,
        maxFrameMs: Math.round(Math.max(...frames) * 10) / 10,
        longTasks: tasks.length,
        longTaskTotalMs: Math.round(tasks.reduce((a, b) => a + b, 0)),
        longTaskMaxMs: Math.round(Math.max(0, ...tasks)),
      };
    }, stepPx);

    const online = await typeKeys(page, 20);
    await context.setOffline(true);
    const offline = await typeKeys(page, 20);
    await context.setOffline(false);
    await context.close();
    return { ...base, valid: true, renderAllCardsMs, scroll: { ...scroll, stepPx }, keystroke: { online, offline } };
  } catch (e) {
    return { ...base, valid: false, skipped: `client run failed: ${(e as Error).message}`, renderAllCardsMs: null, scroll: null, keystroke: null };
  } finally {
    await browser?.close();
    await server.stop();
  }
}
