import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { e2eEnvironment } from '../helpers/e2eEnvironment';
import { axeViolations } from '../helpers/axe';
import { artifactPath } from '../helpers/browser';
import { joinThroughUi, openFacilitatorPanel } from '../helpers/e2eFlows';
import { seedFixtureEvent } from '../helpers/seedFixture';
import { connectSocket } from '../helpers/socketClient';

const env = e2eEnvironment(seedFixtureEvent);

const checked: string[] = [];

async function expectAccessible(page: Page, state: string): Promise<void> {
  const violations = await axeViolations(page);
  checked.push(state);
  expect(violations, `${state}:\n${violations.join('\n')}`).toEqual([]);
}

describe('WCAG 2.2 A/AA on every page and state (axe-core in Chromium)', () => {
  it('the checker itself finds a planted violation (so a green run means something)', async () => {
    const page = await (await env.browser.newContext()).newPage();
    await page.goto(env.server.url);
    await page.evaluate(() => {
      const img = document.createElement('img');
      img.src = 'data:,';
      document.querySelector('main')!.append(img);
    });
    expect((await axeViolations(page)).join('\n')).toMatch(/^image-alt/m);
    await page.context().close();
  });

  it('home, create event, links, join (with its error), not found', async () => {
    const page = await (await env.browser.newContext()).newPage();
    await page.goto(env.server.url);
    await expectAccessible(page, 'home');
    await page.goto(`${env.server.url}/new`);
    await page.getByLabel('Event title').waitFor();
    await expectAccessible(page, 'create event');
    await page.getByRole('button', { name: 'Create event' }).click();
    await page.getByRole('alert').waitFor();
    await expectAccessible(page, 'create event with an error');
    await page.getByLabel('Event title').fill('Accessibility check');
    await page.getByRole('button', { name: 'Create event' }).click();
    await page.getByRole('heading', { name: 'Your event is ready' }).waitFor();
    await expectAccessible(page, 'event created: links');
    await page.goto(`${env.server.url}/join/${env.event.info.joinCode}`);
    await page.getByLabel('Your name').waitFor();
    await expectAccessible(page, 'join');
    await page.getByRole('button', { name: 'Join' }).click();
    await page.getByRole('alert').waitFor();
    await expectAccessible(page, 'join with an error');
    await page.goto(`${env.server.url}/join/ZZZZZZ`);
    await page.getByRole('alert').waitFor();
    await expectAccessible(page, 'join with an unknown code');
    await page.goto(`${env.server.url}/nowhere`);
    await expectAccessible(page, 'not found');
    await page.context().close();
  });

  it('participant board: live, voting, message, timer, help, locked, large text and high contrast', async () => {
    const facilitator = await connectSocket(env.server.url, env.event.info.id, env.event.facilitator.cookieHeader);
    const page = await joinThroughUi(env.browser, env.server.url, env.event.info.joinCode, 'Amira', 'Workforce');
    await expectAccessible(page, 'board');
    await facilitator.run('phase:set', { phase: 'voting' });
    await facilitator.run('voting:set', { open: true, votesPerPerson: 3 });
    await facilitator.run('timer:start', { seconds: 10 });
    await facilitator.run('broadcast:send', { text: 'Five minutes to go' });
    await page.getByText('Five minutes to go').waitFor();
    await page.getByText('Nearly time — start wrapping up').waitFor();
    await page.getByRole('button', { name: /Vote for this card/ }).first().click();
    await page.getByRole('button', { name: 'Ask for help' }).click();
    await page.getByRole('button', { name: 'Cancel my help request' }).waitFor();
    await expectAccessible(page, 'board: voting, message, nearly-up timer, help requested');
    await page.screenshot({ path: artifactPath('board-voting.png') });
    await facilitator.run('lock:set', { roomIds: ['workforce'], locked: true });
    await page.getByText('The facilitator has locked this board.').waitFor();
    await expectAccessible(page, 'board: locked');
    await page.getByRole('button', { name: 'Larger text' }).click();
    await page.getByRole('button', { name: 'High contrast' }).click();
    await expectAccessible(page, 'board: large text, high contrast');
    await facilitator.run('lock:set', { roomIds: ['workforce'], locked: false });
    await facilitator.run('voting:set', { open: false });
    facilitator.close();
    await page.context().close();
  });

  it('control panel, facilitator board, present view, join screen', async () => {
    const page = await openFacilitatorPanel(env.browser, env.event.links.facilitator);
    await page.getByRole('heading', { name: 'Provider market' }).waitFor();
    await expectAccessible(page, 'control panel');
    // The event details and questions forms (Settings tab) fold away; open every one so axe sees their fields.
    await page.getByRole('tab', { name: 'Settings' }).click();
    const folded = page.getByRole('tabpanel', { name: 'Settings' }).locator('details:not([open]) > summary');
    expect(await folded.count()).toBeGreaterThanOrEqual(2);
    while ((await folded.count()) > 0) await folded.first().click();
    await expectAccessible(page, 'control panel with event details and questions open');
    await page.getByRole('tab', { name: 'Live' }).click();
    await page.getByRole('button', { name: 'Show on the big screen' }).click();
    await page.getByRole('dialog', { name: 'Join instructions' }).waitFor();
    await expectAccessible(page, 'join screen for the projector');
    await page.getByRole('button', { name: 'Close', exact: true }).click();
    await page.getByRole('link', { name: 'Open board for Partnerships' }).click();
    await page.getByRole('textbox', { name: /Card by Beth/ }).waitFor();
    await expectAccessible(page, 'facilitator board (scribe and moderation)');
    await page.getByRole('button', { name: 'Present view' }).click();
    await expectAccessible(page, 'present view');
    await page.context().close();
  });

  it('summary editor (facilitator) and review and export (organiser)', async () => {
    const page = await openFacilitatorPanel(env.browser, env.event.links.facilitator);
    await page.goto(`${env.server.url}/summary/${env.event.info.id}`);
    await page.getByRole('button', { name: /Draft from boards|Re-draft from boards/ }).click();
    await page.getByText(/Drafted \d+ key messages/).waitFor();
    await expectAccessible(page, 'summary editor');
    await page.context().close();

    const organiser = await (await env.browser.newContext()).newPage();
    await organiser.goto(env.event.links.organiser);
    await organiser.getByRole('heading', { name: 'Export' }).waitFor();
    await organiser.getByRole('article', { name: 'Preview of the exported summary' }).waitFor();
    await expectAccessible(organiser, 'summary review and export (organiser)');
    await organiser.context().close();
    expect(checked.length).toBeGreaterThanOrEqual(4);
  });
});
