import { describe, expect, it } from 'vitest';
import { e2eEnvironment } from '../helpers/e2eEnvironment';
import { focusIsVisible, tabTo } from '../helpers/keyboard';
import { connectSocket } from '../helpers/socketClient';

const env = e2eEnvironment();

describe('keyboard only (no mouse anywhere in these tests)', () => {
  it('a participant joins, adds a card, edits it, votes and moves it', async () => {
    const page = await (await env.browser.newContext()).newPage();
    await page.goto(env.server.url);
    await tabTo(page, page.getByLabel('Join code'));
    expect(await focusIsVisible(page)).toBe(true);
    await page.keyboard.type(env.event.info.joinCode);
    await page.keyboard.press('Enter');
    await tabTo(page, page.getByLabel('Your name'));
    await page.keyboard.type('Kim');
    await tabTo(page, page.getByRole('radio').first());
    // Arrow keys move between radio buttons, as in any native radio group.
    await page.keyboard.press('ArrowDown');
    expect(await page.getByRole('radio', { name: 'Co-production and building community resilience' }).isChecked()).toBe(true);
    await tabTo(page, page.getByRole('button', { name: 'Join' }));
    await page.keyboard.press('Enter');
    await page.getByText('Connected — changes are shared live').waitFor();

    const add = page.getByLabel('Add a card to “What worked well?”');
    await tabTo(page, add);
    await page.keyboard.type('Neighbours checked on each other');
    await page.keyboard.press('Enter');
    const card = page.getByRole('textbox', { name: /Card by Kim under “What worked well\?”/ });
    await card.waitFor();

    await tabTo(page, card);
    expect(await focusIsVisible(page)).toBe(true);
    await page.keyboard.press('End');
    await page.keyboard.type(' every day');
    await page.waitForFunction(() => [...document.querySelectorAll('textarea.card-text')].some((t) => (t as HTMLTextAreaElement).value.endsWith('every day')));

    const facilitator = await connectSocket(env.server.url, env.event.info.id, env.event.facilitator.cookieHeader);
    await facilitator.run('voting:set', { open: true, votesPerPerson: 2 });
    const vote = page.getByRole('button', { name: /Vote for this card/ });
    await vote.waitFor();
    await tabTo(page, vote);
    await page.keyboard.press('Enter');
    await page.getByText('Your votes: 1').waitFor();
    await page.getByText(/Votes left: 1 of 2/).waitFor();

    // Moving is in the card's menu: Enter opens it on its first item (Edit), ArrowDown reaches the move.
    await tabTo(page, page.getByRole('button', { name: 'More actions for this card' }));
    await page.keyboard.press('Enter');
    await page.keyboard.press('ArrowDown');
    expect(await page.evaluate(() => document.activeElement?.textContent)).toBe('Move to “What do we need to build on?”');
    await page.keyboard.press('Enter');
    await page.getByRole('textbox', { name: /Card by Kim under “What do we need to build on\?”/ }).waitFor();
    expect(await page.getByRole('textbox', { name: /Card by Kim under “What worked well\?”/ }).count()).toBe(0);
    facilitator.close();
    await page.context().close();
  });

  it('a facilitator starts the timer, sends a message and locks a board', async () => {
    const page = await (await env.browser.newContext()).newPage();
    await page.goto(env.event.links.facilitator);
    await page.getByRole('heading', { name: 'Rooms', exact: true }).waitFor();
    await tabTo(page, page.getByRole('button', { name: 'Breakouts' }));
    await page.keyboard.press('Enter');
    await page.getByText('Control panel · stage: Breakouts').waitFor();

    await tabTo(page, page.getByLabel('Minutes'));
    await page.keyboard.press('Control+A');
    await page.keyboard.type('5');
    await tabTo(page, page.getByRole('button', { name: 'Start', exact: true }));
    await page.keyboard.press('Enter');
    await page.getByRole('timer').first().waitFor();

    await tabTo(page, page.getByLabel('Message to participants'));
    await page.keyboard.type('Come back to the main room at 11');
    await tabTo(page, page.getByRole('button', { name: 'Send message' }));
    await page.keyboard.press('Enter');
    await page.getByText('Message history (1)').waitFor();

    const lock = page.getByRole('button', { name: 'Lock board for Workforce' });
    await tabTo(page, lock);
    await page.keyboard.press('Enter');
    await page.getByRole('button', { name: 'Unlock board for Workforce' }).waitFor();

    const socket = await connectSocket(env.server.url, env.event.info.id, env.event.facilitator.cookieHeader);
    const state = await socket.run('control:get');
    expect(state.ok && state.data.state).toMatchObject({ phase: 'breakouts', lockedRooms: ['workforce'], timer: { status: 'running', durationMs: 300_000 } });
    socket.close();
    await page.context().close();
  });
});
