import { countOf } from './counts';
import { listOrNote, paragraphs, provenanceNote } from './blockHelpers';
import type { BulletItem, DocBlock, SourceRef } from './docBlocks';
import { keyMessageBlocks } from './keyMessageBlocks';
import { methodHeading } from './method';
import { numberedCards, printedAppendix, sourcesOf, type NumberedCard, type RenderOptions } from './provenance';
import { summarySections, type BuiltInKind, type FreeBlock, type SummarySection } from './sections';
import { objectiveParts, type EventSummary } from './summaryModel';
import { printedThemes } from './themeDecisions';

export { listOrNote, paragraphs, provenanceNote } from './blockHelpers';
export type { RenderOptions } from './provenance';

// Renders the summary's sections in the facilitators' order (SCIE's by default). Default headings are
// fixed texts so readers (and tests) find them: they match the fixture's expectedInSummary.sections.

export const sectionHeadings = {
  introduction: 'Introduction',
  objectives: 'Learning objectives',
  agenda: 'Agenda',
  sessionNotes: 'Session notes',
  thinking: 'Thinking appreciatively',
  method: 'How the workshop worked',
  keyMessages: 'Key messages from groups',
  themes: 'Cross-cutting themes',
  nextSteps: 'Close and next steps',
  appendix: 'Appendix',
  participation: 'Participation',
} as const;

const months = ['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September', 'October', 'November', 'December'];

/** "2021-06-18" → "18 June 2021"; anything else is shown as given. */
export function formatEventDate(date: string): string {
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(date);
  const month = match ? months[Number(match[2]) - 1] : undefined;
  return match && month ? `${Number(match[3])} ${month} ${match[1]}` : date;
}

const toBeAgreed = 'To be agreed';

/** What every section renderer shares: the summary, its numbered appendix cards and the names setting. */
export interface RenderContext {
  summary: EventSummary;
  /** Printed cards by id, numbered in appendix order. */
  cards: ReadonlyMap<string, NumberedCard>;
  includeNames: boolean;
  /** The printable source cards of a message, theme or action. */
  sources(cardIds: readonly string[]): SourceRef[];
}

export function renderContext(summary: EventSummary, options: RenderOptions = {}): RenderContext {
  const appendix = printedAppendix(summary, options.hiddenCardIds);
  const cards = numberedCards(appendix);
  const includeNames = options.includeNames ?? false;
  return {
    summary: { ...summary, appendix: { ...summary.appendix, rawCards: appendix } },
    cards,
    includeNames,
    sources: (ids) => sourcesOf(ids, cards, includeNames),
  };
}

/**
 * The summary as document blocks, in its sections' order. Every key message, printed theme and action
 * lists its source cards (appendix number, room, question; the author only with `includeNames`).
 */
export function renderSummaryDocument(summary: EventSummary, options: RenderOptions = {}): DocBlock[] {
  return renderBlocks(renderContext(summary, options));
}

/** The blocks of a context already built (exports also count its printed cards for the provenance line). */
export function renderBlocks(context: RenderContext): DocBlock[] {
  return summarySections(context.summary).flatMap((section) => renderSection(context, section));
}

/** The heading a section shows: the facilitator's, else the default (the method's depends on the template). */
export function sectionHeading(summary: Pick<EventSummary, 'templateId' | 'title'>, section: SummarySection): string {
  if (section.kind === 'free') return section.heading;
  if (section.heading?.trim()) return section.heading.trim();
  return defaultHeading(summary, section.kind);
}

export function defaultHeading(summary: Pick<EventSummary, 'templateId' | 'title'>, kind: BuiltInKind): string {
  if (kind === 'title') return summary.title;
  if (kind === 'method') return methodHeading(summary);
  return sectionHeadings[kind];
}

function renderSection(context: RenderContext, section: SummarySection): DocBlock[] {
  const s = context.summary;
  const heading = sectionHeading(s, section);
  const h1 = (body: DocBlock[]): DocBlock[] => [{ kind: 'heading', level: 1, text: heading }, ...body];
  switch (section.kind) {
    case 'free':
      return h1(section.blocks.map(freeBlock));
    case 'title':
      return [
        { kind: 'title', text: heading },
        { kind: 'paragraph', text: formatEventDate(s.date), strong: true },
        ...(s.organiser ? [{ kind: 'paragraph', text: `Organised by ${s.organiser}` } as const] : []),
      ];
    case 'introduction':
      return h1(paragraphs(s.introduction).length ? paragraphs(s.introduction) : [{ kind: 'note', text: 'No introduction recorded.' }]);
    case 'objectives':
      return h1([listOrNote(s.objectives.map(objectiveItem), 'No learning objectives recorded.')]);
    case 'agenda':
      return h1([
        s.agenda.length ? { kind: 'table', header: ['Item', 'Who'], rows: s.agenda.map((a) => [a.item, a.who]) } : { kind: 'note', text: 'No agenda recorded.' },
      ]);
    case 'sessionNotes':
      // Older summaries keep speaker notes here; it stays out of the document while empty.
      return s.sessionNotes.trim() ? h1(paragraphs(s.sessionNotes)) : [];
    case 'method':
      return h1(method(s));
    case 'keyMessages':
      return h1(keyMessageBlocks(s, context.sources));
    case 'themes':
      return h1(themes(context));
    case 'nextSteps':
      return h1(nextSteps(context));
    case 'appendix':
      return h1(appendix(context));
    case 'participation':
      return h1(participation(s));
  }
}

function objectiveItem(objective: EventSummary['objectives'][number]): BulletItem {
  const { text, points } = objectiveParts(objective);
  return points.length ? { text, points } : { text };
}

function freeBlock(block: FreeBlock): DocBlock {
  return block.kind === 'paragraph' ? { kind: 'paragraph', text: block.text } : { kind: 'bullets', items: block.items.map((text) => ({ text })) };
}

function method(s: EventSummary): DocBlock[] {
  return [
    ...paragraphs(s.thinkingAppreciatively.intro),
    { kind: 'paragraph', text: 'Topics', strong: true },
    listOrNote(s.thinkingAppreciatively.topics.map((text) => ({ text })), 'No topics.'),
    { kind: 'paragraph', text: 'Questions', strong: true },
    { kind: 'bullets', ordered: true, items: s.thinkingAppreciatively.questions.map((text) => ({ text })) },
  ];
}

function themes({ summary: s, sources }: RenderContext): DocBlock[] {
  const topicOf = new Map(s.groups.map((g) => [g.roomId, g.topic]));
  // Undecided suggested themes stay out of the document until a facilitator accepts them.
  const items = printedThemes(s).map((t) => ({
    text: t.description ? `${t.label}: ${t.description}` : t.label,
    note: `Raised in ${countOf(t.roomIds.length, 'group')} (${t.roomIds.map((id) => topicOf.get(id) ?? id).join('; ')}), ${provenanceNote(t).replace(/^From/, 'from')}`,
    sources: sources(t.sourceCardIds),
  }));
  return [listOrNote(items, 'No cross-cutting themes identified.')];
}

function nextSteps({ summary: s, sources }: RenderContext): DocBlock[] {
  const { closingText, actions } = s.nextSteps;
  return [
    ...paragraphs(closingText),
    actions.length
      ? {
          kind: 'table',
          header: ['What', 'Who', 'When'],
          rows: actions.map((a) => [a.what, a.who.trim() || toBeAgreed, a.when.trim() || toBeAgreed]),
          rowSources: actions.map((a) => sources(a.sourceCardIds)),
        }
      : { kind: 'note', text: 'No actions recorded.' },
  ];
}

/** Every printed card with its reference number ("[12] text"), so a source named elsewhere can be found. */
function appendix({ summary: s, cards, includeNames }: RenderContext): DocBlock[] {
  const { method: methodText, rawCards } = s.appendix;
  return [
    { kind: 'heading', level: 2, text: 'Method' },
    ...paragraphs(methodText),
    { kind: 'heading', level: 2, text: 'All cards by group and question' },
    ...rawCards.flatMap((room): DocBlock[] => [
      { kind: 'heading', level: 3, text: room.topic },
      ...room.byQuestion.flatMap((q): DocBlock[] => [
        { kind: 'paragraph', text: q.prompt, strong: true },
        listOrNote(
          q.cards.map((c) => ({ text: `[${cards.get(c.id)?.ref ?? '?'}] ${c.text}`, note: appendixNote(c, includeNames) })),
          'No cards.',
        ),
      ]),
    ]),
  ];
}

/** "2 votes", or "Ben, 2 votes" when names are included (never a name otherwise). */
function appendixNote(card: { author: string; votes: number }, includeNames: boolean): string {
  const votes = countOf(card.votes, 'vote');
  return includeNames ? `${card.author.trim() || 'Anonymous'}, ${votes}` : votes;
}

function participation(s: EventSummary): DocBlock[] {
  const { participation: rows } = s.appendix;
  const total = (pick: (p: (typeof rows)[number]) => number): string => String(rows.reduce((n, p) => n + pick(p), 0));
  return [
    {
      kind: 'table',
      header: ['Group', 'Participants', 'Cards', 'Votes'],
      rows: [
        ...rows.map((p) => [p.topic, String(p.participants), String(p.cards), String(p.votes)]),
        ['Total', total((p) => p.participants), total((p) => p.cards), total((p) => p.votes)],
      ],
    },
    { kind: 'chart', caption: 'Cards written by each group', unit: 'cards', bars: rows.map((p) => ({ label: p.topic, value: p.cards })) },
  ];
}
