import { readFileSync } from 'node:fs';
import { JSDOM } from 'jsdom';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { toDocx } from '../../server/export/toDocx';
import { convertWithLibreOffice, libreOfficeTimeoutMs, pdftotext, requirePrograms, scratchFolder } from '../helpers/officeTools';
import { multilingualDocument, multilingualHeadings, scripts } from '../helpers/multilingualDocument';
import { has } from '../helpers/externalNeeds';

// The Word export as a reader gets it: LibreOffice opens the .docx and prints it to PDF (the text in
// every script survives, the contents field shows its entries, the footer numbers the pages) and
// saves it as HTML (headings are still headings, the logo keeps its alternative text).

const document = multilingualDocument();
const timeout = libreOfficeTimeoutMs + 30_000;
const scratch = scratchFolder('roundtable-docx-');
let docx: { name: string; bytes: Buffer };

beforeAll(async () => {
  requirePrograms('soffice', 'pdftotext');
  docx = { name: 'summary.docx', bytes: await toDocx(document) };
});
afterAll(() => scratch.cleanup());

const occurrences = (text: string, part: string) => text.split(part).length - 1;
const texts = (dom: Document, selector: string) => [...dom.querySelectorAll(selector)].map((el) => el.textContent?.replace(/\s+/g, ' ').trim());

describe.runIf(has('the Word export checks through LibreOffice', 'libreoffice', 'poppler'))('Word export opened in LibreOffice', () => {
  it('prints every script, the contents entries and the page furniture to PDF', { timeout }, async () => {
    const text = await pdftotext(await convertWithLibreOffice(docx, 'pdf', scratch.dir));
    for (const sample of Object.values(scripts)) expect(text).toContain(sample);
    // Each heading shows twice: as an entry of the contents field, and in the body.
    expect(text).toContain('Contents');
    for (const heading of [...Object.values(multilingualHeadings), 'Next steps']) expect(occurrences(text, heading)).toBeGreaterThanOrEqual(2);
    expect(text).toContain(`“${scripts.welsh}” (card 1, ${multilingualHeadings.room}, ${multilingualHeadings.question})`);
    expect(occurrences(text, document.provenance)).toBe(2);
    expect(text).toContain('Page 2 of 2');
  });

  it('keeps headings as headings, right-to-left ones marked, and the logo with its alternative text', { timeout }, async () => {
    const html = new JSDOM(readFileSync(await convertWithLibreOffice(docx, 'html', scratch.dir), 'utf8')).window.document;
    expect(html.title).toBe(document.title);
    expect(texts(html, 'h1')).toEqual([multilingualHeadings.section, 'Next steps']);
    expect(texts(html, 'h2')).toEqual([multilingualHeadings.room, multilingualHeadings.arabicRoom, multilingualHeadings.hebrewRoom]);
    expect(texts(html, 'h3')).toEqual([multilingualHeadings.question]);
    expect(texts(html, 'h2[dir="rtl"]')).toEqual([multilingualHeadings.arabicRoom, multilingualHeadings.hebrewRoom]);
    expect([...html.querySelectorAll('img')].map((img) => img.getAttribute('alt'))).toEqual([document.logo?.alt]);
  });
});
