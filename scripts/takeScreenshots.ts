// Regenerates docs/screenshots/*.png from a real server seeded with the ADASS East fixture.
// Run with `npm run screenshots` (needs Chromium, like the e2e tests).
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { launchBrowser } from '../tests/helpers/browser';
import type { CreatedTestEvent } from '../tests/helpers/apiClient';
import { joinThroughUi, openFacilitatorPanel } from '../tests/helpers/e2eFlows';
import { seedFixtureEvent } from '../tests/helpers/seedFixture';
import { connectSocket } from '../tests/helpers/socketClient';
import { startTestServer } from '../tests/helpers/testServer';

const outDir = path.resolve('docs/screenshots');
fs.mkdirSync(outDir, { recursive: true });
const viewport = { width: 1280, height: 800 };

// A made-up organisation's logo, uploaded as SVG like an organiser would (the server rasterises it).
const logoSvg = `<svg xmlns="http://www.w3.org/2000/svg" width="360" height="96" viewBox="0 0 360 96">
  <circle cx="48" cy="48" r="40" fill="#1f5f8b"/><circle cx="48" cy="48" r="18" fill="#f4b942"/>
  <text x="104" y="58" font-family="Noto Sans" font-size="30" font-weight="700" fill="#1f5f8b">Eastern Region</text>
</svg>`;

/** The PDF export's title page (with the logo) and contents page, as a reader sees them (poppler's pdftoppm). */
async function exportedPdfPages(organiser: CreatedTestEvent['organiser'], eventId: string): Promise<void> {
  const upload = await organiser.request('PUT', `/api/events/${eventId}/logo`, logoSvg, { 'content-type': 'image/svg+xml' });
  if (!upload.ok) throw new Error(`logo upload failed: ${upload.status} ${await upload.text()}`);
  const pdf = Buffer.from(await (await organiser.request('GET', `/api/events/${eventId}/export/pdf`)).arrayBuffer());
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'roundtable-pdf-'));
  fs.writeFileSync(path.join(dir, 'summary.pdf'), pdf);
  for (const [page, name] of [['1', 'export-pdf-title'], ['2', 'export-pdf-contents']] as const) {
    execFileSync('pdftoppm', ['-png', '-r', '60', '-f', page, '-l', page, '-singlefile', path.join(dir, 'summary.pdf'), path.join(outDir, name)]);
    console.log(`docs/screenshots/${name}.png`);
  }
  fs.rmSync(dir, { recursive: true, force: true });
}

const server = await startTestServer();
const browser = await launchBrowser();
try {
  const event = await seedFixtureEvent(server.url);
  const shot = async (page: import('playwright-core').Page, name: string, fullPage = false) => {
    await page.screenshot({ path: path.join(outDir, `${name}.png`), fullPage });
    console.log(`docs/screenshots/${name}.png`);
  };

  const visitor = await (await browser.newContext({ viewport })).newPage();
  await visitor.goto(server.url);
  await shot(visitor, 'home');
  await visitor.goto(`${server.url}/join/${event.info.joinCode}`);
  await visitor.getByLabel('Your name').fill('Amira');
  await shot(visitor, 'join');

  const facilitator = await connectSocket(server.url, event.info.id, event.facilitator.cookieHeader);
  await facilitator.run('phase:set', { phase: 'voting' });
  await facilitator.run('voting:set', { open: true, votesPerPerson: 3 });
  await facilitator.run('timer:start', { seconds: 900 });
  await facilitator.run('broadcast:send', { text: 'Voting is open: pick the three cards that matter most to you.' });
  const board = await joinThroughUi(browser, server.url, event.info.joinCode, 'Amira', 'Workforce');
  // The board as a participant's laptop shows it.
  await board.setViewportSize({ width: 1366, height: 768 });
  await board.getByRole('button', { name: /Vote for this card/ }).first().click();
  await shot(board, 'board');
  await board.getByRole('button', { name: 'High contrast' }).click();
  await board.getByRole('button', { name: 'Larger text' }).click();
  await shot(board, 'board-large-text-high-contrast');
  await board.getByRole('button', { name: 'Ask for help' }).click();

  const panel = await openFacilitatorPanel(browser, event.links.facilitator);
  await panel.setViewportSize(viewport);
  await panel.getByText('Someone is asking for help').waitFor();
  await shot(panel, 'control-panel', true);
  const invite = panel.getByRole('region', { name: 'Invite' });
  await invite.scrollIntoViewIfNeeded();
  await invite.screenshot({ path: path.join(outDir, 'invite-panel.png') });
  console.log('docs/screenshots/invite-panel.png');
  await panel.getByRole('button', { name: 'Show on the big screen' }).click();
  await shot(panel, 'join-screen');
  await panel.getByRole('button', { name: 'Close', exact: true }).click();
  await panel.goto(`${server.url}/facilitate/${event.info.id}/room/provider-market?present`);
  await panel.getByRole('textbox', { name: /Card by Amira/ }).first().waitFor();
  await shot(panel, 'present-view');
  await panel.goto(`${server.url}/summary/${event.info.id}`);
  await panel.getByRole('button', { name: 'Draft from boards' }).click();
  await panel.getByText(/Drafted \d+ key messages/).waitFor();
  await shot(panel, 'summary-editor');

  const organiser = await (await browser.newContext({ viewport })).newPage();
  await organiser.goto(event.links.organiser);
  await organiser.getByRole('article', { name: 'Preview of the exported summary' }).waitFor();
  await shot(organiser, 'summary-export');
  await exportedPdfPages(event.organiser, event.info.id);

  await board.getByRole('button', { name: 'High contrast' }).click();
  await board.getByRole('button', { name: 'Larger text' }).click();
  await facilitator.run('phase:set', { phase: 'closed' });
  await board.getByRole('heading', { name: 'Thank you for taking part' }).waitFor();
  await shot(board, 'closing-screen');
  facilitator.close();
} finally {
  await browser.close();
  await server.close();
}
