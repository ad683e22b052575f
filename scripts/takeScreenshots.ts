// Regenerates docs/screenshots/*.png from a real server seeded with the ADASS East fixture.
// Run with `npm run screenshots` (needs Chromium, like the e2e tests).
import fs from 'node:fs';
import path from 'node:path';
import { launchBrowser } from '../tests/helpers/browser';
import { joinThroughUi, openFacilitatorPanel } from '../tests/helpers/e2eFlows';
import { seedFixtureEvent } from '../tests/helpers/seedFixture';
import { connectSocket } from '../tests/helpers/socketClient';
import { startTestServer } from '../tests/helpers/testServer';

const outDir = path.resolve('docs/screenshots');
fs.mkdirSync(outDir, { recursive: true });
const viewport = { width: 1280, height: 800 };

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
  await board.setViewportSize(viewport);
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
  facilitator.close();
} finally {
  await browser.close();
  await server.close();
}
