import type { EventSummary, KeyMessageLayout } from './summaryModel';

// The summary document is a list of sections facilitators shape: built-in sections render parts of
// the model (front matter, key messages, themes...), free sections hold their own heading and text
// (speaker sessions, "top 10 lessons", principles). Every operation is pure and returns a new summary.

export const builtInKinds = [
  'title',
  'introduction',
  'objectives',
  'agenda',
  'sessionNotes',
  'method',
  'keyMessages',
  'themes',
  'nextSteps',
  'appendix',
  'participation',
] as const;
export type BuiltInKind = (typeof builtInKinds)[number];

export interface BuiltInSection {
  /** A built-in section appears at most once, so its kind is its id. */
  id: BuiltInKind;
  kind: BuiltInKind;
  /** A facilitator's heading; absent or blank means the default (which may depend on the template). */
  heading?: string;
}

export type FreeBlock = { kind: 'paragraph'; text: string } | { kind: 'bullets'; items: string[] };

export interface FreeSection {
  id: string;
  kind: 'free';
  heading: string;
  blocks: FreeBlock[];
}

export type SummarySection = BuiltInSection | FreeSection;

/** What the "add a section" menu calls each built-in section. */
export const builtInLabels: Record<BuiltInKind, string> = {
  title: 'Title block',
  introduction: 'Introduction',
  objectives: 'Objectives',
  agenda: 'Agenda',
  sessionNotes: 'Session notes',
  method: 'Method',
  keyMessages: 'Key messages',
  themes: 'Cross-cutting themes',
  nextSteps: 'Next steps',
  appendix: 'Appendix of all cards',
  participation: 'Participation',
};

/** SCIE's order. Session notes render only when there are any, so older summaries read as before. */
export function defaultSections(): SummarySection[] {
  return builtInKinds.map((kind) => ({ id: kind, kind }));
}

export function summarySections(summary: Pick<EventSummary, 'sections'>): SummarySection[] {
  return summary.sections ?? defaultSections();
}

export function keyMessageLayout(summary: Pick<EventSummary, 'layout'>): KeyMessageLayout {
  return summary.layout === 'by-question' ? 'by-question' : 'by-room';
}

/** Reads an event's layout setting defensively: anything but the two known values is "no setting". */
export function layoutSetting(value: unknown): KeyMessageLayout | undefined {
  return value === 'by-room' || value === 'by-question' ? value : undefined;
}

export function setKeyMessageLayout(summary: EventSummary, layout: KeyMessageLayout): EventSummary {
  return { ...summary, layout };
}

/** Built-in sections not in the list (removed ones), which the facilitator may add back. */
export function missingBuiltIns(summary: Pick<EventSummary, 'sections'>): BuiltInKind[] {
  const present = new Set(summarySections(summary).map((s) => s.kind));
  return builtInKinds.filter((kind) => !present.has(kind));
}

function withSections(summary: EventSummary, sections: SummarySection[]): EventSummary {
  return { ...summary, sections };
}

function insertAt(sections: readonly SummarySection[], section: SummarySection, at?: number): SummarySection[] {
  const index = at === undefined ? sections.length : Math.max(0, Math.min(sections.length, at));
  return [...sections.slice(0, index), section, ...sections.slice(index)];
}

/** Adds a built-in section (at the end unless `at` is given); adding one already present changes nothing. */
export function addBuiltInSection(summary: EventSummary, kind: BuiltInKind, at?: number): EventSummary {
  const sections = summarySections(summary);
  if (sections.some((s) => s.kind === kind)) return summary;
  return withSections(summary, insertAt(sections, { id: kind, kind }, at));
}

/** The next free-section id: ids only grow, so a removed section's id is never reused in the list. */
export function nextFreeSectionId(sections: readonly SummarySection[]): string {
  const used = sections.map((s) => /^section-(\d+)$/.exec(s.id)?.[1]).map(Number).filter(Number.isFinite);
  return `section-${Math.max(0, ...used) + 1}`;
}

export function addFreeSection(summary: EventSummary, heading: string, blocks: FreeBlock[] = [], at?: number): EventSummary {
  const sections = summarySections(summary);
  return withSections(summary, insertAt(sections, { id: nextFreeSectionId(sections), kind: 'free', heading: heading.trim() || 'New section', blocks }, at));
}

function requireIndex(sections: readonly SummarySection[], sectionId: string): number {
  const index = sections.findIndex((s) => s.id === sectionId);
  if (index < 0) throw new Error(`No summary section with id ${sectionId}`);
  return index;
}

export function removeSection(summary: EventSummary, sectionId: string): EventSummary {
  const sections = summarySections(summary);
  requireIndex(sections, sectionId);
  return withSections(summary, sections.filter((s) => s.id !== sectionId));
}

/** Renames a section. A blank heading restores a built-in's default; a free section keeps its old one. */
export function renameSection(summary: EventSummary, sectionId: string, heading: string): EventSummary {
  const sections = summarySections(summary);
  requireIndex(sections, sectionId);
  const text = heading.trim();
  return withSections(
    summary,
    sections.map((s): SummarySection => {
      if (s.id !== sectionId) return s;
      if (s.kind === 'free') return text ? { ...s, heading: text } : s;
      const { heading: _old, ...rest } = s;
      return text ? { ...rest, heading: text } : rest;
    }),
  );
}

export function moveSection(summary: EventSummary, sectionId: string, to: 'up' | 'down' | number): EventSummary {
  const sections = summarySections(summary);
  const from = requireIndex(sections, sectionId);
  const target = to === 'up' ? from - 1 : to === 'down' ? from + 1 : to;
  const index = Math.max(0, Math.min(sections.length - 1, target));
  if (index === from) return summary;
  const rest = sections.filter((s) => s.id !== sectionId);
  return withSections(summary, insertAt(rest, sections[from] as SummarySection, index));
}

export function setFreeSectionBlocks(summary: EventSummary, sectionId: string, blocks: FreeBlock[]): EventSummary {
  const sections = summarySections(summary);
  const section = sections[requireIndex(sections, sectionId)];
  if (section?.kind !== 'free') throw new Error(`Section ${sectionId} is not a free section`);
  return withSections(summary, sections.map((s) => (s.id === sectionId ? { ...section, blocks } : s)));
}

/**
 * A free section's text as facilitators type it: blank lines separate paragraphs, lines starting
 * with "- " or "* " are bullets. `freeSectionText` writes blocks back the same way (a round trip).
 */
export function parseFreeText(text: string): FreeBlock[] {
  const blocks: FreeBlock[] = [];
  let paragraph: string[] = [];
  const flush = (): void => {
    if (paragraph.length) blocks.push({ kind: 'paragraph', text: paragraph.join(' ') });
    paragraph = [];
  };
  for (const raw of text.split('\n')) {
    const line = raw.trim();
    const bullet = /^[-*•]\s+(.*)$/.exec(line);
    if (bullet) {
      flush();
      const last = blocks[blocks.length - 1];
      if (last?.kind === 'bullets') last.items.push(bullet[1] ?? '');
      else blocks.push({ kind: 'bullets', items: [bullet[1] ?? ''] });
    } else if (!line) {
      flush();
    } else {
      paragraph.push(line);
    }
  }
  flush();
  return blocks.map((b) => (b.kind === 'bullets' ? { ...b, items: b.items.filter((i) => i.trim()) } : b)).filter((b) => b.kind === 'paragraph' || b.items.length);
}

export function freeSectionText(blocks: readonly FreeBlock[]): string {
  return blocks.map((b) => (b.kind === 'paragraph' ? b.text : b.items.map((i) => `- ${i}`).join('\n'))).join('\n\n');
}
