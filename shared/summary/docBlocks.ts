// A small, format-neutral document: what every exporter (Word, PDF, Markdown, HTML) knows how to
// draw. Text is plain user text; each exporter escapes it for its own format.

export interface BulletItem {
  text: string;
  /** Secondary text under the item, e.g. provenance ("From 2 cards, 7 votes"). */
  note?: string;
  /** Sub-points, one level deep (an objective's points, as SCIE summaries nest them). */
  points?: string[];
  /** The cards this item was drawn from (key messages, themes), printed under it as a small list. */
  sources?: SourceRef[];
}

/** One source card of a key message, theme or action: where it was written, and by whom when names are included. */
export interface SourceRef {
  /** The card's number in the appendix ("12"), so a reader can find it there. */
  ref: string;
  room: string;
  question: string;
  text: string;
  /** Only present when the export includes names. */
  author?: string;
}

/** The one wording every format uses for a source card: “text” (card 12, Workforce, What worked well?, Ben). */
export function sourceLine(source: SourceRef): string {
  const where = [`card ${source.ref}`, source.room, source.question, ...(source.author ? [source.author] : [])];
  return `\u201c${source.text}\u201d (${where.join(', ')})`;
}

export type DocBlock =
  | { kind: 'title'; text: string }
  | { kind: 'heading'; level: 1 | 2 | 3; text: string }
  | { kind: 'paragraph'; text: string; strong?: boolean }
  | { kind: 'bullets'; items: BulletItem[]; ordered?: boolean }
  /** `rowSources[i]` are the source cards of row i (next steps), printed with the row. */
  | { kind: 'table'; header: string[]; rows: string[][]; rowSources?: SourceRef[][] }
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

/** An organisation's logo for the title block, already validated and converted to PNG or JPEG on upload. */
export interface DocumentLogo {
  bytes: Uint8Array;
  mime: 'image/png' | 'image/jpeg';
  /** Pixel size, for scaling into the title block. */
  width: number;
  height: number;
  /** Alternative text: the organisation's name, for screen readers. */
  alt: string;
}

/** What every exporter gets: the blocks plus what a publication needs around them. */
export interface SummaryDocument {
  title: string;
  /** BCP 47 language of the document ("en-GB"). */
  lang: string;
  /** One line saying where the document came from, printed in every format (title block or footer). */
  provenance: string;
  logo?: DocumentLogo;
  blocks: DocBlock[];
}
