import type { Card, EventInfo, Objective, ObjectiveWithPoints, Question } from '../types';
import type { SummarySection } from './sections';

// The event summary as plain data, modelled on SCIE event summaries. It is what facilitators edit
// (via synthesis.ts) and what the document model renders. Every key message, theme and action keeps
// the ids of the cards it came from, so any sentence can be traced back to what a group wrote.

/** The event's own front matter, which the summary shows as the event has it. */
export type EventFrontMatter = Pick<EventInfo, 'title' | 'date' | 'organiser' | 'introduction' | 'objectives' | 'agenda'>;

/** The event's current front matter, to refresh the summary's copy when the details change. */
export function frontMatterOf(event: EventFrontMatter): EventFrontMatter {
  const { title, date, organiser, introduction, objectives, agenda } = event;
  return { title, date, organiser, introduction, objectives, agenda };
}

/** Either shape of an objective as text and sub-points (plain-text objectives have none). */
export function objectiveParts(objective: Objective): ObjectiveWithPoints {
  return typeof objective === 'string' ? { text: objective, points: [] } : objective;
}

/** What drafting needs to know about the event; EventInfo satisfies it. */
export interface SummaryEventInput extends EventFrontMatter, Pick<EventInfo, 'questions' | 'rooms'> {
  /** Optional starting text; facilitators' edits to these win on re-draft. */
  sessionNotes?: string;
  closingText?: string;
  methodText?: string;
  /** Decides the method's wording: Appreciative Inquiry text only for an AI template (see method.ts). */
  templateId?: string;
  /** The event's chosen key-message layout, if it has one (EventInfo gains it in issue 13). */
  summaryLayout?: KeyMessageLayout;
}

/** Key messages room → question → messages (SCIE's shape), or question → one table with a row per room. */
export type KeyMessageLayout = 'by-room' | 'by-question';

export interface RoomBoard {
  roomId: string;
  cards: Card[];
  /** Votes per card id; a missing entry means no votes. */
  votes: Record<string, number>;
  participantCount: number;
}

export interface DraftInput {
  event: SummaryEventInput;
  boards: RoomBoard[];
}

/** A visible (non-hidden) card with the context drafting needs, flattened across rooms. */
export interface RoomCard {
  id: string;
  roomId: string;
  questionId: string;
  text: string;
  author: string;
  votes: number;
  createdAt: number;
  /** The card's second field (labelled by Question.secondField), when the board has one. */
  detail?: string;
}

export interface KeyMessage {
  id: string;
  text: string;
  sourceCardIds: string[];
  votes: number;
  /** True once a facilitator wrote the wording: re-drafting never replaces it. */
  edited: boolean;
  order: number;
}

export interface QuestionMessages {
  questionId: string;
  prompt: string;
  messages: KeyMessage[];
  /** True once a facilitator reordered: re-drafting then keeps their order instead of re-ranking. */
  manualOrder: boolean;
}

export interface RoomGroup {
  roomId: string;
  topic: string;
  byQuestion: QuestionMessages[];
}

export type Origin = 'drafted' | 'facilitator';

export interface Theme {
  id: string;
  label: string;
  description: string;
  sourceCardIds: string[];
  roomIds: string[];
  votes: number;
  edited: boolean;
  origin: Origin;
  /**
   * 'suggested': drafted from the boards and not printed until a facilitator accepts or describes it.
   * Absent (themes stored before issue 13, promoted messages) or 'accepted': printed.
   */
  status?: ThemeStatus;
  /** For a drafted theme, one line on the cards behind it, to help decide (never printed). */
  evidence?: string;
}

export type ThemeStatus = 'suggested' | 'accepted';

export interface Action {
  id: string;
  what: string;
  who: string;
  when: string;
  sourceCardIds: string[];
  edited: boolean;
  origin: Origin;
}

export type SuggestionStatus = 'open' | 'accepted' | 'rejected';

export interface MergeSuggestion {
  id: string;
  roomId: string;
  questionId: string;
  cardIds: string[];
  similarity: number;
  reason: string;
  status: SuggestionStatus;
}

export interface RawCard {
  id: string;
  text: string;
  author: string;
  votes: number;
  createdAt: number;
  detail?: string;
}

export interface AppendixRoom {
  roomId: string;
  topic: string;
  byQuestion: { questionId: string; prompt: string; cards: RawCard[] }[];
}

export interface Participation {
  roomId: string;
  topic: string;
  participants: number;
  cards: number;
  votes: number;
}

export interface EventSummary extends EventFrontMatter {
  sessionNotes: string;
  thinkingAppreciatively: { intro: string; topics: string[]; questions: string[] };
  groups: RoomGroup[];
  themes: Theme[];
  nextSteps: { closingText: string; actions: Action[] };
  appendix: { method: string; rawCards: AppendixRoom[]; participation: Participation[] };
  suggestions: MergeSuggestion[];
  /** Drafted themes/actions a facilitator removed: re-drafting must not bring them back. */
  dismissed: { themeIds: string[]; actionIds: string[] };
  /** Absent in summaries drafted before issue 13 (all Appreciative Inquiry events then). */
  templateId?: string;
  /** The event's questions with their second-field labels; absent in older summaries (see sections.ts). */
  questions?: Question[];
  /** The document's sections in order; absent in older summaries, which read as the default list. */
  sections?: SummarySection[];
  layout?: KeyMessageLayout;
}
