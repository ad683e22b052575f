import type { Locator, Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { addCard } from '../../shared/boardDoc';
import { boardDocName } from '../../shared/docNames';
import { axeViolations } from '../helpers/axe';
import { artifactPath } from '../helpers/browser';
import { e2eEnvironment } from '../helpers/e2eEnvironment';
import { joinThroughUi, openFacilitatorPanel } from '../helpers/e2eFlows';
import { focusIsVisible, tabTo } from '../helpers/keyboard';
import { connectSocket } from '../helpers/socketClient';
import { connectProvider, waitForSync } from '../helpers/yjsClient';

const env = e2eEnvironment();
const worked = 'What worked well?';
const buildOn = 'What do we need to build on?';
const laptop = { width: 1366, height: 768 };

/** Adds a card through the form, as a person does, and returns its element. */
async function addThroughForm(page: Page, prompt: string, text: string): Promise<Locator> {
  await page.getByLabel(`Add a card to “${prompt}”`).fill(text);
  await page.getByLabel(`Add a card to “${prompt}”`).press('Enter');
  return cardWithText(page, text);
}

/** The card showing `text` (a card's text is a text box's value, which text locators do not see). */
async function cardWithText(page: Page, text: string): Promise<Locator> {
  const id = await (
    await page.waitForFunction((t) => [...document.querySelectorAll('li.card')].find((li) => li.querySelector('textarea')?.value === t)?.getAttribute('data-card-id'), text)
  ).jsonValue();
  return page.locator(`li.card[data-card-id="${id}"]`);
}

/** A participant on a board they can write on (the workshop at its breakouts stage). */
async function join(name: string, roomTopic: string): Promise<Page> {
  const control = await connectSocket(env.server.url, env.event.info.id, env.event.facilitator.cookieHeader);
  await control.run('phase:set', { phase: 'breakouts' });
  control.close();
  return joinThroughUi(env.browser, env.server.url, env.event.info.joinCode, name, roomTopic);
}

function inViewport(page: Page, locator: Locator): Promise<boolean> {
  return locator.evaluate((el) => {
    const box = el.getBoundingClientRect();
    return box.top >= 0 && box.bottom <= window.innerHeight;
  });
}

/** Fails the test if anything asks through a browser dialog (confirm/alert): Undo replaced them. */
function refuseDialogs(page: Page): void {
  page.on('dialog', (dialog) => {
    void dialog.dismiss();
    throw new Error(`unexpected browser dialog: ${dialog.message()}`);
  });
}

describe('card actions on the compact board', () => {
  it('the vote-limit error shows at the card whose vote was refused, described by its vote button', async () => {
    const room = env.event.info.rooms[0]!;
    const page = await join('Vera', room.topic);
    const control = await connectSocket(env.server.url, env.event.info.id, env.event.facilitator.cookieHeader);
    const first = await addThroughForm(page, worked, 'Weekly huddles');
    const second = await addThroughForm(page, worked, 'Shared rota');
    await control.run('voting:set', { open: true, votesPerPerson: 1 });

    await first.getByRole('button', { name: /Vote for this card/ }).click();
    await first.getByText('Your votes: 1').waitFor();
    const vote = second.getByRole('button', { name: /Vote for this card/ });
    await vote.click();
    const error = second.getByRole('alert');
    await error.waitFor();
    expect(await error.textContent()).toContain('You’ve used your vote in this room — take one back to vote for this card.');
    // At the card, not at the top of the page: the only place it is said, inside the card, right under its button.
    expect(await page.getByText('take one back to vote for this card').count()).toBe(1);
    const [cardBox, errorBox, buttonBox] = await Promise.all([second.boundingBox(), error.boundingBox(), vote.boundingBox()]);
    expect(errorBox!.y).toBeGreaterThanOrEqual(cardBox!.y);
    expect(errorBox!.y + errorBox!.height).toBeLessThanOrEqual(cardBox!.y + cardBox!.height);
    expect(errorBox!.y - (buttonBox!.y + buttonBox!.height)).toBeLessThan(60);
    expect(await vote.getAttribute('aria-describedby')).toBe(await error.getAttribute('id'));
    expect(await axeViolations(page)).toEqual([]);
    await page.screenshot({ path: artifactPath('board-vote-limit-error.png') });

    // Taking the first vote back frees one: the error goes and the second card takes the vote.
    await first.getByRole('button', { name: 'Take back one vote' }).click();
    await error.waitFor({ state: 'detached' });
    await vote.click();
    await second.getByText('Your votes: 1').waitFor();
    await control.run('voting:set', { open: false });
    control.close();
    await page.context().close();
  });

  it('the card menu works by keyboard only: open, move through, close, edit and move a card', async () => {
    const room = env.event.info.rooms[0]!;
    const page = await join('Kofi', room.topic);
    const add = page.getByLabel(`Add a card to “${worked}”`);
    await tabTo(page, add);
    await page.keyboard.type('Listening sessions');
    await page.keyboard.press('Enter');
    const card = await cardWithText(page, 'Listening sessions');
    const menuButton = card.getByRole('button', { name: 'More actions for this card' });
    await tabTo(page, menuButton);
    expect(await focusIsVisible(page)).toBe(true);
    expect(await menuButton.getAttribute('aria-expanded')).toBe('false');
    const box = await menuButton.boundingBox();
    expect(Math.min(box!.width, box!.height)).toBeGreaterThanOrEqual(24);

    const focusedItem = () => page.evaluate(() => (document.activeElement?.getAttribute('role') === 'menuitem' ? document.activeElement.textContent : null));
    await page.keyboard.press('Enter');
    const menu = page.getByRole('menu', { name: 'More actions for this card' });
    await menu.waitFor();
    expect(await menuButton.getAttribute('aria-expanded')).toBe('true');
    expect(await focusedItem()).toBe('Edit');
    expect(await focusIsVisible(page)).toBe(true);
    expect(await menu.getByRole('menuitem').allTextContents()).toEqual(['Edit', `Move to “${buildOn}”`, 'Move to “How will we make it happen?”', 'Delete']);
    await page.keyboard.press('ArrowDown');
    expect(await focusedItem()).toBe(`Move to “${buildOn}”`);
    await page.keyboard.press('ArrowUp');
    await page.keyboard.press('ArrowUp');
    expect(await focusedItem()).toBe('Delete');
    await page.keyboard.press('Home');
    expect(await focusedItem()).toBe('Edit');
    expect(await axeViolations(page)).toEqual([]);
    await page.screenshot({ path: artifactPath('board-card-menu.png') });
    await page.keyboard.press('Escape');
    await menu.waitFor({ state: 'detached' });
    expect(await menuButton.evaluate((el) => el === document.activeElement)).toBe(true);

    // Space opens it too; Edit puts the caret at the end of the card's text.
    await page.keyboard.press('Space');
    await menu.waitFor();
    await page.keyboard.press('Enter');
    await menu.waitFor({ state: 'detached' });
    await page.keyboard.type(' every month');
    await page.waitForFunction(() => [...document.querySelectorAll('textarea.card-text')].some((t) => (t as HTMLTextAreaElement).value === 'Listening sessions every month'));

    // ArrowDown opens on the first item; the card moves and keeps the focus, now under the next question.
    await tabTo(page, menuButton);
    await page.keyboard.press('ArrowDown');
    await menu.waitFor();
    await page.keyboard.press('ArrowDown');
    await page.keyboard.press('Enter');
    await page.getByRole('textbox', { name: `Card by Kofi under “${buildOn}”` }).waitFor();
    expect(
      await page.evaluate(() => document.activeElement?.closest('section')?.querySelector('h2')?.textContent?.startsWith('What do we need to build on?') && document.activeElement.classList.contains('card-menu-button')),
    ).toBe(true);
    await page.context().close();
  });

  it('deleting a card happens at once with no dialog, and Undo brings it back for everyone in the room', async () => {
    const room = env.event.info.rooms[1]!;
    const amira = await join('Amira', room.topic);
    const ben = await join('Ben', room.topic);
    refuseDialogs(amira);
    await addThroughForm(amira, worked, 'Keep this one above');
    const mine = await addThroughForm(amira, worked, 'Peer mentoring');
    const id = await mine.getAttribute('data-card-id');
    const bensCopy = ben.locator(`li.card[data-card-id="${id}"]`);
    await bensCopy.waitFor();

    await mine.getByRole('button', { name: 'More actions for this card' }).click();
    await amira.getByRole('menuitem', { name: 'Delete' }).click();
    await mine.waitFor({ state: 'detached' });
    await bensCopy.waitFor({ state: 'detached' });
    await amira.getByText('Card deleted').waitFor();
    await amira.getByRole('button', { name: 'Undo', exact: true }).click();

    // The card again, with its text and writer, on both boards (under a new id: see useCardDeletes.ts).
    const back = await cardWithText(amira, 'Peer mentoring');
    const bensBack = await cardWithText(ben, 'Peer mentoring');
    expect(await bensBack.getByText('Amira').count()).toBe(1);
    // Still a card Amira may change: the server took it back as hers.
    await back.locator('textarea').press('End');
    await back.locator('textarea').pressSequentially('!');
    await expect.poll(() => bensBack.locator('textarea').inputValue()).toBe('Peer mentoring!');
    await Promise.all([amira.context().close(), ben.context().close()]);
  });

  it('the writer sees a new card scrolled into view; others hear of it and stay where they are; newest-first is a remembered choice', async () => {
    const room = env.event.info.rooms[2]!;
    const { info, facilitator, facilitatorAuthor } = env.event;
    const scribe = connectProvider(env.server.url, boardDocName(info.id, room.id), facilitator.cookieHeader);
    await waitForSync(scribe.provider);
    const question = info.questions[0]!;
    for (let i = 0; i < 16; i++) addCard(scribe.doc, { id: `many-${i}`, questionId: question.id, ...facilitatorAuthor, text: `Earlier idea ${i + 1}`, createdAt: Date.now() + i });

    const open = async (name: string) => {
      const page = await (await env.browser.newContext({ viewport: laptop })).newPage();
      await page.goto(`${env.server.url}/join/${info.joinCode}`);
      await page.getByLabel('Your name').fill(name);
      await page.getByRole('radio', { name: room.topic }).check();
      await page.getByRole('button', { name: 'Join' }).click();
      await cardWithText(page, 'Earlier idea 16');
      return page;
    };
    const control = await connectSocket(env.server.url, env.event.info.id, env.event.facilitator.cookieHeader);
    await control.run('phase:set', { phase: 'breakouts' });
    control.close();
    const writer = await open('Wen');
    const reader = await open('Rosa');
    const readerScroll = await reader.evaluate(() => window.scrollY);

    const added = await addThroughForm(writer, worked, 'A brand new idea');
    await expect.poll(() => inViewport(writer, added)).toBe(true);
    const readersCopy = await cardWithText(reader, 'A brand new idea');
    expect(await inViewport(reader, readersCopy)).toBe(false);
    expect(await reader.evaluate(() => window.scrollY)).toBe(readerScroll);
    await reader.getByText(`Wen added a card under ${worked}.`).waitFor({ state: 'attached', timeout: 15_000 });

    // Newest first: the new card leads its column, next to the form; the choice survives a reload.
    const order = writer.getByRole('button', { name: 'Newest cards first' });
    await order.click();
    expect(await order.getAttribute('aria-pressed')).toBe('true');
    const firstInColumn = () => writer.getByRole('list', { name: `Cards for “${worked}”` }).locator('li.card textarea').first().inputValue();
    expect(await firstInColumn()).toBe('A brand new idea');
    await writer.reload();
    await cardWithText(writer, 'Earlier idea 16');
    expect(await writer.getByRole('button', { name: 'Newest cards first' }).getAttribute('aria-pressed')).toBe('true');
    expect(await firstInColumn()).toBe('A brand new idea');
    const newer = await addThroughForm(writer, worked, 'Even newer');
    expect(await firstInColumn()).toBe('Even newer');
    expect(await inViewport(writer, newer)).toBe(true);
    expect(await axeViolations(writer)).toEqual([]);
    await writer.getByRole('button', { name: 'Newest cards first' }).click();
    expect(await firstInColumn()).toBe('Earlier idea 1');
    scribe.destroy();
    await Promise.all([writer.context().close(), reader.context().close()]);
  });

  it('a facilitator hides a card from the board menu and Undo shows it again; deleting someone’s card offers Undo too', async () => {
    const room = env.event.info.rooms[3]!;
    const staff = await openFacilitatorPanel(env.browser, env.event.links.facilitator);
    refuseDialogs(staff);
    const amira = await join('Aziz', room.topic);
    await addThroughForm(amira, worked, 'Say it once');
    await addThroughForm(amira, worked, 'Say it twice');
    await staff.goto(`${env.server.url}/facilitate/${env.event.info.id}/room/${room.id}`);

    const card = await cardWithText(staff, 'Say it once');
    await card.getByRole('button', { name: 'More actions for this card' }).click();
    await staff.getByRole('menuitem', { name: 'Hide from participants' }).click();
    await card.getByText('Hidden from participants').waitFor();
    await amira.locator(`li.card[data-card-id="${await card.getAttribute('data-card-id')}"]`).waitFor({ state: 'detached' });
    await staff.getByText('Card hidden from participants').waitFor();
    await staff.getByRole('button', { name: 'Undo', exact: true }).click();
    await cardWithText(amira, 'Say it once');

    // Someone else's card: gone from the facilitator's board at once; Undo keeps it on everyone's.
    const other = await cardWithText(staff, 'Say it twice');
    const otherId = await other.getAttribute('data-card-id');
    await other.getByRole('button', { name: 'More actions for this card' }).click();
    await staff.getByRole('menuitem', { name: 'Delete' }).click();
    await other.waitFor({ state: 'detached' });
    await staff.getByRole('button', { name: 'Undo', exact: true }).click();
    await other.waitFor();
    // Deleted for good once the offer is dismissed.
    await other.getByRole('button', { name: 'More actions for this card' }).click();
    await staff.getByRole('menuitem', { name: 'Delete' }).click();
    await staff.getByRole('button', { name: 'Dismiss: Card deleted' }).click();
    await amira.locator(`li.card[data-card-id="${otherId}"]`).waitFor({ state: 'detached' });
    await Promise.all([staff.context().close(), amira.context().close()]);
  });
});
