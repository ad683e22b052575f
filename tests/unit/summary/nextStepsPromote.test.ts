import { describe, expect, it } from 'vitest';
import { countOf } from '../../../shared/summary/counts';
import { draftSummary } from '../../../shared/summary/draftSummary';
import { provenanceNote, renderSummaryDocument } from '../../../shared/summary/documentModel';
import { editMessage, promoteToNextStep, removeAction } from '../../../shared/summary/synthesis';
import { fixtureDraftInput } from '../../helpers/fixtureBoards';

describe('Make a next step', () => {
  const summary = draftSummary(fixtureDraftInput());
  const last = summary.groups[0]!.byQuestion.at(-1)!.messages[0]!;
  const first = summary.groups[0]!.byQuestion[0]!.messages[0]!;

  it('on a last-question message already drafted as an action adds no second row', () => {
    const before = summary.nextSteps.actions.filter((a) => a.sourceCardIds.join() === last.sourceCardIds.join());
    expect(before).toHaveLength(1);
    const after = promoteToNextStep(summary, last.id);
    expect(after.nextSteps.actions).toEqual(summary.nextSteps.actions);
  });

  it('after the drafted action was removed, brings it back once, and edits do not duplicate it', () => {
    const removed = removeAction(summary, `action-${last.id}`);
    const promoted = promoteToNextStep(removed, last.id);
    const edited = editMessage(promoted, last.id, 'Reworded');
    const rows = (s: typeof summary) => s.nextSteps.actions.filter((a) => a.sourceCardIds.join() === last.sourceCardIds.join());
    expect(rows(promoted)).toHaveLength(1);
    expect(rows(edited)).toHaveLength(1);
  });

  it('on another question adds one action, and twice is a no-op', () => {
    const once = promoteToNextStep(summary, first.id);
    expect(once.nextSteps.actions).toHaveLength(summary.nextSteps.actions.length + 1);
    expect(promoteToNextStep(once, first.id)).toBe(once);
  });
});

describe('count grammar', () => {
  it('says 1 card, 1 vote, 1 group', () => {
    expect(countOf(1, 'card')).toBe('1 card');
    expect(countOf(0, 'card')).toBe('0 cards');
    expect(provenanceNote({ sourceCardIds: ['a'], votes: 1 })).toBe('From 1 card, 1 vote');
    const text = JSON.stringify(renderSummaryDocument(draftSummary(fixtureDraftInput())));
    expect(text).not.toMatch(/\b1 (cards|votes|groups|rooms)\b/);
  });
});
