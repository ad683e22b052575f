import type { Page, WebSocketRoute } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { axeViolations } from '../helpers/axe';
import { artifactPath } from '../helpers/browser';
import { e2eEnvironment } from '../helpers/e2eEnvironment';
import { joinThroughUi } from '../helpers/e2eFlows';

// The connection badge tells the truth within seconds, and what has not reached the server is marked
// "Not sent yet" until it has: from the person's side, with a teammate on the same board.

const env = e2eEnvironment();

const connected = 'Connected — changes are shared live';
const offline = /Offline — your changes are kept on this device/;
/** Detection times, printed for the report (asserted only as "within the poll's generous timeout"). */
const measured: Record<string, number> = {};

/** The document socket (of documents loaded from now on) through a switch: open (forwarded), silent (frames dropped, the socket kept open) or refused. */
async function switchableDocSocket(page: Page) {
  let mode: 'open' | 'silent' | 'refused' = 'open';
  await page.routeWebSocket(/\/yjs\//, (ws: WebSocketRoute) => {
    if (mode === 'refused') return ws.close({ code: 1011, reason: 'unreachable' });
    // A socket opened while silent goes nowhere: it opens and then nothing ever comes, as with a dead route.
    if (mode === 'silent') return;
    const server = ws.connectToServer();
    ws.onMessage((message) => {
      if (mode === 'open') server.send(message);
    });
    server.onMessage((message) => {
      if (mode === 'open') ws.send(message);
    });
  });
  return {
    set(next: typeof mode) {
      mode = next;
    },
  };
}

/** Milliseconds until the badge stops saying "Connected". */
async function timeUntilNotConnected(page: Page, start: number): Promise<number> {
  await expect.poll(() => page.getByText(connected).count(), { timeout: 20_000, interval: 50 }).toBe(0);
  return Date.now() - start;
}

async function addCard(page: Page, text: string) {
  const add = page.getByLabel('Add a card to “What worked well?”');
  await add.fill(text);
  await add.press('Enter');
}

const cardValues = (page: Page) => page.getByRole('textbox', { name: /^Card by/ }).evaluateAll((boxes) => boxes.map((box) => (box as HTMLTextAreaElement).value));

describe('connection truth (real Chromium)', () => {
  it('offline: the badge says so within seconds, unsent cards are marked until the server has them, across a reload', async () => {
    const roomTopic = env.event.info.rooms[0]!.topic;
    const amira = await joinThroughUi(env.browser, env.server.url, env.event.info.joinCode, 'Amira', roomTopic);
    const ben = await joinThroughUi(env.browser, env.server.url, env.event.info.joinCode, 'Ben', roomTopic);
    const docSocket = await switchableDocSocket(amira);
    await amira.reload();
    await amira.getByText(connected).waitFor({ timeout: 20_000 });
    await addCard(amira, 'Before the outage');
    await expect.poll(() => cardValues(ben)).toContain('Before the outage');
    // Acknowledged while live: no mark.
    expect(await amira.getByText('Not sent yet', { exact: true }).count()).toBe(0);

    const start = Date.now();
    await amira.context().setOffline(true);
    measured.browserOffline = await timeUntilNotConnected(amira, start);
    console.log(`connection truth: the badge left "Connected" ${measured.browserOffline} ms after the browser went offline`);
    await amira.getByText(offline).waitFor();

    await addCard(amira, 'Written offline');
    const before = amira.getByRole('textbox', { name: /^Card by Amira/ }).first();
    await before.click();
    await before.press('End');
    await before.pressSequentially(', edited offline');
    await expect.poll(() => amira.getByText('Not sent yet', { exact: true }).count()).toBe(2);
    await amira.getByRole('status').filter({ hasText: '2 changes not sent yet' }).waitFor();
    expect(await cardValues(ben)).toEqual(['Before the outage']);
    expect(await axeViolations(amira)).toEqual([]);
    await amira.screenshot({ path: artifactPath('connection-offline-unsent.png') });

    // Back on the network but the document socket refused (the server is unreachable): a reload keeps the
    // cards and their marks.
    docSocket.set('refused');
    await amira.context().setOffline(false);
    await amira.reload();
    await amira.getByRole('heading', { level: 1, name: roomTopic }).waitFor();
    await amira.getByText(offline).waitFor();
    await expect.poll(() => amira.getByText('Not sent yet', { exact: true }).count()).toBe(2);
    expect(await cardValues(ben)).toEqual(['Before the outage']);

    docSocket.set('open');
    await amira.getByText(connected).waitFor({ timeout: 20_000 });
    await expect.poll(() => amira.getByText('Not sent yet', { exact: true }).count()).toBe(0);
    expect(await amira.getByRole('status').filter({ hasText: 'not sent yet' }).count()).toBe(0);
    await expect.poll(() => cardValues(ben).then((values) => values.sort())).toEqual(['Before the outage, edited offline', 'Written offline']);
    await Promise.all([amira.context().close(), ben.context().close()]);
  });

  it('a silent server: the heartbeat notices within seconds, and the badge comes back when the server does', async () => {
    const roomTopic = env.event.info.rooms[1]!.topic;
    const cleo = await joinThroughUi(env.browser, env.server.url, env.event.info.joinCode, 'Cleo', roomTopic);
    const docSocket = await switchableDocSocket(cleo);
    // Playwright routes the sockets of documents loaded from now on: load the board again through it.
    await cleo.reload();
    await cleo.getByText(connected).waitFor({ timeout: 20_000 });

    const start = Date.now();
    docSocket.set('silent');
    measured.serverSilent = await timeUntilNotConnected(cleo, start);
    console.log(`connection truth: the badge left "Connected" ${measured.serverSilent} ms after the server fell silent`);
    await cleo.getByText(offline).waitFor();
    await addCard(cleo, 'Typed into the silence');
    await expect.poll(() => cleo.getByText('Not sent yet', { exact: true }).count()).toBe(1);

    docSocket.set('open');
    await cleo.getByText(connected).waitFor({ timeout: 20_000 });
    await expect.poll(() => cleo.getByText('Not sent yet', { exact: true }).count()).toBe(0);
    await cleo.context().close();
  });
});
