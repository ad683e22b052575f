import { afterAll, describe, expect, it } from 'vitest';
import { readCards } from '../../shared/boardDoc';
import { boardDocName } from '../../shared/docNames';
import type { RunningServer } from '../../server/app';
import { createTestEvent } from '../helpers/apiClient';
import { launchBrowser } from '../helpers/browser';
import { joinThroughUi } from '../helpers/e2eFlows';
import { freePort } from '../helpers/serverProcess';
import { startTestServer, tempDataDir } from '../helpers/testServer';
import { connectProvider, waitFor, waitForSync } from '../helpers/yjsClient';

const cleanups: (() => Promise<void> | void)[] = [];
afterAll(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

describe('nothing typed is lost to a dropped connection, a closed tab or a server restart', () => {
  it('cards written while the server is down survive closing the tab and reach the board when it is back', async () => {
    const dataDir = tempDataDir();
    const port = await freePort();
    const start = () => startTestServer({ dataDir, env: { PORT: String(port) } });
    let server: RunningServer = await start();
    const browser = await launchBrowser();
    cleanups.push(() => browser.close());
    const event = await createTestEvent(server.url);
    const room = event.info.rooms[0]!;
    const page = await joinThroughUi(browser, server.url, event.info.joinCode, 'Olu', room.topic);
    const boardUrl = page.url();

    await server.close();
    await page.getByText(/Offline — your changes are kept on this device/).waitFor();
    const add = page.getByLabel('Add a card to “What worked well?”');
    await add.fill('Written with no connection');
    await add.press('Enter');
    const card = page.getByRole('textbox', { name: /Card by Olu/ });
    await card.waitFor();
    await card.click();
    await card.press('End');
    await card.pressSequentially(', then edited');
    // IndexedDB writes are asynchronous: give the browser a moment before the tab goes away.
    await page.waitForTimeout(300);
    await page.close();

    server = await start();
    cleanups.push(() => server.close());
    const again = await page.context().newPage();
    await again.goto(boardUrl);
    await again.getByText('Connected — changes are shared live').waitFor();
    expect(await again.getByRole('textbox', { name: /Card by Olu/ }).inputValue()).toBe('Written with no connection, then edited');

    // And the server has it: a facilitator connecting now sees the card.
    const check = connectProvider(server.url, boardDocName(event.info.id, room.id), event.facilitator.cookieHeader);
    cleanups.push(() => check.destroy());
    await waitForSync(check.provider);
    await waitFor(() => readCards(check.doc).some((c) => c.text === 'Written with no connection, then edited'), 10_000, 'the offline card on the server');
  });
});
