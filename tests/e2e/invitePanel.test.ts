import fs from 'node:fs';
import type { BrowserContext, Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { axeViolations } from '../helpers/axe';
import { artifactPath } from '../helpers/browser';
import { e2eEnvironment } from '../helpers/e2eEnvironment';
import { tabTo } from '../helpers/keyboard';

// Issue 15, problem 8: links are not lost. The facilitator gets them again from the Invite panel, adds a
// co-facilitator and stops their link; everything here is done with the keyboard only.

const env = e2eEnvironment();

async function contextWithClipboard(): Promise<BrowserContext> {
  const context = await env.browser.newContext({ viewport: { width: 1366, height: 768 }, acceptDownloads: true });
  await context.grantPermissions(['clipboard-read', 'clipboard-write'], { origin: env.server.url });
  return context;
}

const invite = (page: Page) => page.getByRole('region', { name: 'Invite' });
const copyButtonOf = (page: Page, label: string) => invite(page).locator('.copy-field', { has: page.getByLabel(label, { exact: true }) }).getByRole('button');
const clipboard = (page: Page) => page.evaluate(() => navigator.clipboard.readText());

async function press(page: Page, target: ReturnType<Page['locator']>, key = 'Enter'): Promise<void> {
  await tabTo(page, target, { maxPresses: 200 });
  await page.keyboard.press(key);
}

describe('the Invite panel (real Chromium, keyboard only)', () => {
  it('copies the participant and co-facilitator links, lets a co-facilitator in, stops their link, and still knows the links after a reload', async () => {
    const context = await contextWithClipboard();
    const page = await context.newPage();
    await page.goto(env.event.links.facilitator);
    await page.getByRole('heading', { name: 'Rooms', exact: true }).waitFor();
    expect(new URL(page.url()).hash).toBe('');
    const panel = invite(page);
    await panel.getByRole('heading', { name: 'Facilitator link' }).waitFor();

    await press(page, copyButtonOf(page, 'Participant link'));
    await copyButtonOf(page, 'Participant link').getByText('Copied').waitFor();
    expect(await clipboard(page)).toBe(`${env.server.url}/join/${env.event.info.joinCode}`);

    await tabTo(page, panel.getByLabel('Co-facilitator’s name'), { maxPresses: 200 });
    await page.keyboard.type('Sam');
    await page.keyboard.press('Enter');
    await panel.getByRole('status').getByText('Co-facilitator link for Sam is ready to copy.').waitFor();
    await press(page, copyButtonOf(page, 'Co-facilitator: Sam'));
    await copyButtonOf(page, 'Co-facilitator: Sam').getByText('Copied').waitFor();
    const samLink = await clipboard(page);
    expect(samLink).toMatch(new RegExp(`^${env.server.url}/facilitate/${env.event.info.id}#key=`));
    expect(await axeViolations(page), 'invite panel with a co-facilitator').toEqual([]);
    await panel.screenshot({ path: artifactPath('invite-panel.png') });

    // The text file and the e-mail carry the links this browser knows.
    const download = page.waitForEvent('download');
    await press(page, panel.getByRole('button', { name: 'Download as a text file' }));
    const file = fs.readFileSync((await (await download).path())!, 'utf8');
    expect(file).toContain(`Join at ${env.server.url}/join/${env.event.info.joinCode}`);
    expect(file).toContain(`Co-facilitator: Sam\nFor facilitators: opens the control panel.\n${samLink}`);
    const mailto = await panel.getByRole('link', { name: 'Send by e-mail' }).getAttribute('href');
    expect(decodeURIComponent(mailto!)).toContain(`subject=Roundtable links: ${env.event.info.title}&body=Roundtable: ${env.event.info.title}`);

    // Sam opens the link in another browser and lands in the control panel.
    const sam = await (await env.browser.newContext()).newPage();
    await sam.goto(samLink);
    await sam.getByRole('heading', { name: 'Rooms', exact: true }).waitFor();
    await invite(sam).getByText('You are using this link').waitFor();

    // Stopping is deliberate: a confirm step inside the panel, then Sam is told.
    await press(page, panel.getByRole('button', { name: 'Stop this link: Co-facilitator: Sam' }));
    await panel.getByText('Stop Co-facilitator: Sam? It stops working at once and anyone using it is signed out.').waitFor();
    expect(await axeViolations(page), 'confirm step').toEqual([]);
    await press(page, panel.getByRole('button', { name: 'Yes, stop this link' }));
    await panel.getByRole('status').getByText('Co-facilitator: Sam was stopped. Anyone using it has been signed out.').waitFor();
    await sam.getByText('This link was replaced by the organiser; ask them for the new one.').waitFor({ timeout: 15_000 });
    expect(await axeViolations(sam), 'the stopped co-facilitator’s page').toEqual([]);
    await sam.reload();
    await sam.getByText('This link was replaced by the organiser; ask them for the new one.').waitFor();

    // The key left the address bar long ago; after a reload the panel still has the link, from this browser.
    await page.reload();
    await panel.getByLabel('Facilitator link', { exact: true }).waitFor();
    expect(await panel.getByLabel('Facilitator link', { exact: true }).inputValue()).toBe(env.event.links.facilitator);
    expect(await panel.getByRole('heading', { name: 'Co-facilitator: Sam' }).count()).toBe(0);
    await context.close();
    await sam.context().close();
  });

  it('a browser that does not know a link offers "Make a new link"; the old link stops working', async () => {
    const context = await contextWithClipboard();
    const page = await context.newPage();
    await page.goto(env.event.links.organiser);
    const panel = invite(page);
    await panel.getByRole('heading', { name: 'Facilitator link' }).waitFor();
    // This browser opened only the organiser link.
    expect(await panel.getByLabel('Organiser link', { exact: true }).inputValue()).toBe(env.event.links.organiser);
    await panel.getByText('This browser does not have this link.').first().waitFor();
    expect(await axeViolations(page), 'organiser’s invite panel').toEqual([]);

    await press(page, panel.getByRole('button', { name: 'Make a new link: Facilitator link' }));
    await press(page, panel.getByRole('button', { name: 'Yes, make a new link' }));
    await panel.getByRole('status').getByText('Facilitator link: a new link is ready to copy. The old one no longer works.').waitFor();
    const renewed = await panel.getByLabel('Facilitator link', { exact: true }).inputValue();
    expect(renewed).not.toBe(env.event.links.facilitator);

    const stale = await (await env.browser.newContext()).newPage();
    await stale.goto(env.event.links.facilitator);
    await stale.getByText('That link is not valid for this event. It may have been replaced: ask the organiser for the new one.').waitFor();
    // Pasting the new link into the same tab changes only the address's #key: it is exchanged too.
    await stale.goto(renewed);
    await stale.getByRole('heading', { name: 'Rooms', exact: true }).waitFor();
    expect(new URL(stale.url()).hash).toBe('');
    await context.close();
    await stale.context().close();
  });
});
