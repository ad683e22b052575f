import { describe, expect, it } from 'vitest';
import type { DocBlock } from '../../../shared/summary/docBlocks';
import { headingTexts } from '../../../shared/summary/docBlocks';
import { draftSummary } from '../../../shared/summary/draftSummary';
import { renderSummaryDocument } from '../../../shared/summary/documentModel';
import { noMessagesCell } from '../../../shared/summary/keyMessageBlocks';
import { keyMessageLayout, setKeyMessageLayout } from '../../../shared/summary/sections';
import { fixtureDraftInput, loadFixture } from '../../helpers/fixtureBoards';
import { keyMessageTexts, lessonsLearnedInput, lessonsQuestions } from '../../helpers/summaryBlocks';

const fixture = loadFixture();
const tables = (blocks: DocBlock[]) => blocks.flatMap((b) => (b.kind === 'table' ? [b] : []));

describe('key messages by room or by question', () => {
  const summary = draftSummary(fixtureDraftInput(fixture));
  const byRoom = renderSummaryDocument(summary);
  const byQuestion = renderSummaryDocument(setKeyMessageLayout(summary, 'by-question'));

  it('defaults to by room (SCIE), or to the event’s layout setting', () => {
    expect(keyMessageLayout(summary)).toBe('by-room');
    expect(draftSummary(lessonsLearnedInput({ summaryLayout: 'by-question' })).layout).toBe('by-question');
    const odd = lessonsLearnedInput();
    expect(draftSummary({ ...odd, event: { ...odd.event, summaryLayout: 'sideways' as never } }).layout).toBe('by-room');
  });

  it('shows every key message of the fixture in both layouts, the same messages', () => {
    const texts = fixture.rooms.flatMap((r) => r.cards.map((c) => c.text));
    expect([...keyMessageTexts(byRoom)].sort()).toEqual([...texts].sort());
    expect([...keyMessageTexts(byQuestion)].sort()).toEqual([...texts].sort());
  });

  it('by question: one heading and one table per question, a row per room message, in room order', () => {
    const h2 = headingTexts(byQuestion, 2);
    for (const q of fixture.template.questions) expect(h2).toContain(q.prompt);
    for (const topic of fixture.expectedInSummary.groupHeadings) expect(h2).not.toContain(topic);
    const workedWell = tables(byQuestion).find((t) => t.rows.some((r) => r[1]?.startsWith('Relationships between practitioners')));
    // No question of the fixture has a second field: the column is left out.
    expect(workedWell?.header).toEqual(['Group', 'Key message']);
    const roomsInOrder = [...new Set(workedWell?.rows.map((r) => r[0]))];
    expect(roomsInOrder).toEqual(fixture.expectedInSummary.groupHeadings);
  });

  it('switches back and forth without changing the summary’s content', () => {
    const there = setKeyMessageLayout(summary, 'by-question');
    expect(renderSummaryDocument(setKeyMessageLayout(there, 'by-room'))).toEqual(byRoom);
    expect(there.groups).toBe(summary.groups);
  });

  it('a four-question lessons-learned workshop: second field as the third column, a row per room', () => {
    const s = draftSummary(lessonsLearnedInput({ summaryLayout: 'by-question' }));
    const blocks = renderSummaryDocument(s);
    expect(headingTexts(blocks, 2).slice(0, 4)).toEqual(lessonsQuestions.map((q) => q.prompt));
    const [first, , third] = tables(blocks).filter((t) => t.header[0] === 'Group');
    expect(first?.header).toEqual(['Group', 'Key message', 'What enabled the change?']);
    expect(first?.rows).toEqual([
      ['Housing', 'Housing: lesson 1', 'Housing: why 1'],
      ['Housing', 'Housing: daily huddles', ''],
      ['Hospital discharge', 'Hospital discharge: lesson 1', 'Hospital discharge: why 1'],
    ]);
    expect(third?.header[2]).toBe('How will we move forward?');
    // By room, the same workshop reads room → question → messages.
    const roomBlocks = renderSummaryDocument(setKeyMessageLayout(s, 'by-room'));
    expect(headingTexts(roomBlocks, 2).slice(0, 2)).toEqual(['Housing', 'Hospital discharge']);
  });

  it('a room without messages for a question still has its row; no card data leaves the column empty', () => {
    const input = lessonsLearnedInput({ withSecondField: false });
    const emptied = { ...input, boards: input.boards.map((b) => ({ ...b, cards: b.cards.filter((c) => c.id !== 'hospital-discharge-started-stop') })) };
    const blocks = renderSummaryDocument(setKeyMessageLayout(draftSummary(emptied), 'by-question'));
    const stop = tables(blocks).find((t) => t.rows.some((r) => r[1] === 'Housing: lesson 3'));
    expect(stop?.rows).toEqual([
      ['Housing', 'Housing: lesson 3', ''],
      ['Hospital discharge', noMessagesCell, ''],
    ]);
  });
});
