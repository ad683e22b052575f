import { describe, expect, it } from 'vitest';
import { addAuthorCards, agoText, eventTotals, noteVoteChanges, personActivity, personLabel, votingProgress, type AuthorCards, type ActivityInput } from '../../shared/activity';
import { needsAttention, type AttentionInput } from '../../shared/attention';
import type { HelpRequest } from '../../shared/control';
import type { RoomOverview } from '../../shared/overview';
import type { Participant } from '../../shared/types';

const t0 = Date.parse('2025-05-01T10:00:00Z');
const minute = 60_000;
const person = (id: string, name: string, roomId: string, joinedAt = t0): Participant => ({ id, eventId: 'e', roomId, name, joinedAt: new Date(joinedAt).toISOString() });
const people = [person('p1', 'Amira', 'workforce'), person('p2', 'Ben', 'workforce'), person('p3', 'Chen', 'housing')];

function input(overrides: Partial<ActivityInput> = {}): ActivityInput {
  return {
    info: { namesMode: 'shown', assignmentMode: 'self-select' },
    placement: { since: 0, placed: [] },
    participants: people,
    authors: addAuthorCards(new Map<string, AuthorCards>(), [
      { authorId: 'p1', createdAt: t0 + 2 * minute },
      { authorId: 'p1', createdAt: t0 + 5 * minute },
      { authorId: 'facilitator-1', createdAt: t0 + 6 * minute },
    ]),
    votes: [
      { roomId: 'workforce', cardId: 'c1', voterId: 'p1', count: 2 },
      { roomId: 'workforce', cardId: 'c2', voterId: 'p1', count: 1 },
      // A vote from a room they have since left does not count against their allowance here.
      { roomId: 'housing', cardId: 'c9', voterId: 'p2', count: 1 },
    ],
    votesPerPerson: 3,
    help: [],
    online: new Set(['p1', 'p3']),
    votedAt: new Map([['p1', t0 + 8 * minute]]),
    ...overrides,
  };
}

describe('per-person activity', () => {
  it('counts cards and votes per person, with the latest thing they did and whether they contributed', () => {
    const [amira, ben, chen] = personActivity(input());
    expect(amira).toEqual({ id: 'p1', label: 'Amira', roomId: 'workforce', cards: 2, votes: 3, voteAllowance: 3, lastActive: t0 + 8 * minute, online: true, contributed: true, waiting: false });
    expect(ben).toMatchObject({ label: 'Ben', cards: 0, votes: 0, lastActive: t0, online: false, contributed: false });
    expect(chen).toMatchObject({ cards: 0, contributed: false, online: true });
  });

  it('in facilitator placement, someone not placed yet is waiting; once placed they are not', () => {
    const facilitatorPlaced = { namesMode: 'shown', assignmentMode: 'facilitator' } as const;
    expect(personActivity(input({ info: facilitatorPlaced, placement: { since: t0, placed: ['p2'] } })).map((p) => p.waiting)).toEqual([true, false, true]);
    expect(personActivity(input({ info: facilitatorPlaced, placement: { since: t0 + minute, placed: [] } })).map((p) => p.waiting)).toEqual([false, false, false]);
  });

  it('a help request counts as activity', () => {
    const help: HelpRequest[] = [{ id: 'h1', participantId: 'p2', name: 'Ben', roomId: 'workforce', at: t0 + 9 * minute, status: 'sent' }];
    expect(personActivity(input({ help }))[1]!.lastActive).toBe(t0 + 9 * minute);
  });

  it('anonymous events label people only "Participant N", even if a name was stored', () => {
    const anonymous = [person('p1', 'Participant 1', 'workforce'), person('p2', 'Rhiannon', 'workforce')];
    expect(personActivity(input({ info: { namesMode: 'anonymous', assignmentMode: 'self-select' }, participants: anonymous })).map((p) => p.label)).toEqual(['Participant 1', 'Participant 2']);
    expect(personLabel({ namesMode: 'hidden' }, { name: 'Rhiannon' }, 0)).toBe('Rhiannon');
  });

  it('voting progress per room is votes used of votes per person × people there; totals add up', () => {
    const activity = personActivity(input());
    expect(votingProgress(['workforce', 'housing', 'empty'], activity, 3)).toEqual([
      { roomId: 'workforce', used: 3, allowance: 6 },
      { roomId: 'housing', used: 0, allowance: 3 },
      { roomId: 'empty', used: 0, allowance: 0 },
    ]);
    const help: HelpRequest[] = [
      { id: 'h1', participantId: 'p2', name: 'Ben', roomId: 'workforce', at: t0, status: 'seen' },
      { id: 'h2', participantId: 'p3', name: 'Chen', roomId: 'housing', at: t0, status: 'handled' },
    ];
    expect(eventTotals([{ cardCount: 3 }, { cardCount: 0 }], activity, help)).toEqual({ joined: 3, online: 2, cards: 3, votes: 3, openHelp: 1 });
  });

  it('vote changes are stamped only once the server has looked before', () => {
    const first = noteVoteChanges(undefined, [{ roomId: 'r', cardId: 'c', voterId: 'p1', count: 1 }], t0);
    expect(first.get('p1')).toEqual({ total: 1, at: null });
    const same = noteVoteChanges(first, [{ roomId: 'r', cardId: 'c', voterId: 'p1', count: 1 }], t0 + minute);
    expect(same.get('p1')).toEqual({ total: 1, at: null });
    const more = noteVoteChanges(same, [
      { roomId: 'r', cardId: 'c', voterId: 'p1', count: 2 },
      { roomId: 'r', cardId: 'c', voterId: 'p2', count: 1 },
    ], t0 + 2 * minute);
    expect(more.get('p1')).toEqual({ total: 2, at: t0 + 2 * minute });
    expect(more.get('p2')).toEqual({ total: 1, at: t0 + 2 * minute });
  });

  it('says how long ago in words', () => {
    expect(agoText(null, t0)).toBe('not yet');
    expect(agoText(t0, t0 + 30_000)).toBe('just now');
    expect(agoText(t0, t0 + 2 * minute + 5_000)).toBe('2 min ago');
    expect(agoText(t0, t0 + 65 * minute)).toBe('1 h 5 min ago');
    expect(agoText(t0, t0 + 120 * minute)).toBe('2 h ago');
  });
});

describe('needs attention', () => {
  const room = (roomId: string, topic: string, cardCount: number, participants: { id: string; online: boolean }[]): RoomOverview => ({
    roomId,
    topic,
    participants: participants.map((p) => ({ ...p, name: p.id })),
    cardsByQuestion: {},
    cardCount,
    hiddenCount: 0,
    lastActivity: null,
    locked: false,
    openHelp: 0,
    voteTotals: {},
  });
  const overview = (): AttentionInput['overview'] => ({
    rooms: [
      room('workforce', 'Workforce', 2, [{ id: 'p1', online: true }, { id: 'p2', online: true }]),
      room('housing', 'Housing', 0, [{ id: 'p3', online: false }]),
      room('spare', 'Spare', 0, []),
    ],
    people: personActivity(input({ online: new Set(['p1', 'p2']) })),
    stageSince: t0,
  });
  const state = (phase: 'breakouts' | 'voting' | 'welcome', help: HelpRequest[] = []): AttentionInput['state'] => ({ phase, voting: { open: phase === 'voting', votesPerPerson: 3, revealed: false }, help });

  it('in the writing stage, after N minutes: who has not contributed, rooms with nobody online or no cards; help first', () => {
    const help: HelpRequest[] = [{ id: 'h1', participantId: 'p2', name: 'Ben', roomId: 'workforce', at: t0, status: 'sent' }];
    const items = needsAttention({ overview: { ...overview(), people: personActivity(input({ online: new Set(['p1', 'p2']) })) }, state: state('breakouts', help), afterMs: 3 * minute, now: t0 + 10 * minute });
    expect(items.map((i) => i.kind)).toEqual(['help', 'not-contributed', 'not-contributed', 'room-offline', 'room-no-cards']);
    expect(items[0]!.text).toBe('Ben asked for help in Workforce');
    expect(items[1]!.text).toBe('Ben has not contributed yet (Workforce)');
    expect(items[2]!.text).toBe('Chen has not contributed yet (Housing, offline)');
    expect(items[3]!.text).toBe('Nobody is online in Housing');
    expect(items[4]!.text).toBe('Housing has no cards yet');
    expect(items.every((i) => i.advice.length > 0)).toBe(true);
  });

  it('someone waiting for a room is listed at once, after help, and not as "not contributed"', () => {
    const people = personActivity(input({ info: { namesMode: 'shown', assignmentMode: 'facilitator' }, placement: { since: t0, placed: ['p1', 'p3'] } }));
    const items = needsAttention({ overview: { ...overview(), people }, state: state('breakouts'), afterMs: 3 * minute, now: t0 + 10 * minute });
    expect(items.filter((i) => i.kind === 'waiting').map((i) => i.text)).toEqual(['Ben is waiting for a room']);
    expect(items.some((i) => i.kind === 'not-contributed' && i.text.startsWith('Ben'))).toBe(false);
  });

  it('nobody is listed before N minutes of the stage (or of their joining)', () => {
    expect(needsAttention({ overview: overview(), state: state('breakouts'), afterMs: 3 * minute, now: t0 + 2 * minute }).map((i) => i.kind)).toEqual(['room-offline']);
    const late = { ...overview(), people: personActivity(input({ participants: [person('p9', 'Dee', 'workforce', t0 + 9 * minute)] })) };
    expect(needsAttention({ overview: late, state: state('breakouts'), afterMs: 3 * minute, now: t0 + 10 * minute }).filter((i) => i.kind === 'not-contributed')).toEqual([]);
  });

  it('while voting, people who have not voted; outside the live stages, only help', () => {
    const voting = needsAttention({ overview: overview(), state: state('voting'), afterMs: 0, now: t0 + minute });
    expect(voting.filter((i) => i.kind === 'not-voted').map((i) => i.text)).toEqual(['Ben has not voted yet (Workforce)', 'Chen has not voted yet (Housing)']);
    expect(needsAttention({ overview: overview(), state: state('welcome'), afterMs: 0, now: t0 + minute })).toEqual([]);
  });
});
