import type { Browser, BrowserContext, Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { addCard } from '../../shared/boardDoc';
import { createTestEvent, sampleEvent } from '../helpers/apiClient';
import { axeViolations } from '../helpers/axe';
import { e2eEnvironment } from '../helpers/e2eEnvironment';
import { joinThroughUi, openFacilitatorPanel } from '../helpers/e2eFlows';
import { connectSocket } from '../helpers/socketClient';

// The server closes Yjs connections with the codes in shared/closeCodes.ts; these check the client acts on them.
const env = e2eEnvironment();

/** Counts the page's WebSocket connections to the Yjs endpoint (reconnects included). */
function countYjsSockets(page: Page): { count: () => number } {
  let count = 0;
  page.on('websocket', (ws) => {
    if (new URL(ws.url()).pathname.startsWith('/yjs/')) count++;
  });
  return { count: () => count };
}

async function participantIdOf(page: Page, eventId: string): Promise<string> {
  return page.evaluate(async (id) => {
    const res = await fetch(`/api/events/${id}`);
    return ((await res.json()) as { me: { participantId: string } }).me.participantId;
  }, eventId);
}

async function moveParticipant(eventId: string, cookie: string, participantId: string, roomId: string): Promise<void> {
  const facilitator = await connectSocket(env.server.url, eventId, cookie);
  try {
    expect(await facilitator.run('participant:move', { participantId, roomId })).toMatchObject({ ok: true });
  } finally {
    facilitator.close();
  }
}

/** Joins like joinThroughUi, in a context whose control channel (socket.io) never gets through. */
async function joinWithoutControlChannel(browser: Browser, joinCode: string, name: string, roomTopic: string): Promise<{ context: BrowserContext; page: Page }> {
  const context = await browser.newContext();
  await context.route('**/socket.io/**', (route) => route.abort());
  await context.routeWebSocket(/\/socket\.io\//, (ws) => ws.close({ code: 1011, reason: 'blocked by the test' }));
  const page = await context.newPage();
  await page.goto(`${env.server.url}/join/${joinCode}`);
  await page.getByLabel('Your name').fill(name);
  await page.getByRole('radio', { name: roomTopic }).check();
  await page.getByRole('button', { name: 'Join' }).click();
  await page.getByRole('heading', { level: 1, name: roomTopic }).waitFor();
  await page.getByText('Connected — changes are shared live').waitFor();
  return { context, page };
}

describe('the client acts on why the server closed a board (real server, real Chromium)', () => {
  it('an event deleted under an open tab: the board is replaced by a plain message and the tab stops reconnecting', async () => {
    const event = await createTestEvent(env.server.url, { ...sampleEvent, title: 'To be deleted' });
    const room = event.info.rooms[0]!;
    const page = await joinThroughUi(env.browser, env.server.url, event.info.joinCode, 'Dana', room.topic);
    const sockets = countYjsSockets(page);

    const res = await event.facilitator.request('DELETE', `/api/events/${event.info.id}`);
    expect(res.status).toBe(200);

    const heading = page.getByRole('heading', { name: 'This event has been deleted' });
    await heading.waitFor();
    await expect.poll(() => page.evaluate(() => document.activeElement?.textContent)).toBe('This event has been deleted');
    expect(await page.getByRole('alert').textContent()).toContain('Anything on this board is no longer kept. You can close this tab.');
    expect(await page.getByRole('textbox', { name: /Add a card/ }).count()).toBe(0);

    // y-websocket's longest backoff here is 5 s: a tab still trying would have opened a socket by then.
    const seen = sockets.count();
    await page.waitForTimeout(6000);
    expect(sockets.count()).toBe(seen);
    // And this device no longer keeps the board.
    const databases = await page.evaluate(async () => (await indexedDB.databases()).map((d) => d.name));
    expect(databases.filter((name) => name?.includes(event.info.id))).toEqual([]);

    expect(await axeViolations(page)).toEqual([]);
    await page.context().close();
  });

  it('a participant moved by the facilitator is told where, and gets the new room’s board', async () => {
    const [from, to] = env.event.info.rooms;
    const page = await joinThroughUi(env.browser, env.server.url, env.event.info.joinCode, 'Elif', from!.topic);
    const participantId = await participantIdOf(page, env.event.info.id);

    await moveParticipant(env.event.info.id, env.event.facilitator.cookieHeader, participantId, to!.id);

    await page.getByRole('heading', { level: 1, name: to!.topic }).waitFor();
    await page.getByRole('status').filter({ hasText: `The facilitator moved you to ${to!.topic}.` }).waitFor({ state: 'attached' });
    await page.locator('.notice', { hasText: `The facilitator moved you to ${to!.topic}.` }).waitFor();
    await page.getByText('Connected — changes are shared live').waitFor();
    await page.getByLabel('Add a card to “What worked well?”').fill('In my new room');
    await page.getByRole('button', { name: 'Add card' }).first().click();
    await page.getByRole('textbox', { name: /Card by Elif/ }).waitFor();

    expect(await axeViolations(page)).toEqual([]);
    await page.context().close();
  });

  it('the Yjs close alone moves the tab (the control channel is down)', async () => {
    const [from, to] = env.event.info.rooms;
    const { context, page } = await joinWithoutControlChannel(env.browser, env.event.info.joinCode, 'Femi', from!.topic);
    const participantId = await participantIdOf(page, env.event.info.id);

    await moveParticipant(env.event.info.id, env.event.facilitator.cookieHeader, participantId, to!.id);

    await page.getByRole('heading', { level: 1, name: to!.topic }).waitFor();
    await page.locator('.notice', { hasText: `The facilitator moved you to ${to!.topic}.` }).waitFor();
    await page.getByText('Connected — changes are shared live').waitFor();
    await context.close();
  });

  it('a tab reopened after a move made while it was closed lands in the new room', async () => {
    const [from, , to] = env.event.info.rooms;
    const page = await joinThroughUi(env.browser, env.server.url, env.event.info.joinCode, 'Gita', from!.topic);
    const participantId = await participantIdOf(page, env.event.info.id);
    const context = page.context();
    await page.close();

    await moveParticipant(env.event.info.id, env.event.facilitator.cookieHeader, participantId, to!.id);

    const again = await context.newPage();
    await again.goto(`${env.server.url}/e/${env.event.info.id}/board`);
    await again.getByRole('heading', { level: 1, name: to!.topic }).waitFor();
    await again.getByText('Connected — changes are shared live').waitFor();
    await context.close();
  });

  it('a change the server refuses: the board stays readable, stops resending, and "Reload the board" starts fresh', async () => {
    const room = env.event.info.rooms[0]!;
    const page = await joinThroughUi(env.browser, env.server.url, env.event.info.joinCode, 'Hana', room.topic);
    const docName = `roundtable:board.${env.event.info.id}.${room.id}`;
    // A card written as someone else, planted in this device's copy, as a broken or tampered client might hold.
    const planted = new Y.Doc();
    addCard(planted, { id: 'planted', questionId: 'worked-well', authorId: 'someone-else', authorName: 'Mallory', text: 'Planted by the test' });
    const update = Array.from(Y.encodeStateAsUpdate(planted));
    await page.goto(`${env.server.url}/nowhere`);
    await page.evaluate(
      ([name, bytes]) =>
        new Promise<void>((resolve, reject) => {
          const open = indexedDB.open(name as string);
          open.onerror = () => reject(open.error);
          open.onsuccess = () => {
            const tx = open.result.transaction('updates', 'readwrite');
            tx.objectStore('updates').add(new Uint8Array(bytes as number[]));
            tx.oncomplete = () => {
              open.result.close();
              resolve();
            };
            tx.onerror = () => reject(tx.error);
          };
        }),
      [docName, update] as const,
    );
    const sockets = countYjsSockets(page);
    await page.goto(`${env.server.url}/e/${env.event.info.id}/board`);

    const alert = page.getByRole('alert').filter({ hasText: 'Some of your changes could not be saved' });
    await alert.waitFor();
    expect(await alert.textContent()).toContain('Copy anything you want to keep, then reload to get the board as everyone else sees it.');
    // What this device holds stays on screen to copy from, but nothing more can be typed into it.
    await page.getByRole('textbox', { name: /Card by Mallory/ }).waitFor();
    expect(await page.getByLabel('Add a card to “What worked well?”').count()).toBe(0);
    await page.getByText('Not connected — see the message on this page').waitFor();
    expect(await axeViolations(page)).toEqual([]);
    const refusedAt = sockets.count();
    await page.waitForTimeout(6000);
    expect(sockets.count()).toBe(refusedAt);

    await page.getByRole('button', { name: 'Reload the board' }).click();
    await page.getByText('Connected — changes are shared live').waitFor();
    await alert.waitFor({ state: 'detached' });
    expect(await page.getByRole('textbox', { name: /Card by Mallory/ }).count()).toBe(0);
    await page.getByLabel('Add a card to “What worked well?”').waitFor();
    await page.context().close();
  });

  it('a facilitator on a removed room’s board is told, and pointed back to the control panel', async () => {
    const [, , target, removed] = env.event.info.rooms;
    const page = await openFacilitatorPanel(env.browser, env.event.links.facilitator);
    await page.goto(`${env.server.url}/facilitate/${env.event.info.id}/room/${removed!.id}`);
    await page.getByRole('heading', { level: 1, name: removed!.topic }).waitFor();
    await page.getByText('Connected — changes are shared live').waitFor();
    const sockets = countYjsSockets(page);

    const facilitator = await connectSocket(env.server.url, env.event.info.id, env.event.facilitator.cookieHeader);
    expect(await facilitator.run('room:remove', { roomId: removed!.id, moveTo: target!.id, cards: 'move' })).toMatchObject({ ok: true });
    facilitator.close();

    await page.getByRole('heading', { name: 'This room has been removed' }).waitFor();
    expect(sockets.count()).toBe(0);
    expect(await axeViolations(page)).toEqual([]);
    await page.getByRole('link', { name: 'Back to the control panel' }).click();
    await page.getByRole('heading', { name: 'Rooms', exact: true }).waitFor();
    await page.context().close();
  });
});
