import { describe, expect, it } from 'vitest';
import type { BulletItem, DocBlock, SourceRef } from '../../../shared/summary/docBlocks';
import { sourceLine } from '../../../shared/summary/docBlocks';
import { draftSummary } from '../../../shared/summary/draftSummary';
import { renderSummaryDocument, sectionHeadings } from '../../../shared/summary/documentModel';
import { setKeyMessageLayout } from '../../../shared/summary/sections';
import type { EventSummary } from '../../../shared/summary/summaryModel';
import { acceptTheme } from '../../../shared/summary/themeDecisions';
import { mergeMessages } from '../../../shared/summary/synthesis';
import { fixtureDraftInput, loadFixture } from '../../helpers/fixtureBoards';

// Every key message, printed theme and action names its source cards by their appendix number, room
// and question; authors appear only when names are included.

const fixture = loadFixture();
const authors = [...new Set(fixture.rooms.flatMap((r) => r.cards.map((c) => c.by)))];

/** The fixture drafted, two messages merged (a message with two sources), every theme accepted. */
function summaryWithEverything(): EventSummary {
  const drafted = draftSummary(fixtureDraftInput(fixture));
  const [a, b] = drafted.groups[0]!.byQuestion[0]!.messages;
  const merged = mergeMessages(drafted, [a!.id, b!.id], 'Merged for the test');
  return merged.themes.reduce((s, t) => acceptTheme(s, t.id), merged);
}

function section(blocks: DocBlock[], heading: string): DocBlock[] {
  const start = blocks.findIndex((b) => b.kind === 'heading' && b.level === 1 && b.text === heading);
  const end = blocks.findIndex((b, i) => i > start && b.kind === 'heading' && b.level === 1);
  return blocks.slice(start + 1, end < 0 ? undefined : end);
}

const items = (blocks: DocBlock[]): BulletItem[] => blocks.flatMap((b) => (b.kind === 'bullets' ? b.items : []));

/** "[12] text" in the appendix → ref 12 ↦ { text, room, question }. */
function appendixRefs(blocks: DocBlock[]): Map<string, { text: string; room: string; question: string }> {
  const refs = new Map<string, { text: string; room: string; question: string }>();
  let room = '';
  let question = '';
  for (const b of section(blocks, sectionHeadings.appendix)) {
    if (b.kind === 'heading' && b.level === 3) room = b.text;
    if (b.kind === 'paragraph' && b.strong) question = b.text;
    for (const item of b.kind === 'bullets' ? b.items : []) {
      const match = /^\[(\d+)\] (.*)$/s.exec(item.text);
      if (!match) throw new Error(`appendix card without a number: ${item.text}`);
      refs.set(match[1]!, { text: match[2]!, room, question });
    }
  }
  return refs;
}

function expectFound(sources: readonly SourceRef[], refs: ReturnType<typeof appendixRefs>) {
  for (const source of sources) expect(refs.get(source.ref)).toEqual({ text: source.text, room: source.room, question: source.question });
}

describe('provenance in the document', () => {
  const summary = summaryWithEverything();
  const plain = renderSummaryDocument(summary);
  const named = renderSummaryDocument(summary, { includeNames: true });
  const refs = appendixRefs(plain);

  it('numbers every appendix card once, 1..n, in room, question and card order', () => {
    const cards = summary.appendix.rawCards.flatMap((r) => r.byQuestion.flatMap((q) => q.cards.map((c) => ({ text: c.text, room: r.topic, question: q.prompt }))));
    expect([...refs.keys()]).toEqual(cards.map((_, i) => String(i + 1)));
    expect([...refs.values()]).toEqual(cards);
  });

  it('gives every key message its source cards, found in the appendix under the same number', () => {
    const messages = items(section(plain, sectionHeadings.keyMessages));
    const all = summary.groups.flatMap((g) => g.byQuestion.flatMap((q) => q.messages));
    expect(messages).toHaveLength(all.length);
    messages.forEach((item, i) => {
      const message = all[i]!;
      expect(item.text).toBe(message.text);
      expect(item.note).toMatch(/^From \d+ cards?, \d+ votes?$/);
      expect(item.sources?.map((s) => s.text)).toEqual(message.sourceCardIds.map((id) => summary.appendix.rawCards.flatMap((r) => r.byQuestion.flatMap((q) => q.cards)).find((c) => c.id === id)?.text));
      expectFound(item.sources ?? [], refs);
    });
    expect(messages.find((m) => m.text === 'Merged for the test')?.sources).toHaveLength(2);
  });

  it('gives every printed theme and every action its source cards', () => {
    const themes = items(section(plain, sectionHeadings.themes));
    expect(themes.length).toBe(summary.themes.length);
    expect(themes.length).toBeGreaterThan(0);
    themes.forEach((item, i) => {
      expect(item.sources?.length).toBe(new Set(summary.themes[i]!.sourceCardIds).size);
      expectFound(item.sources ?? [], refs);
    });
    const table = section(plain, sectionHeadings.nextSteps).find((b) => b.kind === 'table');
    if (table?.kind !== 'table') throw new Error('no next steps table');
    expect(table.rowSources).toHaveLength(summary.nextSteps.actions.length);
    table.rowSources!.forEach((sources, i) => {
      expect(sources.length).toBe(summary.nextSteps.actions[i]!.sourceCardIds.length);
      expectFound(sources, refs);
    });
  });

  it('by question: each table row carries its message’s sources, an empty row none', () => {
    const blocks = renderSummaryDocument(setKeyMessageLayout(summary, 'by-question'));
    const tables = section(blocks, sectionHeadings.keyMessages).flatMap((b) => (b.kind === 'table' ? [b] : []));
    expect(tables.length).toBe(fixture.template.questions.length);
    for (const table of tables) {
      expect(table.rowSources).toHaveLength(table.rows.length);
      table.rows.forEach((row, i) => {
        const sources = table.rowSources![i]!;
        if (row[1] === 'No key messages.') expect(sources).toEqual([]);
        else expect(sources.length).toBeGreaterThan(0);
        for (const source of sources) expect(source.room).toBe(row[0]);
        expectFound(sources, refs);
      });
    }
  });

  it('prints no author anywhere by default; with includeNames, on sources and appendix cards', () => {
    const text = JSON.stringify(plain);
    for (const name of authors) expect(text, name).not.toMatch(new RegExp(`\\b${name}\\b`));
    const sources = items(section(plain, sectionHeadings.keyMessages)).flatMap((i) => i.sources ?? []);
    expect(sources.every((s) => s.author === undefined)).toBe(true);
    expect(sourceLine(sources[0]!)).toMatch(/^“.+” \(card \d+, [^,]+, .+\)$/);

    const namedSources = items(section(named, sectionHeadings.keyMessages)).flatMap((i) => i.sources ?? []);
    expect(namedSources.every((s) => authors.includes(s.author ?? ''))).toBe(true);
    const appendixNotes = items(section(named, sectionHeadings.appendix)).map((i) => i.note);
    expect(appendixNotes.every((note) => authors.some((name) => note?.startsWith(`${name}, `)))).toBe(true);
    expect(items(section(plain, sectionHeadings.appendix)).every((i) => /^\d+ votes?$/.test(i.note ?? ''))).toBe(true);
  });

  it('leaves cards hidden since the draft out of the appendix and out of every source list', () => {
    const hiddenId = summary.groups[0]!.byQuestion[0]!.messages[0]!.sourceCardIds[0]!;
    const hiddenText = summary.appendix.rawCards.flatMap((r) => r.byQuestion.flatMap((q) => q.cards)).find((c) => c.id === hiddenId)!.text;
    const blocks = renderSummaryDocument(summary, { hiddenCardIds: new Set([hiddenId]) });
    const after = appendixRefs(blocks);
    expect(after.size).toBe(refs.size - 1);
    expect([...after.values()].some((c) => c.text === hiddenText)).toBe(false);
    const everySource = blocks.flatMap((b) => (b.kind === 'bullets' ? b.items.flatMap((i) => i.sources ?? []) : b.kind === 'table' ? (b.rowSources ?? []).flat() : []));
    expect(everySource.length).toBeGreaterThan(0);
    expect(everySource.some((s) => s.text === hiddenText)).toBe(false);
    expectFound(everySource, after);
  });
});
