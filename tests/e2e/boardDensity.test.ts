import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { addCard, readCards } from '../../shared/boardDoc';
import { boardDocName } from '../../shared/docNames';
import { artifactPath } from '../helpers/browser';
import { e2eEnvironment } from '../helpers/e2eEnvironment';
import { connectSocket } from '../helpers/socketClient';
import { connectProvider, waitFor, waitForSync } from '../helpers/yjsClient';

const env = e2eEnvironment();
const cardsPerQuestion = 10;

/** Cards per question column whose whole box is on screen, as the person sees the page on load. */
async function cardsFullyInView(page: Page): Promise<number[]> {
  return page.evaluate(() =>
    [...document.querySelectorAll('section.column')].map(
      (column) =>
        [...column.querySelectorAll('li.card')].filter((card) => {
          const box = card.getBoundingClientRect();
          return box.top >= 0 && box.left >= 0 && box.bottom <= window.innerHeight && box.right <= window.innerWidth;
        }).length,
    ),
  );
}

describe('a compact board on a 1366×768 laptop', () => {
  it('shows at least six one-line cards per question column on load, with the stage, timer and a message showing', async () => {
    const { info, facilitator, facilitatorAuthor } = env.event;
    const room = info.rooms[0]!;
    // One-line cards in each of the three questions, written by the facilitator as scribe.
    const scribe = connectProvider(env.server.url, boardDocName(info.id, room.id), facilitator.cookieHeader);
    await waitForSync(scribe.provider);
    info.questions.forEach((question, q) => {
      for (let i = 0; i < cardsPerQuestion; i++) {
        addCard(scribe.doc, { id: `c-${q}-${i}`, questionId: question.id, ...facilitatorAuthor, text: `Short idea ${i + 1}`, createdAt: Date.now() + i });
      }
    });
    const control = await connectSocket(env.server.url, info.id, facilitator.cookieHeader);
    await control.run('phase:set', { phase: 'breakouts' });
    await control.run('timer:start', { roomId: null, seconds: 600 });
    await control.run('broadcast:send', { roomId: null, text: 'Ten minutes left: pick your top three ideas.' });
    const check = connectProvider(env.server.url, boardDocName(info.id, room.id), facilitator.cookieHeader);
    await waitFor(() => readCards(check.doc).length === cardsPerQuestion * info.questions.length, 10_000, 'seeded cards');
    check.destroy();
    scribe.destroy();

    const page = await (await env.browser.newContext({ viewport: { width: 1366, height: 768 } })).newPage();
    await page.goto(`${env.server.url}/join/${info.joinCode}`);
    await page.getByLabel('Your name').fill('Sam');
    await page.getByRole('radio', { name: room.topic }).check();
    await page.getByRole('button', { name: 'Join' }).click();
    await page.waitForFunction((total) => document.querySelectorAll('li.card').length === total, cardsPerQuestion * info.questions.length);
    await page.getByText('Ten minutes left: pick your top three ideas.').waitFor();
    await page.getByRole('timer').first().waitFor();
    await page.evaluate(() => window.scrollTo(0, 0));

    const inView = await cardsFullyInView(page);
    await page.screenshot({ path: artifactPath('board-density-1366x768.png') });
    console.log(`one-line cards fully in view per column at 1366×768: ${inView.join(', ')}`);
    expect(inView).toHaveLength(3);
    for (const count of inView) expect(count).toBeGreaterThanOrEqual(6);
    await page.getByRole('button', { name: 'More actions for this card' }).first().click();
    await page.screenshot({ path: artifactPath('board-density-menu-open.png') });
    await page.keyboard.press('Escape');

    // The same laptop at 200 % zoom (683×384 CSS pixels): one column, nothing wider than the screen.
    const zoomed = await (await env.browser.newContext({ viewport: { width: 683, height: 384 }, deviceScaleFactor: 2 })).newPage();
    await zoomed.goto(`${env.server.url}/join/${info.joinCode}`);
    await zoomed.getByLabel('Your name').fill('Zee');
    await zoomed.getByRole('radio', { name: room.topic }).check();
    await zoomed.getByRole('button', { name: 'Join' }).click();
    await zoomed.waitForFunction((total) => document.querySelectorAll('li.card').length === total, cardsPerQuestion * info.questions.length);
    expect(await zoomed.evaluate(() => document.documentElement.scrollWidth - window.innerWidth)).toBeLessThanOrEqual(0);
    await zoomed.getByRole('list', { name: /Cards for/ }).first().scrollIntoViewIfNeeded();
    await zoomed.screenshot({ path: artifactPath('board-density-200-percent.png') });
    control.close();
    await Promise.all([page.context().close(), zoomed.context().close()]);
  });
});
