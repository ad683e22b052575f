import { launchBrowser } from '../tests/helpers/browser';
import { startTestServer } from '../tests/helpers/testServer';
import { boardDocName } from '../shared/docNames';
import { seedBoard } from './load/provider';

// The client side of issue 6: a 500-card board in headless Chromium. Prints JSON: time until every card
// is on screen, long tasks while scrolling top to bottom, and how long a keystroke takes to show in a
// card with the network up and with it cut (typing must never wait on the network).
// Usage: npx tsx bench/clientBoard.ts [cards]

const cards = Number(process.argv[2] ?? 500);
const server = await startTestServer();
const browser = await launchBrowser();
try {
  const created = await (await fetch(`${server.url}/api/events`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ title: 'Client bench', date: '2026-06-18' }) })).json() as { info: { id: string; joinCode: string; rooms: { id: string }[] } };
  const room = created.info.rooms[0]!;
  const joined = await fetch(`${server.url}/api/join`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ joinCode: created.info.joinCode, name: 'Reader', roomId: room.id }) });
  const cookie = joined.headers.getSetCookie().map((line) => line.split(';')[0]).join('; ');
  await seedBoard(`${server.url.replace('http', 'ws')}/yjs`, boardDocName(created.info.id, room.id), cookie, cards);

  const context = await browser.newContext({ viewport: { width: 1280, height: 800 } });
  const [name] = cookie.split("=");
  await context.addCookies([{ name: name!, value: cookie.slice(name!.length + 1), url: server.url }]);
  const page = await context.newPage();
  await page.addInitScript(() => {
    const w = window as unknown as { longTasks: number[] };
    w.longTasks = [];
    new PerformanceObserver((list) => list.getEntries().forEach((e) => w.longTasks.push(e.duration))).observe({ type: 'longtask', buffered: true });
  });
  const started = Date.now();
  await page.goto(`${server.url}/e/${created.info.id}/board`);
  await page.waitForFunction((n) => document.querySelectorAll("textarea.card-text").length >= n, cards, { timeout: 60_000 }).catch(async (e) => {
    console.error(await page.evaluate(() => document.body.innerText.slice(0, 500)), await page.evaluate(() => document.querySelectorAll("textarea.card-text").length));
    throw e;
  });
  const renderMs = Date.now() - started;

  await page.evaluate(() => ((window as unknown as { longTasks: number[] }).longTasks = []));
  const scroll = await page.evaluate(async () => {
    const frames: number[] = [];
    let last = performance.now();
    const height = document.documentElement.scrollHeight;
    for (let y = 0; y <= height; y += 200) {
      window.scrollTo(0, y);
      await new Promise((r) => requestAnimationFrame(() => r(null)));
      const now = performance.now();
      frames.push(now - last);
      last = now;
    }
    const tasks = (window as unknown as { longTasks: number[] }).longTasks;
    return { steps: frames.length, maxFrameMs: Math.max(...frames), longTasks: tasks.length, longTaskMaxMs: Math.max(0, ...tasks) };
  });

  const keystroke = async () => {
    const box = page.locator('textarea.card-text').first();
    await box.focus();
    const before = await box.inputValue();
    const t0 = Date.now();
    await page.keyboard.type('x');
    await page.waitForFunction((b) => (document.querySelector('textarea.card-text') as HTMLTextAreaElement).value.length > b.length, before);
    return Date.now() - t0;
  };
  const onlineMs = await keystroke();
  await context.setOffline(true);
  const offlineMs = await keystroke();
  process.stdout.write(
    `${JSON.stringify({ cards, renderAllCardsMs: renderMs, scroll, keystrokeMs: { online: onlineMs, offline: offlineMs } }, null, 2)}\n`,
  );
  await context.close();
} finally {
  await browser.close();
  await server.close();
}
