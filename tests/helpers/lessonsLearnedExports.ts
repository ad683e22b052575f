import JSZip from 'jszip';
import { JSDOM } from 'jsdom';
import { pdfPageTexts } from './pdfText';

// Reads the four summary exports (Markdown, HTML, Word, PDF) back into one simple outline, so a test can
// say "this question is a heading, followed by a table of rooms and messages" the same way for each.
// Heading levels follow the document model: 0 is the title, 1 a section, 2 a question or room.

export type OutlineItem =
  | { kind: 'heading'; level: number; text: string }
  | { kind: 'table'; rows: string[][] }
  | { kind: 'text'; text: string };

const squash = (text: string): string => text.replace(/\s+/g, ' ').trim();

/** Markdown: `#` is the title, `##` a section, `###` a question; tables are `| a | b |` lines. */
export function markdownOutline(md: string): OutlineItem[] {
  const unescape = (text: string) => text.replace(/\\(.)/g, '$1');
  const items: OutlineItem[] = [];
  let table: string[][] | null = null;
  for (const line of md.split('\n')) {
    const row = /^\|(.*)\|\s*$/.exec(line);
    if (row) {
      if (/^\|(\s*---\s*\|)+\s*$/.test(line)) continue;
      // Split on pipes not escaped by a backslash.
      const cells = row[1]!.split(/(?<!\\)\|/).map((c) => squash(unescape(c)));
      if (!table) items.push({ kind: 'table', rows: (table = []) });
      table.push(cells);
      continue;
    }
    table = null;
    const heading = /^(#+) (.*)$/.exec(line);
    if (heading) items.push({ kind: 'heading', level: heading[1]!.length - 1, text: squash(unescape(heading[2]!)) });
    else if (line.trim()) items.push({ kind: 'text', text: squash(unescape(line.replace(/^\s*(?:[-*]|\d+\.)\s+/, '').replace(/^_(.*)_$/, '$1'))) });
  }
  return items;
}

/** HTML: h1 is the title, h2 a section, h3 a question; tables with a header row. */
export function htmlOutline(html: string): OutlineItem[] {
  const doc = new JSDOM(html).window.document;
  const items: OutlineItem[] = [];
  for (const el of doc.body.querySelectorAll('h1, h2, h3, h4, table, p, li')) {
    if (el.closest('table') && el.tagName !== 'TABLE') continue;
    const tag = el.tagName.toLowerCase();
    if (/^h\d$/.test(tag)) items.push({ kind: 'heading', level: Number(tag[1]) - 1, text: squash(el.textContent ?? '') });
    else if (tag === 'table') items.push({ kind: 'table', rows: [...el.querySelectorAll('tr')].map((tr) => [...tr.querySelectorAll('th, td')].map((c) => squash(c.textContent ?? ''))) });
    else items.push({ kind: 'text', text: squash(el.textContent ?? '') });
  }
  return items;
}

const w = 'http://schemas.openxmlformats.org/wordprocessingml/2006/main';

/** Word: paragraphs styled Title / Heading1-3 are headings; w:tbl are tables (first row is the header). */
export async function docxOutline(buffer: Buffer): Promise<OutlineItem[]> {
  const xml = (await (await JSZip.loadAsync(buffer)).file('word/document.xml')?.async('string')) ?? '';
  const doc = new JSDOM(xml, { contentType: 'application/xml' }).window.document;
  const body = doc.getElementsByTagNameNS(w, 'body')[0];
  if (!body) throw new Error('word/document.xml has no body');
  const paragraphText = (p: Element) => squash([...p.getElementsByTagNameNS(w, 't')].map((t) => t.textContent ?? '').join(''));
  const items: OutlineItem[] = [];
  for (const el of [...body.children]) {
    if (el.localName === 'p') {
      const style = el.getElementsByTagNameNS(w, 'pStyle')[0]?.getAttributeNS(w, 'val') ?? el.getElementsByTagNameNS(w, 'pStyle')[0]?.getAttribute('w:val') ?? '';
      const text = paragraphText(el);
      const heading = /^Heading(\d)$/.exec(style);
      if (style === 'Title') items.push({ kind: 'heading', level: 0, text });
      else if (heading) items.push({ kind: 'heading', level: Number(heading[1]), text });
      else if (text) items.push({ kind: 'text', text });
    } else if (el.localName === 'tbl') {
      const rows = [...el.getElementsByTagNameNS(w, 'tr')].map((tr) =>
        [...tr.getElementsByTagNameNS(w, 'tc')].map((tc) => squash([...tc.getElementsByTagNameNS(w, 'p')].map(paragraphText).join(' '))),
      );
      items.push({ kind: 'table', rows });
    }
  }
  return items;
}

/** All the text of a Word document (for "no trace of" checks). */
export async function docxText(buffer: Buffer): Promise<string> {
  return (await docxOutline(buffer)).map((i) => (i.kind === 'table' ? i.rows.flat().join(' ') : i.text)).join('\n');
}

/** The PDF's text, whitespace collapsed, pages joined. */
export async function pdfText(buffer: Buffer): Promise<string> {
  return squash((await pdfPageTexts(buffer)).join(' '));
}

export function outlineText(outline: readonly OutlineItem[]): string {
  return outline.map((i) => (i.kind === 'table' ? i.rows.flat().join(' ') : i.text)).join('\n');
}

/** The items after the heading `text` of `level` up to the next heading of that level or higher. */
export function outlineSection(outline: readonly OutlineItem[], text: string, level: number): OutlineItem[] {
  const start = outline.findIndex((i) => i.kind === 'heading' && i.level === level && i.text === text);
  if (start < 0) throw new Error(`No level-${level} heading "${text}" in ${JSON.stringify(outline.filter((i) => i.kind === 'heading'))}`);
  const end = outline.findIndex((i, n) => n > start && i.kind === 'heading' && i.level <= level);
  return outline.slice(start + 1, end < 0 ? undefined : end);
}

export const headingsOf = (outline: readonly OutlineItem[], level: number): string[] =>
  outline.flatMap((i) => (i.kind === 'heading' && i.level === level ? [i.text] : []));
