import type { Browser, Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { axeViolations } from '../helpers/axe';
import { createTestEvent, sampleEvent } from '../helpers/apiClient';
import { artifactPath } from '../helpers/browser';
import { e2eEnvironment } from '../helpers/e2eEnvironment';
import { openFacilitatorPanel } from '../helpers/e2eFlows';
import { tabTo } from '../helpers/keyboard';

// The event starts with "Facilitator places people".
const env = e2eEnvironment((url) => createTestEvent(url, { ...sampleEvent, assignmentMode: 'facilitator' }));

/** Home page → code → the join page, by keyboard. */
async function openJoinPage(browser: Browser, baseUrl: string, joinCode: string): Promise<Page> {
  const page = await (await browser.newContext()).newPage();
  await page.goto(baseUrl);
  await page.getByLabel('Join code').fill(joinCode.toLowerCase());
  await page.keyboard.press('Enter');
  await page.getByLabel('Your name').waitFor();
  return page;
}

async function joinByKeyboard(page: Page, name: string): Promise<void> {
  await page.getByLabel('Your name').fill(name);
  await tabTo(page, page.getByRole('button', { name: 'Join' }));
  await page.keyboard.press('Enter');
}

async function moveWithPanel(facilitator: Page, name: string, topic: string): Promise<void> {
  await facilitator.getByRole('tab', { name: 'Rooms & people' }).click();
  await facilitator.getByLabel(`Room for ${name}`).selectOption({ label: topic });
}

describe('room placement says what will happen, and tells people where they are (real Chromium)', () => {
  it('facilitator placement: the join page says so, the person waits, placing opens their board with a notice; a later move is announced too', async () => {
    const [roomA, roomB] = [env.event.info.rooms[0]!, env.event.info.rooms[1]!];
    const facilitator = await openFacilitatorPanel(env.browser, env.event.links.facilitator);
    const amira = await openJoinPage(env.browser, env.server.url, env.event.info.joinCode);
    await amira.getByText('Your facilitator will place you in a room.', { exact: false }).waitFor();
    expect(await amira.getByRole('radio').count()).toBe(0);
    expect(await axeViolations(amira)).toEqual([]);

    await joinByKeyboard(amira, 'Amira');
    await amira.getByRole('heading', { level: 1, name: 'Waiting for a room' }).waitFor();
    await amira.getByText('Your room\'s board opens here by itself as soon as the facilitator places you.').waitFor();
    expect(await amira.getByRole('textbox').count()).toBe(0);
    await amira.screenshot({ path: artifactPath('waiting-for-a-room.png') });
    expect(await axeViolations(amira)).toEqual([]);

    // The facilitator is told who is waiting, at the top of the panel and in the people table.
    await facilitator.getByRole('tab', { name: 'Live' }).click();
    await facilitator.getByText('Amira is waiting for a room').waitFor();
    await facilitator.getByRole('row', { name: /Amira/ }).getByText('Waiting for a room').waitFor();

    // Placed in the second room: the board opens by itself, and says so in words (and to screen readers).
    await moveWithPanel(facilitator, 'Amira', roomB.topic);
    await amira.getByRole('heading', { level: 1, name: roomB.topic }).waitFor();
    await amira.getByText(`The facilitator placed you in ${roomB.topic}.`, { exact: true }).first().waitFor();
    expect(await amira.getByRole('status').filter({ hasText: `The facilitator placed you in ${roomB.topic}.` }).count()).toBeGreaterThan(0);
    await amira.getByLabel('Add a card to “What worked well?”').waitFor();

    // Moved on later: "The facilitator moved you to …", visible and announced.
    await moveWithPanel(facilitator, 'Amira', roomA.topic);
    await amira.getByRole('heading', { level: 1, name: roomA.topic }).waitFor();
    await amira.locator('.notice').filter({ hasText: `The facilitator moved you to ${roomA.topic}.` }).waitFor();
    expect(await amira.getByRole('status').filter({ hasText: `The facilitator moved you to ${roomA.topic}.` }).count()).toBeGreaterThan(0);
    expect(await axeViolations(amira)).toEqual([]);
    await Promise.all([facilitator, amira].map((p) => p.context().close()));
  });

  it('automatic placement: the join page says so, and joining goes straight to a board', async () => {
    const facilitator = await openFacilitatorPanel(env.browser, env.event.links.facilitator);
    await facilitator.getByRole('tab', { name: 'Rooms & people' }).click();
    await facilitator.getByLabel('Joining').selectOption({ label: 'Spread newcomers evenly' });
    const ben = await openJoinPage(env.browser, env.server.url, env.event.info.joinCode);
    await ben.getByText("You'll be placed in a room automatically when you join.").waitFor();
    expect(await ben.getByText('Your facilitator will place you').count()).toBe(0);
    expect(await axeViolations(ben)).toEqual([]);
    await joinByKeyboard(ben, 'Ben');
    await ben.getByLabel('Add a card to “What worked well?”').waitFor();
    expect(await ben.getByText('Waiting for a room').count()).toBe(0);
    await Promise.all([facilitator, ben].map((p) => p.context().close()));
  });
});
