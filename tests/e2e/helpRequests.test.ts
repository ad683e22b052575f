import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { axeViolations } from '../helpers/axe';
import { artifactPath } from '../helpers/browser';
import { e2eEnvironment } from '../helpers/e2eEnvironment';
import { joinThroughUi, openFacilitatorPanel } from '../helpers/e2eFlows';
import { tabTo } from '../helpers/keyboard';

const env = e2eEnvironment();

/** Presses a button the way a keyboard user does: Tab to it, then Enter. */
async function pressWithKeyboard(page: Page, name: string): Promise<void> {
  const button = page.getByRole('button', { name, exact: true });
  await tabTo(page, button);
  await page.keyboard.press('Enter');
}

const helpStatus = (page: Page, text: string) => page.getByRole('status').filter({ hasText: text });

describe('a help request, from the participant asking to the facilitator marking it handled (real Chromium)', () => {
  it('the participant reads every step — sent, seen, on the way, handled — and may ask again; all by keyboard, axe clean', async () => {
    const room = env.event.info.rooms[0]!;
    const facilitator = await openFacilitatorPanel(env.browser, env.event.links.facilitator);
    const amira = await joinThroughUi(env.browser, env.server.url, env.event.info.joinCode, 'Amira', room.topic);

    await pressWithKeyboard(amira, 'Ask for help');
    await helpStatus(amira, 'Your request was sent — a facilitator will see it shortly.').waitFor();
    await amira.getByRole('button', { name: 'Cancel my help request' }).waitFor();
    expect(await axeViolations(amira)).toEqual([]);

    await facilitator.getByText('Waiting — not seen yet').waitFor();
    expect(await axeViolations(facilitator)).toEqual([]);
    await pressWithKeyboard(facilitator, 'Seen for Amira');
    await helpStatus(amira, 'A facilitator has seen your request.').waitFor();

    // Focus moved on to the request's next step, so the facilitator can carry on from the keyboard.
    const onMyWay = facilitator.getByRole('button', { name: 'On my way for Amira' });
    await onMyWay.waitFor();
    await facilitator.waitForFunction(() => document.activeElement?.textContent === 'On my way for Amira');
    await facilitator.keyboard.press('Enter');
    await helpStatus(amira, 'A facilitator is on the way.').waitFor();
    // Still cancellable while someone is on the way.
    await amira.getByRole('button', { name: 'Cancel my help request' }).waitFor();
    await amira.screenshot({ path: artifactPath('help-on-the-way.png') });

    await pressWithKeyboard(facilitator, 'Mark handled for Amira');
    await helpStatus(amira, 'Your request was marked handled. Ask again if you still need help.').waitFor();
    await facilitator.getByText('Nobody is waiting for help.').waitFor();
    expect(await amira.getByText(/Help is on the way/).count()).toBe(0);
    expect(await amira.getByRole('button', { name: 'Cancel my help request' }).count()).toBe(0);
    expect(await axeViolations(amira)).toEqual([]);
    expect(await axeViolations(facilitator)).toEqual([]);

    // Asking again starts a new request; cancelling it clears the status.
    await pressWithKeyboard(amira, 'Ask for help');
    await helpStatus(amira, 'Your request was sent — a facilitator will see it shortly.').waitFor();
    await facilitator.getByText('Waiting — not seen yet').waitFor();
    await pressWithKeyboard(amira, 'Cancel my help request');
    await amira.getByRole('button', { name: 'Ask for help' }).waitFor();
    await facilitator.getByText('Nobody is waiting for help.').waitFor();
    expect(await amira.getByText('Your request was sent').count()).toBe(0);
    await Promise.all([facilitator, amira].map((p) => p.context().close()));
  });
});
