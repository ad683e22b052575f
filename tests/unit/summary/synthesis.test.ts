import { describe, expect, it } from 'vitest';
import { draftSummary } from '../../../shared/summary/draftSummary';
import { renderSummaryDocument } from '../../../shared/summary/documentModel';
import type { DraftInput, EventSummary, KeyMessage } from '../../../shared/summary/summaryModel';
import { allMessages, locateMessage } from '../../../shared/summary/summaryLookup';
import {
  acceptSuggestion,
  editAction,
  editMessage,
  mergeMessages,
  promoteToNextStep,
  promoteToTheme,
  rejectSuggestion,
  removeAction,
  removeTheme,
  reorderMessage,
  setSummaryText,
  splitMessage,
} from '../../../shared/summary/synthesis';
import { cardIdByText, fixtureDraftInput } from '../../helpers/fixtureBoards';

const input = fixtureDraftInput();
const draft = draftSummary(input);
const id = (text: string) => cardIdByText(input, text);
const messageOf = (summary: EventSummary, cardId: string): KeyMessage | undefined =>
  allMessages(summary).find((m) => m.sourceCardIds.includes(cardId));
const suggestionFor = (summary: EventSummary, cardId: string) => summary.suggestions.find((s) => s.cardIds.includes(cardId));

function withNewCard(base: DraftInput, roomId: string, questionId: string, text: string, votes = 0): DraftInput {
  return {
    ...base,
    boards: base.boards.map((b) =>
      b.roomId !== roomId
        ? b
        : {
            ...b,
            cards: [...b.cards, { id: `${roomId}-new`, questionId, authorId: 'x', authorName: 'New', text, createdAt: Date.UTC(2021, 5, 18, 12), hidden: false }],
            votes: { ...b.votes, [`${roomId}-new`]: votes },
          },
    ),
  };
}

describe('synthesis operations', () => {
  const digital = id('Digital has allowed');
  const online = id('Online meetings');

  it('merges messages keeping every source card and summing votes, without touching the input', () => {
    const before = structuredClone(draft);
    const ids = [messageOf(draft, digital)?.id ?? '', messageOf(draft, online)?.id ?? ''];
    const merged = mergeMessages(draft, ids, 'Digital meetings let more people, including people with lived experience, take part');
    const message = messageOf(merged, online);
    expect(message?.sourceCardIds).toEqual([digital, online]);
    expect(message?.votes).toBe(6);
    expect(message?.edited).toBe(true);
    expect(messageOf(merged, digital)?.id).toBe(message?.id);
    expect(allMessages(merged)).toHaveLength(allMessages(draft).length - 1);
    expect(suggestionFor(merged, online)?.status).toBe('accepted');
    expect(draft).toEqual(before);
    expect(JSON.stringify(renderSummaryDocument(merged))).toContain('From 2 cards, 6 votes');
  });

  it('accepting a suggestion merges its cards under the most-voted wording', () => {
    const suggestion = suggestionFor(draft, online);
    const accepted = acceptSuggestion(draft, suggestion?.id ?? '');
    const message = messageOf(accepted, online);
    expect(message?.sourceCardIds.sort()).toEqual([digital, online].sort());
    expect(message?.text).toMatch(/^Digital has allowed/);
    expect(message?.edited).toBe(false);
    expect(accepted.suggestions.find((s) => s.id === suggestion?.id)?.status).toBe('accepted');
  });

  it('re-drafting after a new card keeps edited wording, accepted merges and rejections', () => {
    const voluntary = id('The voluntary and community');
    let shaped = acceptSuggestion(draft, suggestionFor(draft, online)?.id ?? '');
    shaped = rejectSuggestion(shaped, suggestionFor(shaped, voluntary)?.id ?? '');
    const workforceTop = messageOf(shaped, id('The dedication and hard work'))?.id ?? '';
    shaped = editMessage(shaped, workforceTop, 'Staff showed great dedication');
    shaped = setSummaryText(shaped, 'sessionNotes', 'Anthony and Valentina opened the session.');

    const next = withNewCard(input, 'workforce', 'worked-well', 'Teams covered for each other', 9);
    const redrafted = draftSummary(next, shaped);

    const edited = messageOf(redrafted, id('The dedication and hard work'));
    expect(edited?.text).toBe('Staff showed great dedication');
    expect(edited?.edited).toBe(true);
    expect(messageOf(redrafted, online)?.sourceCardIds.sort()).toEqual([digital, online].sort());
    expect(suggestionFor(redrafted, voluntary)?.status).toBe('rejected');
    expect(messageOf(redrafted, voluntary)?.sourceCardIds).toEqual([voluntary]);
    expect(messageOf(redrafted, 'workforce-new')?.text).toBe('Teams covered for each other');
    // Not reordered by hand, so the new 9-vote card ranks first.
    expect(redrafted.groups.find((g) => g.roomId === 'workforce')?.byQuestion[0]?.messages[0]?.sourceCardIds).toEqual(['workforce-new']);
    expect(redrafted.sessionNotes).toBe('Anthony and Valentina opened the session.');
    expect(allMessages(redrafted)).toHaveLength(allMessages(shaped).length + 1);
  });

  it('re-drafting keeps a facilitator order, and drops messages whose cards are all gone unless edited', () => {
    const last = draft.groups[0]?.byQuestion[0]?.messages.at(-1);
    const reordered = reorderMessage(draft, last?.id ?? '', 0);
    expect(reordered.groups[0]?.byQuestion[0]?.messages[0]?.id).toBe(last?.id);
    expect(reorderMessage(reordered, last?.id ?? '', 'down').groups[0]?.byQuestion[0]?.messages[1]?.id).toBe(last?.id);

    const gone = id('Traditional care homes');
    const kept = id('Keep the round-table');
    const shaped = editMessage(reordered, messageOf(reordered, kept)?.id ?? '', 'Keep meeting providers round the table');
    const without: DraftInput = {
      ...input,
      boards: input.boards.map((b) => ({ ...b, cards: b.cards.filter((c) => c.id !== gone && c.id !== kept) })),
    };
    const redrafted = draftSummary(without, shaped);
    expect(redrafted.groups[0]?.byQuestion[0]?.messages[0]?.id).toBe(last?.id);
    expect(messageOf(redrafted, gone)).toBeUndefined();
    const editedOrphan = allMessages(redrafted).find((m) => m.text === 'Keep meeting providers round the table');
    expect(editedOrphan?.sourceCardIds).toEqual([]);
  });

  it('splits a merge back into one message per card', () => {
    const merged = acceptSuggestion(draft, suggestionFor(draft, online)?.id ?? '');
    const split = splitMessage(merged, messageOf(merged, online)?.id ?? '');
    expect(messageOf(split, online)?.sourceCardIds).toEqual([online]);
    expect(messageOf(split, digital)?.sourceCardIds).toEqual([digital]);
    expect(suggestionFor(split, online)?.status).toBe('rejected');
  });

  it('promotes messages to themes and next steps with their provenance, surviving a re-draft', () => {
    const message = messageOf(draft, id('The enforced push'));
    let shaped = promoteToTheme(draft, message?.id ?? '');
    shaped = promoteToNextStep(shaped, message?.id ?? '');
    const theme = shaped.themes.at(-1);
    expect(theme?.sourceCardIds).toEqual(message?.sourceCardIds);
    expect(theme?.roomIds).toEqual(['workforce']);
    const action = shaped.nextSteps.actions.at(-1);
    expect(action?.sourceCardIds).toEqual(message?.sourceCardIds);
    const redrafted = draftSummary(input, shaped);
    expect(redrafted.themes.map((t) => t.id)).toContain(theme?.id);
    expect(redrafted.nextSteps.actions.map((a) => a.id)).toContain(action?.id);
  });

  it('keeps edited actions and remembers removed drafted ones', () => {
    const [first, second] = draft.nextSteps.actions;
    let shaped = editAction(draft, first?.id ?? '', { who: 'ADASS East', when: 'March 2022' });
    shaped = removeAction(shaped, second?.id ?? '');
    shaped = removeTheme(shaped, draft.themes[0]?.id ?? '');
    const redrafted = draftSummary(input, shaped);
    expect(redrafted.nextSteps.actions.find((a) => a.id === first?.id)).toMatchObject({ who: 'ADASS East', when: 'March 2022', edited: true });
    expect(redrafted.nextSteps.actions.map((a) => a.id)).not.toContain(second?.id);
    expect(redrafted.themes.map((t) => t.id)).not.toContain(draft.themes[0]?.id);
    expect(redrafted.themes).toHaveLength(draft.themes.length - 1);
  });

  it('merging messages of the last question updates the drafted actions', () => {
    const a = messageOf(draft, id('Ensure true flexible'));
    const b = messageOf(draft, id('Proper inductions'));
    const merged = mergeMessages(draft, [b?.id ?? '', a?.id ?? '']);
    const action = merged.nextSteps.actions.find((x) => x.sourceCardIds.includes(a?.sourceCardIds[0] ?? ''));
    expect(action?.sourceCardIds.sort()).toEqual([...(a?.sourceCardIds ?? []), ...(b?.sourceCardIds ?? [])].sort());
    expect(merged.nextSteps.actions).toHaveLength(draft.nextSteps.actions.length - 1);
    expect(locateMessage(merged, a?.id ?? '')).toBeUndefined();
  });

  it('refuses unknown ids', () => {
    expect(() => editMessage(draft, 'nope', 'x')).toThrow(/nope/);
    expect(() => acceptSuggestion(draft, 'nope')).toThrow(/nope/);
  });
});
