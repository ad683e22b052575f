// A small, format-neutral document: what every exporter (Word, PDF, Markdown, HTML) knows how to
// draw. Text is plain user text; each exporter escapes it for its own format.

export interface BulletItem {
  text: string;
  /** Secondary text under the item, e.g. provenance ("From 2 cards, 7 votes"). */
  note?: string;
  /** Sub-points, one level deep (an objective's points, as SCIE summaries nest them). */
  points?: string[];
}

export type DocBlock =
  | { kind: 'title'; text: string }
  | { kind: 'heading'; level: 1 | 2 | 3; text: string }
  | { kind: 'paragraph'; text: string; strong?: boolean }
  | { kind: 'bullets'; items: BulletItem[]; ordered?: boolean }
  | { kind: 'table'; header: string[]; rows: string[][] }
  | { kind: 'note'; text: string }
  /** A horizontal bar chart; formats that cannot draw one show the numbers with text bars. */
  | { kind: 'chart'; caption: string; unit: string; bars: ChartBar[] };

export interface ChartBar {
  label: string;
  value: number;
}

/** A bar of block characters, for plain-text formats: the longest bar is `width` long. */
export function textBar(value: number, max: number, width = 20): string {
  return '\u2588'.repeat(max > 0 ? Math.round((value / max) * width) : 0);
}

export function chartMax(bars: readonly ChartBar[]): number {
  return Math.max(0, ...bars.map((b) => b.value));
}

export function headingTexts(blocks: readonly DocBlock[], level?: 1 | 2 | 3): string[] {
  return blocks.flatMap((b) => (b.kind === 'heading' && (level === undefined || b.level === level) ? [b.text] : []));
}
