import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { e2eEnvironment } from '../helpers/e2eEnvironment';
import { seedFixtureEvent } from '../helpers/seedFixture';

const env = e2eEnvironment(seedFixtureEvent);

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
      const context = await env.browser.newContext({ viewport: screen.viewport, deviceScaleFactor: screen.deviceScaleFactor });
      const participant = await context.newPage();
      await participant.goto(`${env.server.url}/join/${env.event.info.joinCode}`);
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

      const staff = await (await env.browser.newContext({ viewport: screen.viewport, deviceScaleFactor: screen.deviceScaleFactor })).newPage();
      await staff.goto(env.event.links.facilitator);
      await staff.getByRole('heading', { name: 'Rooms', exact: true }).waitFor();
      expect(await horizontalOverflow(staff), 'control panel').toBeLessThanOrEqual(0);
      await staff.goto(`${env.server.url}/summary/${env.event.info.id}`);
      await staff.getByRole('heading', { name: 'Export' }).waitFor();
      expect(await horizontalOverflow(staff), 'summary').toBeLessThanOrEqual(0);
      await Promise.all([context.close(), staff.context().close()]);
    });
  }
});
