import type { Browser, Page } from 'playwright-core';

/** A participant joins through the real UI: home page, code, name, room. */
export async function joinThroughUi(browser: Browser, baseUrl: string, joinCode: string, name: string, roomTopic: string): Promise<Page> {
  const context = await browser.newContext();
  const page = await context.newPage();
  await page.goto(baseUrl);
  await page.getByLabel('Join code').fill(joinCode.toLowerCase());
  await page.getByRole('button', { name: 'Continue' }).click();
  await page.getByLabel('Your name').fill(name);
  await page.getByRole('radio', { name: roomTopic }).check();
  await page.getByRole('button', { name: 'Join' }).click();
  await page.getByRole('heading', { level: 1, name: roomTopic }).waitFor();
  await page.getByText('Connected — changes are shared live').waitFor();
  return page;
}

/** A facilitator opens their secret link (the key is exchanged for a cookie). */
export async function openFacilitatorPanel(browser: Browser, facilitatorLink: string): Promise<Page> {
  const page = await (await browser.newContext()).newPage();
  await page.goto(facilitatorLink);
  await page.getByRole('heading', { name: 'Rooms', exact: true }).waitFor();
  return page;
}
