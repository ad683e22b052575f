import { describe, expect, it } from 'vitest';
import { addCard, readCards } from '../../shared/boardDoc';
import { remainingMs, type RoomView } from '../../shared/control';
import { boardDocName } from '../../shared/docNames';
import { joinAsParticipant } from '../helpers/apiClient';
import { connectSocket, waitForEvent, type TestSocket } from '../helpers/socketClient';
import { serverWithEvent } from '../helpers/serverWithEvent';
import { cleanupsAfterEach, startTestServer } from '../helpers/testServer';
import { connectProvider, waitFor, waitForSync } from '../helpers/yjsClient';

const cleanups = cleanupsAfterEach();

async function setup() {
  const { server, event } = await serverWithEvent(cleanups);
  const [roomA, roomB] = event.info.rooms as [{ id: string; topic: string }, { id: string; topic: string }];
  const amira = await joinAsParticipant(server.url, event.info.joinCode, 'Amira', roomA.id);
  const ben = await joinAsParticipant(server.url, event.info.joinCode, 'Ben', roomB.id);
  const open = async (cookie: string) => {
    const socket = await connectSocket(server.url, event.info.id, cookie);
    cleanups.push(() => socket.close());
    return socket;
  };
  return { server, event, roomA, roomB, amira, ben, facilitator: await open(event.facilitator.cookieHeader), a: await open(amira.cookieHeader), b: await open(ben.cookieHeader), open };
}

const ok = async (promise: ReturnType<TestSocket['run']>) => {
  const result = await promise;
  if (!result.ok) throw new Error(JSON.stringify(result.error));
  return result.data;
};

describe('running a session over socket.io', () => {
  it('phases are pushed to participants, and survive a reconnect and a restart', async () => {
    const { server, event, facilitator, a, amira } = await setup();
    const pushed = waitForEvent<RoomView>(a.socket, 'control', (v) => v.phase === 'breakouts');
    await ok(facilitator.run('phase:set', { phase: 'breakouts' }));
    expect((await pushed).phase).toBe('breakouts');
    // Pushes can be missed: a client that reconnects re-fetches the snapshot.
    const again = await connectSocket(server.url, event.info.id, amira.cookieHeader);
    cleanups.push(() => again.close());
    expect((await ok(again.run('control:get'))).view.phase).toBe('breakouts');

    await ok(facilitator.run('phase:set', { phase: 'review' }));
    await server.close();
    cleanups.splice(0);
    const restarted = await startTestServer({ dataDir: server.dataDir });
    cleanups.push(() => restarted.close());
    const after = await connectSocket(restarted.url, event.info.id, amira.cookieHeader);
    cleanups.push(() => after.close());
    const view = (await ok(after.run('control:get'))).view as RoomView;
    expect(view.phase).toBe('review');
    expect(view.canWrite).toBe(false);
  });

  it('the timer is computed from server time: start, pause, add time, per-room override', async () => {
    const { facilitator, a, b, roomA } = await setup();
    const started = waitForEvent<RoomView>(a.socket, 'control', (v) => v.timer.status === 'running');
    await ok(facilitator.run('timer:start', { seconds: 300 }));
    const view = await started;
    const left = remainingMs(view.timer, view.serverNow);
    expect(left).toBeGreaterThan(295_000);
    expect(left).toBeLessThanOrEqual(300_000);
    expect(view.timer.endsAt! - view.serverNow).toBe(left);

    const paused = (await ok(facilitator.run('timer:pause', {}))).timer;
    expect(paused.status).toBe('paused');
    const pausedLeft = paused.remainingMs;
    await new Promise((r) => setTimeout(r, 50));
    const snapshot = (await ok(a.run('control:get'))).view as RoomView;
    expect(remainingMs(snapshot.timer, snapshot.serverNow)).toBe(pausedLeft);

    const added = (await ok(facilitator.run('timer:add', { seconds: 60 }))).timer;
    expect(added.remainingMs).toBe(pausedLeft + 60_000);
    const resumed = (await ok(facilitator.run('timer:resume', {}))).timer;
    expect(resumed.status).toBe('running');

    // A room's own timer overrides the event timer for that room only.
    await ok(facilitator.run('timer:start', { roomId: roomA.id, seconds: 30 }));
    const aView = (await ok(a.run('control:get'))).view as RoomView;
    const bView = (await ok(b.run('control:get'))).view as RoomView;
    expect(aView.timer.durationMs).toBe(30_000);
    expect(bView.timer.durationMs).toBe(360_000);
  });

  it('broadcasts reach every room, or only the room they are sent to, and are kept in a history', async () => {
    const { facilitator, a, b, roomA } = await setup();
    const toAllA = waitForEvent<RoomView>(a.socket, 'control', (v) => v.broadcasts.some((m) => m.text === 'Ten minutes left'));
    const toAllB = waitForEvent<RoomView>(b.socket, 'control', (v) => v.broadcasts.some((m) => m.text === 'Ten minutes left'));
    await ok(facilitator.run('broadcast:send', { text: 'Ten minutes left' }));
    await Promise.all([toAllA, toAllB]);
    const onlyA = waitForEvent<RoomView>(a.socket, 'control', (v) => v.broadcasts.some((m) => m.text === 'Room A: please pick a scribe'));
    await ok(facilitator.run('broadcast:send', { roomId: roomA.id, text: 'Room A: please pick a scribe' }));
    await onlyA;
    const bView = (await ok(b.run('control:get'))).view as RoomView;
    expect(bView.broadcasts.map((m) => m.text)).toEqual(['Ten minutes left']);
    const full = await ok(facilitator.run('control:get'));
    expect(full.state.broadcasts.map((m: { text: string }) => m.text)).toEqual(['Ten minutes left', 'Room A: please pick a scribe']);
  });

  it('moving a participant switches their board live', async () => {
    const { server, event, facilitator, a, amira, roomA, roomB } = await setup();
    const oldBoard = connectProvider(server.url, boardDocName(event.info.id, roomA.id), amira.cookieHeader);
    cleanups.push(() => oldBoard.destroy());
    await waitForSync(oldBoard.provider);
    const closed = new Promise<number>((resolve) => oldBoard.provider.once('connection-close', (e: CloseEvent | null) => resolve(e?.code ?? 0)));
    const moved = a.next<{ roomId: string }>('moved');
    await ok(facilitator.run('participant:move', { participantId: amira.participantId, roomId: roomB.id }));
    expect((await moved).roomId).toBe(roomB.id);
    expect(await closed).toBe(4409);
    oldBoard.destroy();
    const me = await amira.json<{ me: { roomId: string } }>('GET', `/api/events/${event.info.id}`);
    expect(me.me.roomId).toBe(roomB.id);
    const newBoard = connectProvider(server.url, boardDocName(event.info.id, roomB.id), amira.cookieHeader);
    cleanups.push(() => newBoard.destroy());
    await waitForSync(newBoard.provider);
    expect((await ok(a.run('control:get'))).roomId).toBe(roomB.id);
  });

  it('dot-voting: per-voter limits, hidden totals until revealed, and concurrent voters all counted', async () => {
    const { server, event, facilitator, a, amira, roomA, open } = await setup();
    const board = connectProvider(server.url, boardDocName(event.info.id, roomA.id), amira.cookieHeader);
    cleanups.push(() => board.destroy());
    await waitForSync(board.provider);
    addCard(board.doc, { id: 'c1', questionId: 'worked-well', authorId: amira.participantId, authorName: 'Amira', text: 'one' });
    addCard(board.doc, { id: 'c2', questionId: 'worked-well', authorId: amira.participantId, authorName: 'Amira', text: 'two' });
    const fac = connectProvider(server.url, boardDocName(event.info.id, roomA.id), event.facilitator.cookieHeader);
    cleanups.push(() => fac.destroy());
    await waitFor(() => readCards(fac.doc).length === 2);

    expect(await a.run('vote:cast', { cardId: 'c1', delta: 1 })).toMatchObject({ ok: false, error: { code: 'voting_closed' } });
    await ok(facilitator.run('voting:set', { open: true, votesPerPerson: 2 }));
    expect(await ok(a.run('vote:cast', { cardId: 'c1', delta: 1 }))).toEqual({ myVotes: { c1: 1 }, votesLeft: 1 });
    expect(await ok(a.run('vote:cast', { cardId: 'c1', delta: 1 }))).toEqual({ myVotes: { c1: 2 }, votesLeft: 0 });
    expect(await a.run('vote:cast', { cardId: 'c2', delta: 1 })).toMatchObject({ ok: false, error: { code: 'no_votes_left' } });
    expect(await ok(a.run('vote:cast', { cardId: 'c1', delta: -1 }))).toEqual({ myVotes: { c1: 1 }, votesLeft: 1 });
    expect(await a.run('vote:cast', { cardId: 'nope', delta: 1 })).toMatchObject({ ok: false, error: { code: 'unknown_card' } });
    expect((await ok(a.run('control:get'))).totals).toBeNull();

    // Ten people vote at the same moment: every vote is its own row, none is lost.
    const voters = await Promise.all(
      Array.from({ length: 10 }, async (_, i) => {
        const p = await joinAsParticipant(server.url, event.info.joinCode, `Voter ${i}`, roomA.id);
        return open(p.cookieHeader);
      }),
    );
    await Promise.all(voters.map((v) => ok(v.run('vote:cast', { cardId: 'c2', delta: 1 }))));
    // One voter double-clicks past the limit: exactly two of three attempts succeed.
    const burst = await Promise.all([0, 1, 2].map(() => voters[0]!.run('vote:cast', { cardId: 'c1', delta: 1 })));
    expect(burst.filter((r) => r.ok)).toHaveLength(1);

    const revealed = waitForEvent<{ totals: Record<string, number> }>(a.socket, 'votes', () => true);
    await ok(facilitator.run('voting:set', { open: false, revealed: true }));
    expect((await revealed).totals).toEqual({ c1: 2, c2: 10 });
    const overview = await ok(facilitator.run('overview:get'));
    expect(overview.rooms.find((r: { roomId: string }) => r.roomId === roomA.id).voteTotals).toEqual({ c1: 2, c2: 10 });
  });

  it('help requests reach the facilitator with the room, and can be marked handled', async () => {
    const { facilitator, a, roomA } = await setup();
    const help = await ok(a.run('help:request'));
    expect(help).toMatchObject({ roomId: roomA.id, name: 'Amira', status: 'sent' });
    const overview = await ok(facilitator.run('overview:get'));
    expect(overview.rooms.find((r: { roomId: string }) => r.roomId === roomA.id).openHelp).toBe(1);
    const state = (await ok(facilitator.run('control:get'))).state;
    expect(state.help).toHaveLength(1);
    await ok(facilitator.run('help:resolve', { helpId: help.id }));
    // The participant is told it was handled (issue 15), rather than the request just vanishing.
    expect((await ok(a.run('control:get'))).myHelp).toMatchObject({ id: help.id, status: 'handled' });
  });

  it('rooms can be added, renamed and removed, moving their cards and people', async () => {
    const { server, event, facilitator, amira, a, roomA, roomB } = await setup();
    const board = connectProvider(server.url, boardDocName(event.info.id, roomA.id), amira.cookieHeader);
    cleanups.push(() => board.destroy());
    await waitForSync(board.provider);
    addCard(board.doc, { id: 'keep-me', questionId: 'build-on', authorId: amira.participantId, authorName: 'Amira', text: 'keep me' });
    const fac = connectProvider(server.url, boardDocName(event.info.id, roomA.id), event.facilitator.cookieHeader);
    cleanups.push(() => fac.destroy());
    await waitFor(() => readCards(fac.doc).length === 1);

    const added = await ok(facilitator.run('room:add', { topic: 'Housing' }));
    expect(added).toEqual({ id: 'housing', topic: 'Housing' });
    await ok(facilitator.run('room:rename', { roomId: 'housing', topic: 'Housing and homes' }));
    const moved = a.next<{ roomId: string }>('moved');
    const result = await ok(facilitator.run('room:remove', { roomId: roomA.id, moveTo: roomB.id, cards: 'move' }));
    expect(result).toEqual({ movedCards: 1, movedPeople: 1, cardsDeleted: false });
    expect((await moved).roomId).toBe(roomB.id);
    const info = await event.facilitator.json<{ event: { rooms: { id: string; topic: string }[] } }>('GET', `/api/events/${event.info.id}`);
    expect(info.event.rooms.map((r) => r.topic)).not.toContain(roomA.topic);
    expect(info.event.rooms.at(-1)).toEqual({ id: 'housing', topic: 'Housing and homes' });
    const target = connectProvider(server.url, boardDocName(event.info.id, roomB.id), event.facilitator.cookieHeader);
    cleanups.push(() => target.destroy());
    await waitForSync(target.provider);
    expect(readCards(target.doc).map((c) => c.text)).toEqual(['keep me']);
    expect(await facilitator.run('room:remove', { roomId: roomB.id, moveTo: roomB.id, cards: 'move' })).toMatchObject({ ok: false, error: { code: 'same_room' } });
  });
});
