import { describe, expect, it } from 'vitest';
import { draftSummary } from '../../../shared/summary/draftSummary';
import { headingTexts } from '../../../shared/summary/docBlocks';
import { renderSummaryDocument, sectionHeadings } from '../../../shared/summary/documentModel';
import type { DraftInput, EventSummary } from '../../../shared/summary/summaryModel';
import { appreciativeInquiry4d } from '../../../shared/templates';
import { cardIdByText, fixtureDraftInput, loadFixture, withCard } from '../../helpers/fixtureBoards';

const fixture = loadFixture();

function withHidden(input: DraftInput, cardId: string): DraftInput {
  return withCard(input, cardId, { hidden: true });
}

function everyCardIdIn(summary: EventSummary): string[] {
  return [
    ...summary.groups.flatMap((g) => g.byQuestion.flatMap((q) => q.messages.flatMap((m) => m.sourceCardIds))),
    ...summary.themes.flatMap((t) => t.sourceCardIds),
    ...summary.nextSteps.actions.flatMap((a) => a.sourceCardIds),
    ...summary.suggestions.flatMap((s) => s.cardIds),
    ...summary.appendix.rawCards.flatMap((r) => r.byQuestion.flatMap((q) => q.cards.map((c) => c.id))),
  ];
}

describe('draftSummary on the ADASS East fixture', () => {
  const input = fixtureDraftInput(fixture);
  const summary = draftSummary(input);
  const blocks = renderSummaryDocument(summary);

  it('has every expected section, in SCIE order, plus cross-cutting themes', () => {
    const sections = headingTexts(blocks, 1);
    for (const section of fixture.expectedInSummary.sections) expect(sections).toContain(section);
    expect(sections).toContain('Cross-cutting themes');
    const positions = fixture.expectedInSummary.sections.map((s) => sections.indexOf(s));
    expect(positions).toEqual([...positions].sort((a, b) => a - b));
    expect(sections.indexOf(sectionHeadings.themes)).toBeLessThan(sections.indexOf(sectionHeadings.nextSteps));
  });

  it('has a heading per room and a sub-heading per question', () => {
    const roomHeadings = headingTexts(blocks, 2);
    for (const topic of fixture.expectedInSummary.groupHeadings) expect(roomHeadings).toContain(topic);
    expect(summary.groups.map((g) => g.byQuestion.map((q) => q.questionId))).toEqual(
      fixture.rooms.map(() => ['worked-well', 'build-on', 'make-it-happen']),
    );
  });

  it('keeps every card as its own key message until a merge is accepted', () => {
    const total = fixture.rooms.reduce((n, r) => n + r.cards.length, 0);
    const messages = summary.groups.flatMap((g) => g.byQuestion.flatMap((q) => q.messages));
    expect(messages).toHaveLength(total);
    expect(messages.every((m) => m.sourceCardIds.length === 1 && !m.edited)).toBe(true);
  });

  it('ranks key messages by votes, earlier card first on a tie', () => {
    const workedWell = summary.groups.find((g) => g.roomId === 'workforce')?.byQuestion[0]?.messages ?? [];
    expect(workedWell.map((m) => m.votes)).toEqual([6, 3, 3, 2]);
    // Tariq's card (index 1) came before Uma's (index 2); both have 3 votes.
    expect(workedWell.map((m) => m.sourceCardIds[0])).toEqual(['workforce-0', 'workforce-1', 'workforce-2', 'workforce-3']);
    const buildOn = summary.groups.find((g) => g.roomId === 'provider-market')?.byQuestion[1]?.messages ?? [];
    expect(buildOn.map((m) => m.text.slice(0, 12))).toEqual(['New models a', 'Traditional ', 'Keep the rou']);
    expect(buildOn.map((m) => m.order)).toEqual([0, 1, 2]);
  });

  it('lists every card in the appendix with participation figures', () => {
    const appendixIds = summary.appendix.rawCards.flatMap((r) => r.byQuestion.flatMap((q) => q.cards.map((c) => c.id)));
    const allIds = input.boards.flatMap((b) => b.cards.map((c) => c.id));
    expect([...appendixIds].sort()).toEqual([...allIds].sort());
    const partnerships = summary.appendix.participation.find((p) => p.roomId === 'partnerships');
    expect(partnerships).toEqual({ roomId: 'partnerships', topic: 'Partnerships', participants: 8, cards: 5, votes: 18 });
    const table = blocks.filter((b) => b.kind === 'table').at(-1);
    const votes = fixture.rooms.flatMap((r) => r.cards.map((c) => c.votes)).reduce((a, b) => a + b, 0);
    expect(table?.kind === 'table' ? table.rows.at(-1) : undefined).toEqual(['Total', '35', '35', String(votes)]);
  });

  it('drafts next steps from the last question of the template, with provenance', () => {
    const lastQuestionCards = input.boards.flatMap((b) => b.cards.filter((c) => c.questionId === 'make-it-happen').map((c) => c.id));
    const actionSources = summary.nextSteps.actions.flatMap((a) => a.sourceCardIds);
    expect([...actionSources].sort()).toEqual([...lastQuestionCards].sort());
    expect(summary.nextSteps.closingText).toContain('business as usual');
  });

  it('suggests cross-cutting themes with their rooms in the event order, for a facilitator to decide', () => {
    const tech = summary.themes.find((t) => t.label === 'Digital technology');
    expect(tech?.roomIds).toEqual(['provider-market', 'co-production']);
    expect(tech).toMatchObject({ origin: 'drafted', status: 'suggested' });
  });

  it('offers both near-duplicate pairs as open suggestions', () => {
    for (const [a, b] of fixture.expectedInSummary.nearDuplicatePairs) {
      const ids = [cardIdByText(input, a), cardIdByText(input, b)].sort();
      const match = summary.suggestions.find((s) => [...s.cardIds].sort().join() === ids.join());
      expect(match?.status).toBe('open');
    }
  });

  it('leaves a hidden card out of every part of the summary', () => {
    const hiddenId = cardIdByText(input, 'Online meetings meant');
    const hiddenAction = cardIdByText(input, 'Keep sharing learning');
    const redacted = draftSummary(withHidden(withHidden(input, hiddenId), hiddenAction));
    expect(everyCardIdIn(redacted)).not.toContain(hiddenId);
    expect(everyCardIdIn(redacted)).not.toContain(hiddenAction);
    const text = JSON.stringify(renderSummaryDocument(redacted));
    expect(text).not.toContain('Online meetings meant');
    expect(text).not.toContain('Keep sharing learning');
    expect(JSON.stringify(blocks)).toContain('Online meetings meant');
  });

  it('works for the four-question template: four question groups per room', () => {
    const questions = appreciativeInquiry4d.questions;
    const fourD: DraftInput = {
      event: { ...input.event, questions },
      boards: input.boards.map((b) => ({
        ...b,
        cards: b.cards.map((c, i) => ({ ...c, questionId: questions[i % questions.length]?.id ?? '' })),
      })),
    };
    const drafted = draftSummary(fourD);
    for (const group of drafted.groups) expect(group.byQuestion.map((q) => q.prompt)).toEqual(questions.map((q) => q.prompt));
    const h3 = headingTexts(renderSummaryDocument(drafted), 3);
    expect(h3.filter((t) => t === questions[3]?.prompt)).toHaveLength(fixture.rooms.length);
    const deliverCards = fourD.boards.flatMap((b) => b.cards.filter((c) => c.questionId === 'deliver').map((c) => c.id));
    expect(drafted.nextSteps.actions.flatMap((a) => a.sourceCardIds).sort()).toEqual(deliverCards.sort());
  });
});
