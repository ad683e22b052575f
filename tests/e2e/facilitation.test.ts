import { describe, expect, it } from 'vitest';
import { e2eEnvironment } from '../helpers/e2eEnvironment';
import { artifactPath } from '../helpers/browser';
import { joinThroughUi, openFacilitatorPanel } from '../helpers/e2eFlows';

const env = e2eEnvironment();

describe('a facilitator runs the session (real Chromium)', () => {
  it('timer and broadcast reach participants; a locked board stops them adding cards', async () => {
    const room = env.event.info.rooms[0]!;
    const facilitator = await openFacilitatorPanel(env.browser, env.event.links.facilitator);
    // The secret key left the address bar as soon as it was exchanged.
    expect(facilitator.url()).not.toContain('key=');
    const amira = await joinThroughUi(env.browser, env.server.url, env.event.info.joinCode, 'Amira', room.topic);
    const ben = await joinThroughUi(env.browser, env.server.url, env.event.info.joinCode, 'Ben', room.topic);

    await facilitator.getByRole('button', { name: 'Breakouts' }).click();
    await facilitator.getByLabel('Minutes').fill('10');
    await facilitator.getByRole('button', { name: 'Start', exact: true }).click();
    await facilitator.getByLabel('Message to participants').fill('Please choose someone to report back');
    await facilitator.getByRole('button', { name: 'Send message' }).click();

    for (const page of [amira, ben]) {
      await page.getByText('Please choose someone to report back').waitFor();
      const clock = page.getByRole('timer');
      await clock.waitFor();
      expect(await clock.textContent()).toMatch(/^(10:00|9:5\d)$/);
      await page.getByText('Breakouts', { exact: true }).waitFor();
    }
    await amira.getByRole('button', { name: 'Dismiss' }).click();
    await amira.getByText('Please choose someone to report back').waitFor({ state: 'detached' });

    // Amira can add a card before the lock…
    await amira.getByLabel('Add a card to “What worked well?”').fill('Before the lock');
    await amira.getByRole('button', { name: 'Add card' }).first().click();
    await ben.getByRole('textbox', { name: /Card by Amira/ }).waitFor();
    // …and the panel sees it live.
    await facilitator.getByText(/· 1 card ·/).first().waitFor();

    await facilitator.getByRole('button', { name: `Lock board for ${room.topic}` }).click();
    await amira.getByText('The facilitator has locked this board.').waitFor();
    expect(await amira.getByLabel('Add a card to “What worked well?”').count()).toBe(0);
    expect(await amira.getByRole('textbox', { name: /Card by Amira/ }).getAttribute('readonly')).not.toBeNull();
    await facilitator.screenshot({ path: artifactPath('control-panel.png'), fullPage: true });
    await amira.screenshot({ path: artifactPath('board-locked.png'), fullPage: true });

    await facilitator.getByRole('button', { name: `Unlock board for ${room.topic}` }).click();
    await amira.getByLabel('Add a card to “What worked well?”').waitFor();
    await Promise.all([facilitator, amira, ben].map((p) => p.context().close()));
  });

  it('a facilitator hides a card from the room board: participants lose it, staff read it, Show brings it back', async () => {
    const room = env.event.info.rooms[1]!;
    const facilitator = await openFacilitatorPanel(env.browser, env.event.links.facilitator);
    const amira = await joinThroughUi(env.browser, env.server.url, env.event.info.joinCode, 'Amira', room.topic);
    await facilitator.getByRole('button', { name: 'Breakouts' }).click();
    await amira.getByLabel('Add a card to “What worked well?”').fill('Please keep this between us');
    await amira.getByRole('button', { name: 'Add card' }).first().click();

    await facilitator.getByRole('link', { name: `Open board for ${room.topic}` }).click();
    const card = facilitator.getByRole('listitem').filter({ hasText: 'Amira' });
    await card.getByRole('textbox', { name: /Card by Amira/ }).waitFor();
    await card.getByRole('button', { name: 'More actions for this card' }).click();
    await facilitator.getByRole('menuitem', { name: 'Hide from participants' }).click();
    // Staff still read it, marked and read-only, with Show in its menu.
    await card.getByText('Hidden from participants').waitFor();
    await card.getByText('Please keep this between us').waitFor();
    expect(await card.getByRole('textbox').count()).toBe(0);
    await amira.getByRole('textbox', { name: /Card by Amira/ }).waitFor({ state: 'detached' });
    expect(await amira.getByText('Please keep this between us').count()).toBe(0);

    await card.getByRole('button', { name: 'More actions for this card' }).click();
    await facilitator.getByRole('menuitem', { name: 'Show to participants' }).click();
    await amira.getByRole('textbox', { name: /Card by Amira/ }).waitFor();
    expect(await amira.getByRole('textbox', { name: /Card by Amira/ }).inputValue()).toBe('Please keep this between us');
    await Promise.all([facilitator, amira].map((p) => p.context().close()));
  });
});
