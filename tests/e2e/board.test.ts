import fs from 'node:fs';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RunningServer } from '../../server/app';
import { createTestEvent, type CreatedTestEvent } from '../helpers/apiClient';
import { artifactPath, launchBrowser } from '../helpers/browser';
import { startTestServer } from '../helpers/testServer';

let server: RunningServer;
let browser: Browser;
let event: CreatedTestEvent;

beforeAll(async () => {
  server = await startTestServer();
  browser = await launchBrowser();
  event = await createTestEvent(server.url);
});

afterAll(async () => {
  await browser?.close();
  await server?.close();
});

describe('participants on a live board (real Chromium)', () => {
  it('two people join the same room through the UI and see each other’s cards live', async () => {
    const roomTopic = event.info.rooms[1]!.topic;
    const contexts = await Promise.all([browser.newContext(), browser.newContext()]);
    const [amira, ben] = await Promise.all(contexts.map((c) => c.newPage()));

    for (const [page, name] of [
      [amira!, 'Amira'],
      [ben!, 'Ben'],
    ] as const) {
      await page.goto(server.url);
      await page.getByLabel('Join code').fill(event.info.joinCode.toLowerCase());
      await page.getByRole('button', { name: 'Continue' }).click();
      await page.getByLabel('Your name').fill(name);
      await page.getByRole('radio', { name: roomTopic }).check();
      await page.getByRole('button', { name: 'Join' }).click();
      await page.getByRole('heading', { level: 1, name: roomTopic }).waitFor();
      await page.getByText('Connected — changes are shared live').waitFor();
    }

    await amira!.getByLabel('Add a card to “What worked well?”').fill('Relationships with providers improved');
    await amira!.getByLabel('Add a card to “What worked well?”').press('Enter');

    const benCard = ben!.getByRole('textbox', { name: /Card by Amira under “What worked well\?”/ });
    await benCard.waitFor();
    expect(await benCard.inputValue()).toBe('Relationships with providers improved');
    // Presence: each sees the other in the room list.
    await ben!.getByRole('region', { name: /In this room/ }).getByText('Amira').waitFor();

    // Ben edits Amira's card; Amira sees the edit.
    await benCard.click();
    await benCard.press('End');
    await benCard.pressSequentially(' a lot');
    await expect.poll(() => amira!.getByRole('textbox', { name: /Card by Amira/ }).inputValue()).toBe('Relationships with providers improved a lot');

    const shot = artifactPath('board-two-participants.png');
    await ben!.screenshot({ path: shot, fullPage: true });
    expect(fs.statSync(shot).size).toBeGreaterThan(10_000);
    await Promise.all(contexts.map((c) => c.close()));
  });
});
