import JSZip from 'jszip';
import { describe, expect, it } from 'vitest';
import { addCard } from '../../shared/boardDoc';
import { boardDocName, summaryDocName } from '../../shared/docNames';
import { readSummary, writeSummary } from '../../shared/summary/summaryDoc';
import type { EventSummary } from '../../shared/summary/summaryModel';
import { editMessage } from '../../shared/summary/synthesis';
import { joinAsParticipant } from '../helpers/apiClient';
import { loadFixture } from '../helpers/fixtureBoards';
import { seedFixtureEvent } from '../helpers/seedFixture';
import { connectSocket } from '../helpers/socketClient';
import { cleanupsAfterEach, startTestServer } from '../helpers/testServer';
import { connectProvider, waitFor, waitForSync } from '../helpers/yjsClient';

const cleanups = cleanupsAfterEach();

const messagesOf = (s: EventSummary) => s.groups.flatMap((g) => g.byQuestion.flatMap((q) => q.messages));

describe('drafting the summary from live boards', () => {
  it('drafts into the shared summary document, keeps facilitators’ edits on re-draft, and exports it', async () => {
    const server = await startTestServer();
    cleanups.push(() => server.close());
    const fixture = loadFixture();
    const event = await seedFixtureEvent(server.url);
    const facilitator = await connectSocket(server.url, event.info.id, event.facilitator.cookieHeader);
    cleanups.push(() => facilitator.close());

    // Two real votes so ranking has something from the vote rows.
    const voter = await joinAsParticipant(server.url, event.info.joinCode, 'Voter', 'workforce');
    const voterSocket = await connectSocket(server.url, event.info.id, voter.cookieHeader);
    cleanups.push(() => voterSocket.close());
    await facilitator.run('voting:set', { open: true, votesPerPerson: 3 });
    expect((await voterSocket.run('vote:cast', { cardId: 'workforce-3', delta: 1 })).ok).toBe(true);
    expect((await voterSocket.run('vote:cast', { cardId: 'workforce-3', delta: 1 })).ok).toBe(true);

    // A facilitator's editor is open on the summary document while the server drafts into it.
    const editor = connectProvider(server.url, summaryDocName(event.info.id), event.facilitator.cookieHeader);
    cleanups.push(() => editor.destroy());
    await waitForSync(editor.provider);
    const drafted = await facilitator.run('summary:draft');
    expect(drafted).toMatchObject({ ok: true, data: { messages: 35, suggestions: 2 } });
    await waitFor(() => readSummary(editor.doc) !== null, 10_000, 'draft to reach the editor');
    const summary = readSummary(editor.doc)!;
    expect(summary.groups.map((g) => g.topic)).toEqual(fixture.rooms.map((r) => r.topic));
    const workforceFirst = summary.groups.find((g) => g.roomId === 'workforce')!.byQuestion[0]!.messages[0]!;
    expect(workforceFirst.sourceCardIds).toEqual(['workforce-3']);

    // The facilitator rewords a message in their editor; then a new card arrives and they re-draft.
    const target = messagesOf(summary).find((m) => m.sourceCardIds.includes('partnerships-0'))!;
    writeSummary(editor.doc, editMessage(summary, target.id, 'Organisations let their barriers go'));
    const board = connectProvider(server.url, boardDocName(event.info.id, 'partnerships'), event.facilitator.cookieHeader);
    cleanups.push(() => board.destroy());
    await waitForSync(board.provider);
    addCard(board.doc, { id: 'late-card', questionId: 'build-on', ...event.facilitatorAuthor, text: 'Shared training across health and care' });
    const fresh = connectProvider(server.url, summaryDocName(event.info.id), event.facilitator.cookieHeader);
    cleanups.push(() => fresh.destroy());
    await waitFor(() => messagesOf(readSummary(fresh.doc) ?? summary).some((m) => m.text === 'Organisations let their barriers go'), 10_000, 'edit to be stored');
    const again = await facilitator.run('summary:draft');
    expect(again).toMatchObject({ ok: true, data: { messages: 36 } });
    await waitFor(() => messagesOf(readSummary(editor.doc)!).some((m) => m.sourceCardIds.includes('late-card')), 10_000, 're-draft');
    const redrafted = readSummary(editor.doc)!;
    expect(messagesOf(redrafted).find((m) => m.id === target.id)?.text).toBe('Organisations let their barriers go');

    // Exports: the organiser can download; the Word file holds the headings and the edited message.
    const docx = await event.organiser.request('GET', `/api/events/${event.info.id}/export/docx`);
    expect(docx.status).toBe(200);
    expect(docx.headers.get('content-disposition')).toMatch(/attachment; filename=".+\.docx"/);
    const zip = await JSZip.loadAsync(Buffer.from(await docx.arrayBuffer()));
    const xml = await zip.file('word/document.xml')!.async('string');
    for (const text of ['Introduction', 'Key messages from groups', 'Provider market', 'Organisations let their barriers go', 'Shared training across health and care']) {
      expect(xml).toContain(text);
    }
    const csv = await (await event.facilitator.request('GET', `/api/events/${event.info.id}/export/csv`)).text();
    expect(csv.trim().split('\r\n')).toHaveLength(1 + 35 + 1);
    const json = JSON.parse(await (await event.organiser.request('GET', `/api/events/${event.info.id}/export/json`)).text());
    expect(JSON.stringify(json)).toContain('Shared training across health and care');
  });

  it('only facilitators draft and write the summary; participants cannot export it', async () => {
    const server = await startTestServer();
    cleanups.push(() => server.close());
    const event = await seedFixtureEvent(server.url);
    const participant = await joinAsParticipant(server.url, event.info.joinCode, 'Amira', 'workforce');
    const socket = await connectSocket(server.url, event.info.id, participant.cookieHeader);
    cleanups.push(() => socket.close());
    expect(await socket.run('summary:draft')).toMatchObject({ ok: false, error: { code: 'forbidden' } });
    expect((await participant.request('GET', `/api/events/${event.info.id}/export/docx`)).status).toBe(403);
    expect((await fetch(`${server.url}/api/events/${event.info.id}/export/docx`)).status).toBe(401);
    expect((await event.organiser.request('GET', `/api/events/${event.info.id}/export/exe`)).status).toBe(404);

    const facilitator = await connectSocket(server.url, event.info.id, event.facilitator.cookieHeader);
    cleanups.push(() => facilitator.close());
    expect((await facilitator.run('summary:draft')).ok).toBe(true);
    // The organiser reads the summary document but cannot change it.
    const organiser = connectProvider(server.url, summaryDocName(event.info.id), event.organiser.cookieHeader);
    cleanups.push(() => organiser.destroy());
    await waitFor(() => readSummary(organiser.doc) !== null);
    const original = readSummary(organiser.doc)!;
    writeSummary(organiser.doc, { ...original, title: 'Hacked' });
    const facilitatorView = connectProvider(server.url, summaryDocName(event.info.id), event.facilitator.cookieHeader);
    cleanups.push(() => facilitatorView.destroy());
    await waitForSync(facilitatorView.provider);
    // Another facilitator write after the organiser's proves the organiser's was refused, not late.
    const current = readSummary(facilitatorView.doc)!;
    writeSummary(facilitatorView.doc, { ...current, nextSteps: { ...current.nextSteps, closingText: 'marker' } });
    await waitFor(() => readSummary(organiser.doc)?.nextSteps.closingText === 'marker');
    const reopened = connectProvider(server.url, summaryDocName(event.info.id), event.facilitator.cookieHeader);
    cleanups.push(() => reopened.destroy());
    await waitForSync(reopened.provider);
    expect(readSummary(reopened.doc)!.title).toBe(original.title);
  });
});
