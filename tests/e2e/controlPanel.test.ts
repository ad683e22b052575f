import type { Locator, Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { axeViolations } from '../helpers/axe';
import { artifactPath } from '../helpers/browser';
import { e2eEnvironment } from '../helpers/e2eEnvironment';
import { joinThroughUi } from '../helpers/e2eFlows';

// Issue 15, problem 6: the control panel shows who is stuck, from the facilitator's side.

const env = e2eEnvironment();
const laptop = { width: 1366, height: 768 };

async function openPanel(): Promise<Page> {
  const page = await (await env.browser.newContext({ viewport: laptop })).newPage();
  await page.goto(env.event.links.facilitator);
  await page.getByRole('heading', { name: 'Rooms', exact: true }).waitFor();
  return page;
}

async function inViewport(locator: Locator): Promise<boolean> {
  const box = await locator.boundingBox();
  return !!box && box.y >= 0 && box.y + box.height <= laptop.height && box.x >= 0 && box.x + box.width <= laptop.width;
}

async function expectAccessible(page: Page, state: string): Promise<void> {
  expect(await axeViolations(page), state).toEqual([]);
}

const row = (page: Page, name: string | RegExp) => page.getByRole('table', { name: 'What each participant has done' }).getByRole('row').filter({ has: page.getByRole('rowheader', { name }) });

describe('the control panel shows who is stuck (real Chromium, 1366×768)', () => {
  it('per-person counts, "not contributed yet" in Needs attention, voting progress, totals and a "Sent" confirmation', async () => {
    const room = env.event.info.rooms[2]!;
    const panel = await openPanel();
    // On a laptop, the stage, the timer and the message box are on screen without scrolling.
    expect(await inViewport(panel.getByRole('group', { name: /Stage/ }))).toBe(true);
    expect(await inViewport(panel.getByRole('group', { name: 'Timer (all rooms)' }))).toBe(true);
    expect(await inViewport(panel.getByLabel('Message to participants'))).toBe(true);
    expect(await inViewport(panel.getByRole('button', { name: 'Send message' }))).toBe(true);

    const amira = await joinThroughUi(env.browser, env.server.url, env.event.info.joinCode, 'Amira', room.topic);
    await joinThroughUi(env.browser, env.server.url, env.event.info.joinCode, 'Ben', room.topic);
    await panel.getByRole('button', { name: 'Breakouts' }).click();
    await panel.getByLabel('List people who haven’t contributed').selectOption({ label: 'at once' });

    await amira.getByLabel('Add a card to “What worked well?”').fill('Good teamwork across teams');
    await amira.getByRole('button', { name: 'Add card' }).first().click();

    // Amira wrote a card; Ben has done nothing and is listed, with where to go.
    await row(panel, 'Amira').getByRole('cell', { name: '1', exact: true }).waitFor();
    await row(panel, /Ben/).getByText('Not contributed yet').waitFor();
    expect(await row(panel, 'Amira').getByText('Not contributed yet').count()).toBe(0);
    const attention = panel.getByRole('region', { name: /Needs attention/ });
    await attention.getByText(`Ben has not contributed yet (${room.topic})`).waitFor();
    expect(await attention.getByText(/Amira/).count()).toBe(0);
    await attention.getByRole('link', { name: `Go to ${room.topic}` }).first().waitFor();
    const totals = panel.getByRole('region', { name: 'Event totals' });
    expect(await totals.getByRole('definition').allTextContents()).toEqual(['2', '2', '1', '0', '0']);
    await expectAccessible(panel, 'live tab, writing stage');
    await panel.screenshot({ path: artifactPath('control-panel-attention.png') });

    // Voting: Amira casts one of her three votes.
    await panel.getByRole('button', { name: 'Voting', exact: true }).click();
    await panel.getByRole('button', { name: 'Open voting' }).click();
    await amira.getByRole('button', { name: /Vote for this card/ }).first().click();
    await row(panel, 'Amira').getByRole('cell', { name: '1 of 3' }).waitFor();
    await row(panel, /Ben/).getByRole('cell', { name: '0 of 3' }).waitFor();
    const progress = panel.getByRole('table', { name: 'Voting progress' }).getByRole('row').filter({ hasText: room.topic });
    await progress.getByText('1 of 6').waitFor();
    await attention.getByText(`Ben has not voted yet (${room.topic})`).waitFor();
    await totals.getByRole('definition').nth(3).getByText('1').waitFor();
    await expectAccessible(panel, 'live tab, voting open');

    // A message: the facilitator is told it went, and where.
    await panel.getByLabel('Message to participants').fill('Five minutes left');
    await panel.getByRole('button', { name: 'Send message' }).click();
    await panel.getByRole('status').filter({ hasText: /^Sent to all rooms at \d\d:\d\d$/ }).waitFor();
    await amira.getByText('Five minutes left').waitFor();
    await panel.getByLabel('Message to participants').fill('Please pick a reporter');
    await panel.getByLabel('Send to').selectOption({ label: room.topic });
    await panel.getByRole('button', { name: 'Send message' }).click();
    await panel.getByRole('status').filter({ hasText: new RegExp(`^Sent to ${room.topic} at \\d\\d:\\d\\d$`) }).waitFor();
    await panel.screenshot({ path: artifactPath('control-panel.png') });
    await Promise.all([panel.context().close(), amira.context().close()]);
  });

  it('tabs by keyboard (arrow keys, Home, End); rooms are managed on their own tab; an empty room removed comes back with Undo; axe on every tab', async () => {
    const panel = await openPanel();
    const live = panel.getByRole('tab', { name: 'Live' });
    const rooms = panel.getByRole('tab', { name: 'Rooms & people' });
    const settings = panel.getByRole('tab', { name: 'Settings' });
    const focused = (tab: Locator) => tab.evaluate((el) => el === document.activeElement);
    // Room management is not on the live panel.
    expect(await panel.getByRole('button', { name: 'Add room' }).isVisible()).toBe(false);

    await live.focus();
    await panel.keyboard.press('ArrowRight');
    expect(await rooms.getAttribute('aria-selected')).toBe('true');
    expect(await focused(rooms)).toBe(true);
    await panel.getByRole('button', { name: 'Add room' }).waitFor();
    await expectAccessible(panel, 'rooms & people tab');
    await panel.keyboard.press('ArrowRight');
    expect(await settings.getAttribute('aria-selected')).toBe('true');
    await panel.getByRole('region', { name: 'Names' }).waitFor();
    const folded = panel.getByRole('tabpanel', { name: 'Settings' }).locator('details:not([open]) > summary');
    while ((await folded.count()) > 0) await folded.first().click();
    await expectAccessible(panel, 'settings tab, everything open');
    await settings.focus();
    await panel.keyboard.press('ArrowRight');
    expect(await focused(live)).toBe(true);
    await panel.keyboard.press('End');
    expect(await focused(settings)).toBe(true);
    await panel.keyboard.press('Home');
    expect(await focused(live)).toBe(true);
    await panel.keyboard.press('ArrowLeft');
    expect(await focused(settings)).toBe(true);
    await panel.keyboard.press('ArrowLeft');
    expect(await rooms.getAttribute('aria-selected')).toBe('true');
    // Tab leaves the tab list for the panel's first control.
    await panel.keyboard.press('Tab');
    expect(await panel.evaluate(() => document.activeElement?.closest('[role="tabpanel"]') !== null)).toBe(true);

    // A new, empty room goes at once, with Undo; Undo brings it back.
    await panel.getByLabel('New room topic').fill('Spare room');
    await panel.getByRole('button', { name: 'Add room' }).click();
    // The list says what removing each room would affect.
    await panel.locator('.room-admin li').filter({ has: panel.getByRole('button', { name: 'Remove Spare room' }) }).getByText('empty', { exact: true }).waitFor();
    await panel.getByRole('button', { name: 'Remove Spare room' }).click();
    const toast = panel.locator('.undo-toast').filter({ hasText: 'Room “Spare room” removed' });
    await toast.waitFor();
    await panel.getByRole('button', { name: 'Remove Spare room' }).waitFor({ state: 'detached' });
    await expectAccessible(panel, 'rooms tab with an undo toast');
    await toast.getByRole('button', { name: 'Undo' }).click();
    await panel.getByRole('button', { name: 'Remove Spare room' }).waitFor();
    await live.click();
    await panel.getByRole('heading', { name: 'Spare room', level: 3 }).waitFor();
    await panel.context().close();
  });

  it('a theme removed in the summary editor comes back, in its place, with Undo', async () => {
    const page = await openPanel();
    await page.goto(`${env.server.url}/summary/${env.event.info.id}`);
    await page.getByRole('button', { name: /Draft from boards|Re-draft from boards/ }).click();
    await page.getByText(/Drafted \d+ key messages?/).waitFor();
    for (const label of ['Trust between teams', 'Time to reflect']) {
      await page.getByLabel('New theme').fill(label);
      await page.getByRole('button', { name: 'Add theme' }).click();
      await page.getByRole('button', { name: `Remove theme ${label}` }).waitFor();
    }
    const themes = page.getByRole('region', { name: 'Cross-cutting themes' });
    const labels = () => themes.getByRole('textbox', { name: 'Theme', exact: true }).evaluateAll((els) => els.map((el) => (el as HTMLInputElement).value));
    expect(await labels()).toEqual(['Trust between teams', 'Time to reflect']);

    await page.getByRole('button', { name: 'Remove theme Trust between teams' }).click();
    await page.getByRole('button', { name: 'Remove theme Trust between teams' }).waitFor({ state: 'detached' });
    const toast = page.locator('.undo-toast').filter({ hasText: 'Theme “Trust between teams” removed' });
    await expectAccessible(page, 'summary editor with an undo toast');
    await toast.getByRole('button', { name: 'Undo' }).click();
    await page.getByRole('button', { name: 'Remove theme Trust between teams' }).waitFor();
    expect(await labels()).toEqual(['Trust between teams', 'Time to reflect']);
    await page.context().close();
  });
});
