import type { EventInfo, NamesMode, Role } from './types';

// Names on the boards (issue 14). One event setting decides what a participant can learn about who wrote
// what: 'shown' (as before), 'hidden' (only facilitators see names) or 'anonymous' (no name exists at all).
// These pure rules are shared: the server enforces them, the client follows them.

export const namesModes = ['shown', 'hidden', 'anonymous'] as const satisfies readonly NamesMode[];

/** Events stored before the setting existed show names, as they always did. */
export function namesModeOf(info: Pick<EventInfo, 'namesMode'>): NamesMode {
  return info.namesMode ?? 'shown';
}

/** Whether participants see each other's names. */
export function othersSeeNames(mode: NamesMode): boolean {
  return mode === 'shown';
}

/** The `authorName` a new card carries: the writer's name only where names are shown, otherwise ''. */
export function cardAuthorName(mode: NamesMode, writerName: string): string {
  return othersSeeNames(mode) ? writerName : '';
}

export const namesModeChoices: Record<NamesMode, { label: string; explanation: string }> = {
  shown: { label: 'Names shown', explanation: 'Everyone gives a name; cards and the people list show who wrote what.' },
  hidden: { label: 'Names hidden from other participants', explanation: 'Everyone gives a name, but only facilitators see it; participants see cards without names.' },
  anonymous: { label: 'Anonymous', explanation: 'Nobody is asked for a name, and nobody — not even facilitators — can see who wrote what.' },
};

export const anonymousJoinExplanation =
  'This workshop is anonymous: you won’t be asked for your name, and nobody — not even the facilitators — can see who wrote what.';

export const hiddenJoinExplanation = 'Only the facilitators see your name. Other participants see your cards without it.';

/** Why the setting cannot change once someone has joined: people wrote under the promise they were given. */
export const namesLockedMessage =
  "Names can't be changed once people have joined: they wrote under the setting they were shown, and changing it would reveal or re-label what they wrote.";

const pseudonymPattern = /^Participant (\d{1,9})$/;

/** The server-made label of an anonymous participant, the next number after those already given. */
export function nextPseudonym(existingNames: readonly string[]): string {
  const taken = existingNames.map((name) => Number(pseudonymPattern.exec(name)?.[1] ?? 0));
  return `Participant ${Math.max(0, ...taken) + 1}`;
}

/** Presence (awareness) identity as the server stamps it: a name only where names are shown. */
export function presenceUser(mode: NamesMode, who: { participantId: string; name: string; role: Role }): { id: string; role: Role; name?: string } {
  return othersSeeNames(mode) ? { id: who.participantId, name: who.name, role: who.role } : { id: who.participantId, role: who.role };
}

const roles: readonly string[] = ['participant', 'facilitator', 'organiser'] satisfies Role[];
const isPlainObject = (value: unknown): value is Record<string, unknown> => typeof value === 'object' && value !== null && !Array.isArray(value);
const isShortString = (value: unknown) => typeof value === 'string' && value.length <= 100;

/**
 * Where names are not shown, a presence state is checked positively: only `user` ({ id, role }) and
 * `typingIn` (a card id or null), and never a name. Returns what is wrong, or null. Where names are shown
 * the server stamps the name itself, so nothing here needs refusing.
 */
export function presenceStateProblem(mode: NamesMode, state: Record<string, unknown>): string | null {
  if (othersSeeNames(mode)) return null;
  for (const [key, value] of Object.entries(state)) {
    if (key === 'typingIn') {
      if (value !== null && !isShortString(value)) return "presence 'typingIn' is a card id or null";
    } else if (key === 'user') {
      if (!isPlainObject(value)) return "presence 'user' is an object";
      if ('name' in value) return 'presence carries no name in this workshop';
      for (const [field, fieldValue] of Object.entries(value)) {
        if (field === 'id' ? !isShortString(fieldValue) : field !== 'role' || !roles.includes(fieldValue as string)) return `presence 'user' has no '${field}' like this`;
      }
    } else {
      return key === 'name' ? 'presence carries no name in this workshop' : `presence has no '${key}'`;
    }
  }
  return null;
}

/** "Amira, Ben typing…" where names are shown; otherwise nobody is named. */
export function typingText(mode: NamesMode, names: readonly string[]): string {
  if (names.length === 0) return '';
  if (othersSeeNames(mode)) return `${names.join(', ')} typing…`;
  return someoneTypingText(names.length);
}

/** "Someone is typing…" / "3 people are typing…": typing, counted, named nobody. */
export function someoneTypingText(count: number): string {
  return count === 1 ? 'Someone is typing…' : `${count} people are typing…`;
}

/** The polite announcement of cards others added; names only where names are shown. */
export function newCardsAnnouncement(mode: NamesMode, cards: readonly { authorName: string }[], prompts: readonly string[]): string {
  if (cards.length === 1) {
    const under = prompts[0] ?? 'a question';
    const author = othersSeeNames(mode) ? cards[0]!.authorName : '';
    return author ? `${author} added a card under ${under}.` : `A card was added under ${under}.`;
  }
  return `${cards.length} new cards under ${prompts.join('; ')}.`;
}

/** "5 people in this room", for presence lists that name nobody. */
export function peopleCountText(count: number): string {
  return `${count} ${count === 1 ? 'person' : 'people'} in this room`;
}
