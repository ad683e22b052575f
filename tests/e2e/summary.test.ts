import fs from 'node:fs';
import JSZip from 'jszip';
import { describe, expect, it } from 'vitest';
import { e2eEnvironment } from '../helpers/e2eEnvironment';
import { artifactPath } from '../helpers/browser';
import { seedFixtureEvent } from '../helpers/seedFixture';

const env = e2eEnvironment(seedFixtureEvent);

describe('the event summary (real Chromium)', () => {
  it('a facilitator drafts from the live boards, merges two cards and exports a valid Word document', async () => {
    const context = await env.browser.newContext({ acceptDownloads: true, viewport: { width: 1400, height: 900 } });
    const page = await context.newPage();
    // The facilitator signs in through their link, then goes to the summary.
    await page.goto(env.event.links.facilitator);
    await page.getByRole('link', { name: 'Summary' }).click();
    await page.getByRole('button', { name: 'Draft from boards' }).click();
    await page.getByText(/Drafted 35 key messages, 2 suggested merges/).waitFor();

    const workforce = page.getByRole('region', { name: 'Workforce', exact: true });
    const firstQuestion = workforce.locator('.question-block').first();
    await firstQuestion.getByRole('checkbox', { name: /The dedication and hard work of the workforce/ }).check();
    await firstQuestion.getByRole('checkbox', { name: /The enforced push for the workforce to use digital/ }).check();
    await firstQuestion.getByLabel(/Wording for the merged message/).fill('Staff showed huge dedication and took to digital working');
    await firstQuestion.getByRole('button', { name: 'Merge 2 messages' }).click();

    const merged = firstQuestion.getByRole('listitem').filter({ hasText: 'From 2 cards' });
    await merged.waitFor();
    expect(await merged.getByRole('textbox').inputValue()).toBe('Staff showed huge dedication and took to digital working');
    // The preview shows the merged message with its provenance.
    await page.getByRole('article', { name: 'Preview of the exported summary' }).getByText('Staff showed huge dedication and took to digital working').waitFor();
    await page.screenshot({ path: artifactPath('summary.png'), fullPage: false });

    const downloadPromise = page.waitForEvent('download');
    await page.getByRole('link', { name: 'Download Word (.docx)' }).click();
    const download = await downloadPromise;
    const file = artifactPath('summary.docx');
    await download.saveAs(file);
    expect(download.suggestedFilename()).toMatch(/\.docx$/);
    const zip = await JSZip.loadAsync(fs.readFileSync(file));
    const xml = await zip.file('word/document.xml')!.async('string');
    expect(xml).toContain('Staff showed huge dedication and took to digital working');
    expect(xml).toContain('Key messages from groups');
    expect(zip.file('[Content_Types].xml')).not.toBeNull();
    await context.close();
  });
});
