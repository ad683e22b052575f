// Domain types shared by server and client. Plain data only.

export type Role = 'participant' | 'facilitator' | 'organiser';

export interface Question {
  id: string;
  prompt: string;
  /** Help text shown under the prompt (optional). */
  hint?: string;
  /** Label of an optional second field on each card, e.g. "What enabled it?" (the card's `detail`). */
  secondField?: string;
}

export interface RoomTemplate {
  id: string;
  topic: string;
}

export interface Template {
  id: string;
  name: string;
  description: string;
  questions: Question[];
  rooms: RoomTemplate[];
}

export interface AgendaItem {
  item: string;
  who: string;
}

/**
 * A learning objective: plain text, or text with sub-points (SCIE summaries nest one level). Events
 * stored before sub-points existed hold only strings, and still read as they are.
 */
export type Objective = string | ObjectiveWithPoints;

export interface ObjectiveWithPoints {
  text: string;
  points: string[];
}

export interface Room {
  id: string;
  topic: string;
}

export type AssignmentMode = 'self-select' | 'facilitator' | 'auto';

/** How the summary groups cards: one section per room, or one per question across rooms. */
export type SummaryLayout = 'by-room' | 'by-question';

/**
 * Whose names the boards carry: 'shown' (cards and presence name their writers), 'hidden' (participants
 * give a name that only facilitators see) or 'anonymous' (no name is asked for or stored at all).
 */
export type NamesMode = 'shown' | 'hidden' | 'anonymous';

/** Event metadata as stored and served (secrets excluded: see EventSecrets). */
export interface EventInfo {
  id: string;
  title: string;
  date: string;
  organiser: string;
  introduction: string;
  objectives: Objective[];
  agenda: AgendaItem[];
  templateId: string;
  questions: Question[];
  rooms: Room[];
  assignmentMode: AssignmentMode;
  /** Set on every new event; absent only on events stored before it existed, which read as 'by-room'. */
  summaryLayout?: SummaryLayout;
  /** Absent on events stored before it existed, which read as 'shown' (see namesModeOf). */
  namesMode?: NamesMode;
  joinCode: string;
  createdAt: string;
}

export interface EventSecrets {
  facilitatorKey: string;
  organiserKey: string;
}

/** Links handed back once, when an event is created. */
export interface EventLinks {
  facilitator: string;
  organiser: string;
  participant: string;
  joinCode: string;
}

/** What a signed token grants. Scope comes only from here, never from message fields. */
export interface TokenClaims {
  role: Role;
  eventId: string;
  /** A participant's room is looked up on the server at every check, so a move takes effect at once. */
  participantId: string;
  name: string;
  /** Staff sessions: the event link they were opened with and its generation (shared/links.ts). */
  link?: string;
  gen?: number;
  /** Expiry, seconds since epoch. */
  exp: number;
}

export interface Card {
  id: string;
  questionId: string;
  authorId: string;
  authorName: string;
  text: string;
  /** The card's second field, when its question asks for one (`Question.secondField`). */
  detail?: string;
  createdAt: number;
  hidden: boolean;
}

export interface Participant {
  id: string;
  eventId: string;
  roomId: string;
  name: string;
  joinedAt: string;
}
