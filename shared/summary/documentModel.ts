import type { BulletItem, DocBlock } from './docBlocks';
import type { EventSummary, KeyMessage } from './summaryModel';

// Renders the summary in SCIE's section order. Section headings are fixed texts so readers (and
// tests) find them: they match the fixture's expectedInSummary.sections.

export const sectionHeadings = {
  introduction: 'Introduction',
  objectives: 'Learning objectives',
  agenda: 'Agenda',
  sessionNotes: 'Session notes',
  thinking: 'Thinking appreciatively',
  keyMessages: 'Key messages from groups',
  themes: 'Cross-cutting themes',
  nextSteps: 'Close and next steps',
  appendix: 'Appendix',
} as const;

const months = ['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September', 'October', 'November', 'December'];

/** "2021-06-18" → "18 June 2021"; anything else is shown as given. */
export function formatEventDate(date: string): string {
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(date);
  const month = match ? months[Number(match[2]) - 1] : undefined;
  return match && month ? `${Number(match[3])} ${month} ${match[1]}` : date;
}

function plural(n: number, word: string): string {
  return `${n} ${word}${n === 1 ? '' : 's'}`;
}

function paragraphs(text: string): DocBlock[] {
  return text
    .split(/\n\s*\n/)
    .map((p) => p.trim())
    .filter(Boolean)
    .map((p) => ({ kind: 'paragraph', text: p }));
}

function listOrNote(items: BulletItem[], empty: string): DocBlock {
  return items.length ? { kind: 'bullets', items } : { kind: 'note', text: empty };
}

export function provenanceNote(message: Pick<KeyMessage, 'sourceCardIds' | 'votes'>): string {
  const n = message.sourceCardIds.length;
  return n === 0 ? 'Written by facilitators' : `From ${plural(n, 'card')}, ${plural(message.votes, 'vote')}`;
}

const toBeAgreed = 'To be agreed';

export function renderSummaryDocument(summary: EventSummary): DocBlock[] {
  return [
    ...front(summary),
    ...keyMessages(summary),
    ...themes(summary),
    ...nextSteps(summary),
    ...appendix(summary),
  ];
}

function front(s: EventSummary): DocBlock[] {
  const h = sectionHeadings;
  return [
    { kind: 'title', text: s.title },
    { kind: 'paragraph', text: formatEventDate(s.date), strong: true },
    ...(s.organiser ? [{ kind: 'paragraph', text: `Organised by ${s.organiser}` } as const] : []),
    { kind: 'heading', level: 1, text: h.introduction },
    ...(paragraphs(s.introduction).length ? paragraphs(s.introduction) : [{ kind: 'note', text: 'No introduction recorded.' } as const]),
    { kind: 'heading', level: 1, text: h.objectives },
    listOrNote(s.objectives.map((text) => ({ text })), 'No learning objectives recorded.'),
    { kind: 'heading', level: 1, text: h.agenda },
    s.agenda.length
      ? { kind: 'table', header: ['Item', 'Who'], rows: s.agenda.map((a) => [a.item, a.who]) }
      : { kind: 'note', text: 'No agenda recorded.' },
    ...(s.sessionNotes.trim() ? [{ kind: 'heading', level: 1, text: h.sessionNotes } as const, ...paragraphs(s.sessionNotes)] : []),
    { kind: 'heading', level: 1, text: h.thinking },
    ...paragraphs(s.thinkingAppreciatively.intro),
    { kind: 'paragraph', text: 'Topics', strong: true },
    listOrNote(s.thinkingAppreciatively.topics.map((text) => ({ text })), 'No topics.'),
    { kind: 'paragraph', text: 'Questions', strong: true },
    { kind: 'bullets', ordered: true, items: s.thinkingAppreciatively.questions.map((text) => ({ text })) },
  ];
}

function keyMessages(s: EventSummary): DocBlock[] {
  return [
    { kind: 'heading', level: 1, text: sectionHeadings.keyMessages },
    ...s.groups.flatMap((group): DocBlock[] => [
      { kind: 'heading', level: 2, text: group.topic },
      ...group.byQuestion.flatMap((q): DocBlock[] => [
        { kind: 'heading', level: 3, text: q.prompt },
        listOrNote(q.messages.map((m) => ({ text: m.text, note: provenanceNote(m) })), 'No key messages for this question.'),
      ]),
    ]),
  ];
}

function themes(s: EventSummary): DocBlock[] {
  const topicOf = new Map(s.groups.map((g) => [g.roomId, g.topic]));
  const items = s.themes.map((t) => ({
    text: t.description ? `${t.label}: ${t.description}` : t.label,
    note: `Raised in ${plural(t.roomIds.length, 'group')} (${t.roomIds.map((id) => topicOf.get(id) ?? id).join('; ')}), ${provenanceNote(t).replace(/^From/, 'from')}`,
  }));
  return [{ kind: 'heading', level: 1, text: sectionHeadings.themes }, listOrNote(items, 'No cross-cutting themes identified.')];
}

function nextSteps(s: EventSummary): DocBlock[] {
  const { closingText, actions } = s.nextSteps;
  return [
    { kind: 'heading', level: 1, text: sectionHeadings.nextSteps },
    ...paragraphs(closingText),
    actions.length
      ? {
          kind: 'table',
          header: ['What', 'Who', 'When'],
          rows: actions.map((a) => [a.what, a.who.trim() || toBeAgreed, a.when.trim() || toBeAgreed]),
        }
      : { kind: 'note', text: 'No actions recorded.' },
  ];
}

function appendix(s: EventSummary): DocBlock[] {
  const { method, rawCards, participation } = s.appendix;
  const total = (pick: (p: (typeof participation)[number]) => number): string => String(participation.reduce((n, p) => n + pick(p), 0));
  return [
    { kind: 'heading', level: 1, text: sectionHeadings.appendix },
    { kind: 'heading', level: 2, text: 'Method' },
    ...paragraphs(method),
    { kind: 'heading', level: 2, text: 'All cards by group and question' },
    ...rawCards.flatMap((room): DocBlock[] => [
      { kind: 'heading', level: 3, text: room.topic },
      ...room.byQuestion.flatMap((q): DocBlock[] => [
        { kind: 'paragraph', text: q.prompt, strong: true },
        listOrNote(
          q.cards.map((c) => ({ text: c.text, note: `${c.author || 'Anonymous'}, ${plural(c.votes, 'vote')}` })),
          'No cards.',
        ),
      ]),
    ]),
    { kind: 'heading', level: 2, text: 'Participation' },
    {
      kind: 'table',
      header: ['Group', 'Participants', 'Cards', 'Votes'],
      rows: [
        ...participation.map((p) => [p.topic, String(p.participants), String(p.cards), String(p.votes)]),
        ['Total', total((p) => p.participants), total((p) => p.cards), total((p) => p.votes)],
      ],
    },
    { kind: 'chart', caption: 'Cards written by each group', unit: 'cards', bars: participation.map((p) => ({ label: p.topic, value: p.cards })) },
  ];
}
