import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RunningServer } from '../../server/app';
import type { CreatedTestEvent } from '../helpers/apiClient';
import { launchBrowser } from '../helpers/browser';
import { seedFixtureEvent } from '../helpers/seedFixture';
import { startTestServer } from '../helpers/testServer';

let server: RunningServer;
let browser: Browser;
let event: CreatedTestEvent;

beforeAll(async () => {
  server = await startTestServer();
  browser = await launchBrowser();
  event = await seedFixtureEvent(server.url);
});

afterAll(async () => {
  await browser?.close();
  await server?.close();
});

const screens = [
  { name: 'laptop 1280×720', viewport: { width: 1280, height: 720 }, deviceScaleFactor: 1 },
  // Browser zoom at 200% on a 1280×720 laptop leaves 640×360 CSS pixels.
  { name: 'laptop at 200% zoom', viewport: { width: 640, height: 360 }, deviceScaleFactor: 2 },
  { name: 'tablet portrait', viewport: { width: 768, height: 1024 }, deviceScaleFactor: 2 },
];

async function horizontalOverflow(page: Page): Promise<number> {
  return page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
}

describe('fits laptop, zoomed and tablet screens without sideways scrolling', () => {
  for (const screen of screens) {
    it(screen.name, async () => {
      const context = await browser.newContext({ viewport: screen.viewport, deviceScaleFactor: screen.deviceScaleFactor });
      const participant = await context.newPage();
      await participant.goto(`${server.url}/join/${event.info.joinCode}`);
      expect(await horizontalOverflow(participant), 'join page').toBeLessThanOrEqual(0);
      await participant.getByLabel('Your name').fill('Sam');
      await participant.getByRole('radio', { name: 'Workforce' }).check();
      await participant.getByRole('button', { name: 'Join' }).click();
      await participant.getByRole('textbox', { name: /Card by Sam/ }).first().waitFor();
      expect(await horizontalOverflow(participant), 'board').toBeLessThanOrEqual(0);
      // Every column's "add" button can be reached on this screen.
      for (const button of await participant.getByRole('button', { name: 'Add card' }).all()) {
        await button.scrollIntoViewIfNeeded();
        expect(await button.isVisible()).toBe(true);
      }

      const staff = await (await browser.newContext({ viewport: screen.viewport, deviceScaleFactor: screen.deviceScaleFactor })).newPage();
      await staff.goto(event.links.facilitator);
      await staff.getByRole('heading', { name: 'Rooms', exact: true }).waitFor();
      expect(await horizontalOverflow(staff), 'control panel').toBeLessThanOrEqual(0);
      await staff.goto(`${server.url}/summary/${event.info.id}`);
      await staff.getByRole('heading', { name: 'Export' }).waitFor();
      expect(await horizontalOverflow(staff), 'summary').toBeLessThanOrEqual(0);
      await Promise.all([context.close(), staff.context().close()]);
    });
  }
});
