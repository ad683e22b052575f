import type { DocBlock } from '../../shared/summary/docBlocks';
import { oneLine } from './plainText';

// What the summary exporters share around the blocks: where the title block ends (the contents go
// there) and heading anchors for the contents links of HTML and Markdown.

/** The title block is everything before the first heading: title, date, organiser. */
export function splitTitleBlock(blocks: readonly DocBlock[]): { titleBlock: DocBlock[]; body: DocBlock[] } {
  const first = blocks.findIndex((b) => b.kind === 'heading');
  const end = first < 0 ? blocks.length : first;
  return { titleBlock: blocks.slice(0, end), body: blocks.slice(end) };
}

/** The anchor GitHub gives a heading's text: lower case, punctuation dropped, spaces as hyphens. */
export function headingSlug(text: string): string {
  return oneLine(text)
    .trim()
    .toLowerCase()
    .replace(/[^\p{L}\p{M}\p{N}\p{Pc} -]/gu, '')
    .replace(/ /g, '-');
}

/** Unique anchors in document order, as GitHub numbers repeats ("x", "x-1", "x-2"); text without letters gets "section". */
export class HeadingAnchors {
  private readonly used = new Map<string, number>();

  next(text: string): string {
    const base = headingSlug(text) || 'section';
    let anchor = base;
    // github-slugger's loop: count repeats of the base until the numbered anchor is free.
    while (this.used.has(anchor)) {
      const repeat = (this.used.get(base) ?? 0) + 1;
      this.used.set(base, repeat);
      anchor = `${base}-${repeat}`;
    }
    this.used.set(anchor, 0);
    return anchor;
  }
}

export interface ContentsEntry {
  level: 1 | 2 | 3;
  text: string;
  anchor: string;
}

export const contentsHeading = 'Contents';

/**
 * Anchors for every heading of a document laid out as title block, "Contents" heading, body — the
 * order GitHub numbers repeated headings in — and the contents entries down to `maxLevel`.
 */
export function anchoredContents(blocks: readonly DocBlock[], maxLevel: 1 | 2 | 3): { anchorOf: Map<DocBlock, string>; entries: ContentsEntry[] } {
  const { titleBlock, body } = splitTitleBlock(blocks);
  const anchors = new HeadingAnchors();
  const anchorOf = new Map<DocBlock, string>();
  for (const block of titleBlock) if (block.kind === 'title') anchorOf.set(block, anchors.next(block.text));
  anchors.next(contentsHeading);
  const entries: ContentsEntry[] = [];
  for (const block of body) {
    if (block.kind !== 'heading') continue;
    const anchor = anchors.next(block.text);
    anchorOf.set(block, anchor);
    if (block.level <= maxLevel) entries.push({ level: block.level, text: block.text, anchor });
  }
  return { anchorOf, entries };
}

/** A logo's size scaled down (never up) to fit a box, keeping its aspect ratio; units are the box's. */
export function fitLogo(logo: { width: number; height: number }, box: { maxWidth: number; maxHeight: number }): { width: number; height: number } {
  const scale = Math.min(1, box.maxWidth / logo.width, box.maxHeight / logo.height);
  return { width: Math.max(1, Math.round(logo.width * scale)), height: Math.max(1, Math.round(logo.height * scale)) };
}
