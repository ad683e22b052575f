import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { axeViolations } from '../helpers/axe';
import { artifactPath } from '../helpers/browser';
import { e2eEnvironment } from '../helpers/e2eEnvironment';
import { joinThroughUi, openFacilitatorPanel } from '../helpers/e2eFlows';
import { tabTo } from '../helpers/keyboard';

const env = e2eEnvironment();

async function sendMessage(facilitator: Page, text: string): Promise<void> {
  await facilitator.getByLabel('Message to participants').fill(text);
  await facilitator.getByRole('button', { name: 'Send message' }).click();
}

/** The element's box lies inside the window (what the person can see without scrolling back). */
async function inViewport(page: Page, selector: string): Promise<boolean> {
  return page.locator(selector).first().evaluate((el) => {
    const box = el.getBoundingClientRect();
    return box.height > 0 && box.top >= 0 && box.bottom <= window.innerHeight;
  });
}

describe('what a participant sees as the session moves on (real Chromium)', () => {
  it('at 200 % zoom on a 1366×768 laptop the stage, timer and latest message stay in view while the board scrolls', async () => {
    const room = env.event.info.rooms[0]!;
    const facilitator = await openFacilitatorPanel(env.browser, env.event.links.facilitator);
    const amira = await joinThroughUi(env.browser, env.server.url, env.event.info.joinCode, 'Amira', room.topic);
    // 1366×768 at 200 %: the page lays out in 683×384 CSS pixels, drawn at twice the density.
    await amira.setViewportSize({ width: 683, height: 384 });
    await facilitator.getByRole('button', { name: 'Breakouts' }).click();
    await facilitator.getByLabel('Minutes').fill('10');
    await facilitator.getByRole('button', { name: 'Start', exact: true }).click();
    await sendMessage(facilitator, 'Please choose someone to report back');
    await amira.getByText('Please choose someone to report back').waitFor();
    await amira.getByRole('timer').waitFor();

    // Scroll to the foot of the board, as someone reading the last column would.
    await amira.evaluate(() => window.scrollTo(0, document.documentElement.scrollHeight));
    expect(await amira.evaluate(() => window.scrollY)).toBeGreaterThan(200);
    expect(await inViewport(amira, '.session-header [role="timer"]')).toBe(true);
    expect(await inViewport(amira, '.session-header .broadcast')).toBe(true);
    expect(await inViewport(amira, '.session-header .phase')).toBe(true);
    // Compact: the header leaves most of the window to the board.
    const headerHeight = await amira.locator('.session-header').evaluate((el) => el.getBoundingClientRect().height);
    expect(headerHeight).toBeLessThan(384 * 0.4);
    await amira.screenshot({ path: artifactPath('sticky-header-200pc.png') });
    expect(await axeViolations(amira)).toEqual([]);

    // The message can be dismissed from the keyboard.
    await tabTo(amira, amira.getByRole('button', { name: 'Dismiss the message' }));
    await amira.keyboard.press('Enter');
    await amira.getByText('Please choose someone to report back').waitFor({ state: 'detached' });
    await Promise.all([facilitator, amira].map((p) => p.context().close()));
  });

  it('a locked board says writing is paused, never that typing is kept', async () => {
    const room = env.event.info.rooms[1]!;
    const facilitator = await openFacilitatorPanel(env.browser, env.event.links.facilitator);
    const amira = await joinThroughUi(env.browser, env.server.url, env.event.info.joinCode, 'Amira', room.topic);
    await facilitator.getByRole('button', { name: 'Breakouts' }).click();
    await facilitator.getByRole('button', { name: `Lock board for ${room.topic}` }).click();
    await amira
      .getByRole('status')
      .filter({ hasText: 'The facilitator has locked this board. Writing is paused: you can read the cards, and writing opens again when they unlock it.' })
      .waitFor();
    expect(await amira.getByText(/anything you type is kept/).count()).toBe(0);
    expect(await axeViolations(amira)).toEqual([]);
    await facilitator.getByRole('button', { name: `Unlock board for ${room.topic}` }).click();
    await amira.getByText('Writing is paused').waitFor({ state: 'detached' });
    await Promise.all([facilitator, amira].map((p) => p.context().close()));
  });

  it('at the Closed stage participants get a closing screen, and the last stage\'s "10 minutes left" is gone', async () => {
    const room = env.event.info.rooms[0]!;
    const facilitator = await openFacilitatorPanel(env.browser, env.event.links.facilitator);
    const amira = await joinThroughUi(env.browser, env.server.url, env.event.info.joinCode, 'Amira', room.topic);
    await facilitator.getByRole('button', { name: 'Breakouts' }).click();
    await amira.getByLabel('Add a card to “What worked well?”').fill('The market stalls');
    await amira.getByRole('button', { name: 'Add card' }).first().click();
    await sendMessage(facilitator, '10 minutes left');
    await amira.getByText('10 minutes left').waitFor();

    await facilitator.getByRole('button', { name: 'Closed' }).click();
    await amira.getByRole('heading', { name: 'Thank you for taking part' }).waitFor();
    await amira.getByText('The organisers will share the summary.').waitFor();
    await amira.getByText('10 minutes left').waitFor({ state: 'detached' });
    await amira.getByRole('status').filter({ hasText: 'The workshop moved to the Closed stage.' }).waitFor();
    expect(await amira.getByRole('button', { name: 'Ask for help' }).count()).toBe(0);
    // The first test's timer still runs on the server; after closing it means nothing to participants.
    expect(await amira.getByRole('timer').count()).toBe(0);
    await amira.screenshot({ path: artifactPath('closing-screen.png'), fullPage: true });
    expect(await axeViolations(amira)).toEqual([]);

    // Their room's board is still there to read, opened from the keyboard.
    await tabTo(amira, amira.getByRole('button', { name: "Look at your room's board again" }));
    await amira.keyboard.press('Enter');
    await amira.getByRole('textbox', { name: /Card by Amira/ }).waitFor();
    expect(await amira.getByRole('button', { name: 'Hide the board' }).getAttribute('aria-expanded')).toBe('true');
    expect(await axeViolations(amira)).toEqual([]);

    // A message sent at the Closed stage is shown: only earlier stages' are stale.
    await sendMessage(facilitator, 'Thank you all');
    await amira.getByText('Thank you all').waitFor();
    await Promise.all([facilitator, amira].map((p) => p.context().close()));
  });
});
