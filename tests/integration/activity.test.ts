import { describe, expect, it } from 'vitest';
import type { EventOverview } from '../../shared/activity';
import * as Y from 'yjs';
import { addCard, cardsOf } from '../../shared/boardDoc';
import { boardDocName } from '../../shared/docNames';
import { ApiClient, createTestEvent, joinAsParticipant, sampleEvent } from '../helpers/apiClient';
import { connectSocket, waitForEvent, type TestSocket } from '../helpers/socketClient';
import { serverWithEvent } from '../helpers/serverWithEvent';
import { cleanupsAfterEach } from '../helpers/testServer';
import { connectProvider, waitForSync } from '../helpers/yjsClient';

// The overview pushed to staff carries each person's activity, voting progress and totals (issue 15).

const cleanups = cleanupsAfterEach();

const ok = async <T>(promise: ReturnType<TestSocket['run']>): Promise<T> => {
  const result = await promise;
  if (!result.ok) throw new Error(JSON.stringify(result.error));
  return result.data as T;
};

describe('per-person activity in the staff overview', () => {
  it('counts cards from the boards and votes from the store, knows who is online, and adds up voting and totals', async () => {
    const { server, event } = await serverWithEvent(cleanups);
    const room = event.info.rooms[0]!;
    const amira = await joinAsParticipant(server.url, event.info.joinCode, 'Amira', room.id);
    const ben = await joinAsParticipant(server.url, event.info.joinCode, 'Ben', room.id);
    const facilitator = await connectSocket(server.url, event.info.id, event.facilitator.cookieHeader);
    const amiraSocket = await connectSocket(server.url, event.info.id, amira.cookieHeader);
    cleanups.push(() => facilitator.close(), () => amiraSocket.close());

    await ok(facilitator.run('phase:set', { phase: 'breakouts' }));
    const board = connectProvider(server.url, boardDocName(event.info.id, room.id), amira.cookieHeader);
    cleanups.push(() => board.destroy());
    await waitForSync(board.provider);
    const questionId = event.info.questions[0]!.id;
    for (const id of ['c1', 'c2']) addCard(board.doc, { id, questionId, authorId: amira.participantId, authorName: 'Amira', text: `Card ${id}`, createdAt: Date.now() });
    await ok(facilitator.run('voting:set', { open: true, votesPerPerson: 3 }));
    const pushed = waitForEvent<EventOverview>(facilitator.socket, 'overview', (o) => o.totals.votes === 2 && o.totals.cards === 2);
    // Cast once the cards are stored: the server refuses votes for cards it has not got.
    await expect.poll(async () => (await amiraSocket.run('vote:cast', { cardId: 'c1', delta: 1 })).ok, { timeout: 10_000 }).toBe(true);
    await ok(amiraSocket.run('vote:cast', { cardId: 'c2', delta: 1 }));
    const overview = await pushed;

    const [a, b] = [overview.people.find((p) => p.id === amira.participantId)!, overview.people.find((p) => p.id === ben.participantId)!];
    expect(a).toMatchObject({ label: 'Amira', roomId: room.id, cards: 2, votes: 2, voteAllowance: 3, online: true, contributed: true });
    expect(b).toMatchObject({ label: 'Ben', cards: 0, votes: 0, online: false, contributed: false });
    expect(a.lastActive).toBeGreaterThan(0);
    expect(overview.voting.find((v) => v.roomId === room.id)).toEqual({ roomId: room.id, used: 2, allowance: 6 });
    expect(overview.totals).toEqual({ joined: 2, online: 1, cards: 2, votes: 2, openHelp: 0 });
    expect(overview.stageSince).toBeGreaterThan(0);
    // The snapshot a reconnecting panel asks for says the same.
    expect((await ok<EventOverview>(facilitator.run('overview:get'))).people).toEqual(overview.people);

    // An edit that adds no card still counts as the room's latest activity: the server notes when it commits it.
    const beforeEdit = Date.now();
    const card = cardsOf(board.doc).get('c1')!;
    (card.get('text') as Y.Text).insert(0, 'Edited: ');
    const edited = await waitForEvent<EventOverview>(facilitator.socket, 'overview', (o) => (o.rooms.find((r) => r.roomId === room.id)?.lastActivity ?? 0) >= beforeEdit);
    expect(edited.rooms.find((r) => r.roomId === room.id)!.cardCount).toBe(2);
  });

  it('in an anonymous event, people are only "Participant N" in the overview', async () => {
    const { server } = await serverWithEvent(cleanups);
    const event = await createTestEvent(server.url, { ...sampleEvent, namesMode: 'anonymous' });
    // Anonymous joins carry no name at all; the server makes the label.
    await new ApiClient(server.url).json('POST', '/api/join', { joinCode: event.info.joinCode, roomId: event.info.rooms[0]!.id });
    const facilitator = await connectSocket(server.url, event.info.id, event.facilitator.cookieHeader);
    cleanups.push(() => facilitator.close());
    const overview = await ok<EventOverview>(facilitator.run('overview:get'));
    expect(overview.people.map((p) => p.label)).toEqual(['Participant 1']);
  });
});
