import { describe, expect, it } from 'vitest';
import { loadFixture } from '../helpers/fixtureBoards';
import { axeViolations } from '../helpers/axe';
import { artifactPath } from '../helpers/browser';
import { e2eEnvironment } from '../helpers/e2eEnvironment';
import { seedFixtureEvent } from '../helpers/seedFixture';
import { connectSocket } from '../helpers/socketClient';

// Issue 15, problem 9: the organiser's page has a structure: the event at a glance, the summary's state,
// the preview, and the exports with the recommended formats first.

const env = e2eEnvironment(seedFixtureEvent);

describe('the organiser view (real Chromium)', () => {
  it('at a glance, the summary’s state (not drafted, then drafted), preview, recommended exports first, names switch and logo', async () => {
    const fixture = loadFixture();
    const page = await (await env.browser.newContext({ viewport: { width: 1366, height: 768 } })).newPage();
    await page.goto(env.event.links.organiser);
    await page.getByRole('heading', { name: 'Export' }).waitFor();

    const glance = page.getByRole('region', { name: 'At a glance' });
    const figures = async () => Object.fromEntries(await glance.locator('dl > div').evaluateAll((els) => els.map((el) => [el.querySelector('dt')!.textContent, el.querySelector('dd')!.textContent])));
    const cards = fixture.rooms.reduce((sum, r) => sum + r.cards.length, 0);
    await expect.poll(figures, { timeout: 10_000 }).toMatchObject({ Rooms: String(fixture.rooms.length), Cards: String(cards) });
    expect(Number((await figures()).People)).toBeGreaterThan(0);
    expect((await figures()).Date).toMatch(/\d{4}$/);

    const state = page.getByRole('region', { name: 'The summary' });
    await state.getByText('Not drafted yet.').waitFor();
    await page.getByRole('region', { name: 'Preview' }).getByText('Nothing to preview until the facilitators draft the summary.').waitFor();
    expect(await axeViolations(page)).toEqual([]);

    // The exports: PDF and Word first, each with what it is for; the data formats after them.
    const exportPanel = page.getByRole('region', { name: 'Export' });
    const links = await exportPanel.getByRole('link').allTextContents();
    expect(links.slice(0, 2)).toEqual(['Download PDF', 'Download Word (.docx)']);
    expect(links.slice(2)).toEqual(['Download Markdown', 'Download Printable web page', 'Download All cards (CSV)', 'Download All data (JSON)']);
    expect(await exportPanel.getByRole('link', { name: 'Download PDF' }).getAttribute('aria-describedby')).toBeTruthy();
    await exportPanel.getByRole('heading', { name: 'Data and other formats' }).waitFor();
    // The names switch still changes what the links fetch.
    await exportPanel.getByLabel('Include names of card writers').check();
    await exportPanel.getByText('Downloads include the names of card writers.').waitFor();
    expect(await exportPanel.getByRole('link', { name: 'Download PDF' }).getAttribute('href')).toMatch(/\?names=include$/);
    await page.getByRole('region', { name: 'Logo' }).waitFor();

    // The facilitators draft: the organiser's page follows live.
    const facilitator = await connectSocket(env.server.url, env.event.info.id, env.event.facilitator.cookieHeader);
    expect((await facilitator.run('summary:draft')).ok).toBe(true);
    facilitator.close();
    await state.getByText(/Drafted by the facilitators/).waitFor();
    await state.getByText(/\d+ key messages/).waitFor();
    await page.getByRole('article', { name: 'Preview of the exported summary' }).waitFor();
    expect(await axeViolations(page)).toEqual([]);
    await page.screenshot({ path: artifactPath('organiser-view.png') });
    await page.context().close();
  });
});
