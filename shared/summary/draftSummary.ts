import type { AppendixRoom, DraftInput, EventSummary, KeyMessage, Participation, QuestionMessages, RoomCard, RoomGroup, Theme } from './summaryModel';
import { messageFromCard, numbered, rankMessages, refreshMessage } from './keyMessages';
import { draftSuggestions } from './mergeSuggestions';
import { defaultMethodText, defaultThinkingIntro } from './method';
import { syncActions } from './nextSteps';
import { reconcileDrafted } from './reconcile';
import { layoutSetting } from './sections';
import { suggestThemes } from './themes';
import { indexById, sumVotes, visibleRoomCards } from './visibleCards';

// Drafts the event summary from the boards. With `previous`, it is a re-draft: facilitators' work
// (edited wording, merges, decisions, order, themes and actions) is kept, and only what the boards
// changed is brought in.

export { defaultThinkingIntro } from './method';
/** The method text of an Appreciative Inquiry event (method.ts words other templates' own). */
export const defaultMethod = defaultMethodText(undefined);

type Cards = ReadonlyMap<string, RoomCard>;

export function draftSummary(input: DraftInput, previous?: EventSummary): EventSummary {
  const { event } = input;
  const cardList = visibleRoomCards(input);
  const cards = indexById(cardList);
  const kept = keptMessages(previous, cards, input);
  const covered = new Set([...kept.values()].flat().flatMap((m) => m.sourceCardIds));
  const groups: RoomGroup[] = event.rooms.map((room) => ({
    roomId: room.id,
    topic: room.topic,
    byQuestion: event.questions.map((question): QuestionMessages => {
      const key = locationKey(room.id, question.id);
      const before = previous?.groups.find((g) => g.roomId === room.id)?.byQuestion.find((q) => q.questionId === question.id);
      const added = cardList
        .filter((c) => c.roomId === room.id && c.questionId === question.id && !covered.has(c.id))
        .map(messageFromCard);
      const keptHere = kept.get(key) ?? [];
      const manualOrder = before?.manualOrder ?? false;
      const messages = manualOrder ? [...keptHere, ...rankMessages(added, cards)] : rankMessages([...keptHere, ...added], cards);
      return { questionId: question.id, prompt: question.prompt, messages: numbered(messages), manualOrder };
    }),
  }));
  const summary: EventSummary = {
    title: event.title,
    date: event.date,
    organiser: event.organiser,
    introduction: event.introduction,
    objectives: event.objectives,
    agenda: event.agenda,
    sessionNotes: previous?.sessionNotes ?? event.sessionNotes ?? '',
    thinkingAppreciatively: {
      intro: previous?.thinkingAppreciatively.intro ?? defaultThinkingIntro,
      topics: event.rooms.map((r) => r.topic),
      questions: event.questions.map((q) => q.prompt),
    },
    groups,
    themes: draftThemes(cardList, previous, event.rooms.map((r) => r.id)),
    nextSteps: { closingText: previous?.nextSteps.closingText ?? event.closingText ?? '', actions: previous?.nextSteps.actions ?? [] },
    appendix: {
      method: previous?.appendix.method ?? event.methodText ?? defaultMethodText(event.templateId),
      rawCards: appendixCards(input, cardList),
      participation: participation(input, cardList),
    },
    suggestions: draftSuggestions(cardList, groups, previous?.suggestions),
    dismissed: previous?.dismissed ?? { themeIds: [], actionIds: [] },
    ...(event.templateId === undefined ? {} : { templateId: event.templateId }),
    questions: event.questions.map(({ id, prompt, secondField }) => (secondField ? { id, prompt, secondField } : { id, prompt })),
    // The facilitators' shape and layout survive a re-draft; the event's layout is only the starting point.
    ...(previous?.sections ? { sections: previous.sections } : {}),
    layout: previous?.layout ?? layoutSetting(event.summaryLayout) ?? 'by-room',
  };
  return syncActions(summary, (id) => cards.has(id));
}

function locationKey(roomId: string, questionId: string): string {
  return `${roomId}\u0000${questionId}`;
}

/**
 * Previous messages that survive, by room and question. An unedited message stays only while one
 * of its cards is still visible under its question (a moved card takes its message along); an
 * edited one stays while its question does.
 */
function keptMessages(previous: EventSummary | undefined, cards: Cards, input: DraftInput): Map<string, KeyMessage[]> {
  const kept = new Map<string, KeyMessage[]>();
  const roomIds = new Set(input.event.rooms.map((r) => r.id));
  const questionIds = new Set(input.event.questions.map((q) => q.id));
  for (const group of previous?.groups ?? []) {
    if (!roomIds.has(group.roomId)) continue;
    for (const q of group.byQuestion) {
      if (!questionIds.has(q.questionId)) continue;
      const stays = q.messages
        .map((m) => refreshMessage(m, cards))
        .filter(
          (m) =>
            m.edited ||
            m.sourceCardIds.some((id) => cards.get(id)?.roomId === group.roomId && cards.get(id)?.questionId === q.questionId),
        );
      kept.set(locationKey(group.roomId, q.questionId), stays);
    }
  }
  return kept;
}

function draftThemes(cardList: readonly RoomCard[], previous: EventSummary | undefined, roomOrder: string[]): Theme[] {
  const cards = indexById(cardList);
  const fresh = suggestThemes(cardList).map(
    (s): Theme => ({
      ...s,
      roomIds: [...s.roomIds].sort((a, b) => roomOrder.indexOf(a) - roomOrder.indexOf(b)),
      description: '',
      edited: false,
      origin: 'drafted',
    }),
  );
  return reconcileDrafted(previous?.themes ?? [], fresh, previous?.dismissed.themeIds ?? [], (theme) => {
    const sourceCardIds = theme.sourceCardIds.filter((id) => cards.has(id));
    const roomIds = [...new Set(sourceCardIds.map((id) => cards.get(id)?.roomId ?? ''))].filter(Boolean);
    return { ...theme, sourceCardIds, roomIds: roomIds.length ? roomIds : theme.roomIds, votes: sumVotes(sourceCardIds, cards) };
  });
}

function appendixCards(input: DraftInput, cardList: readonly RoomCard[]): AppendixRoom[] {
  return input.event.rooms.map((room) => ({
    roomId: room.id,
    topic: room.topic,
    byQuestion: input.event.questions.map((q) => ({
      questionId: q.id,
      prompt: q.prompt,
      cards: cardList
        .filter((c) => c.roomId === room.id && c.questionId === q.id)
        .map(({ id, text, author, votes, createdAt, detail }) => ({ id, text, author, votes, createdAt, ...(detail ? { detail } : {}) })),
    })),
  }));
}

function participation(input: DraftInput, cardList: readonly RoomCard[]): Participation[] {
  return input.event.rooms.map((room) => {
    const roomCards = cardList.filter((c) => c.roomId === room.id);
    return {
      roomId: room.id,
      topic: room.topic,
      participants: input.boards.find((b) => b.roomId === room.id)?.participantCount ?? 0,
      cards: roomCards.length,
      votes: roomCards.reduce((sum, c) => sum + c.votes, 0),
    };
  });
}
