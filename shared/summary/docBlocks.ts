// A small, format-neutral document: what every exporter (Word, PDF, Markdown, HTML) knows how to
// draw. Text is plain user text; each exporter escapes it for its own format.

export interface BulletItem {
  text: string;
  /** Secondary text under the item, e.g. provenance ("From 2 cards, 7 votes"). */
  note?: string;
}

export type DocBlock =
  | { kind: 'title'; text: string }
  | { kind: 'heading'; level: 1 | 2 | 3; text: string }
  | { kind: 'paragraph'; text: string; strong?: boolean }
  | { kind: 'bullets'; items: BulletItem[]; ordered?: boolean }
  | { kind: 'table'; header: string[]; rows: string[][] }
  | { kind: 'note'; text: string };

export function headingTexts(blocks: readonly DocBlock[], level?: 1 | 2 | 3): string[] {
  return blocks.flatMap((b) => (b.kind === 'heading' && (level === undefined || b.level === level) ? [b.text] : []));
}
