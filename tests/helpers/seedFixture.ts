import { addCard, readCards } from '../../shared/boardDoc';
import { boardDocName } from '../../shared/docNames';
import { createTestEvent, joinAsParticipant, type CreatedTestEvent } from './apiClient';
import { loadFixture } from './fixtureBoards';
import { connectProvider, waitFor, waitForSync } from './yjsClient';

/** Creates the ADASS East event on a running server and writes every fixture card onto its live boards. */
export async function seedFixtureEvent(baseUrl: string): Promise<CreatedTestEvent> {
  const fixture = loadFixture();
  const { title, date, organiser, introduction, objectives, agenda } = fixture.event;
  const event = await createTestEvent(baseUrl, {
    title,
    date,
    organiser,
    introduction,
    objectives,
    agenda,
    rooms: fixture.rooms.map((r) => ({ id: r.id, topic: r.topic })),
  });
  for (const room of fixture.rooms) {
    // Each author joins and writes their own cards: the server accepts cards only in the writer's name.
    const authors = [...new Set(room.cards.map((card) => card.by))];
    const boards = [];
    for (const author of authors) {
      const person = await joinAsParticipant(baseUrl, event.info.joinCode, author, room.id);
      const board = connectProvider(baseUrl, boardDocName(event.info.id, room.id), person.cookieHeader);
      await waitForSync(board.provider);
      room.cards.forEach((card, index) => {
        if (card.by !== author) return;
        addCard(board.doc, { id: `${room.id}-${index}`, questionId: card.q, authorId: person.participantId, authorName: author, text: card.text, createdAt: Date.now() + index });
      });
      boards.push(board);
    }
    // A second reader confirms the server committed and relayed every card before we move on.
    const check = connectProvider(baseUrl, boardDocName(event.info.id, room.id), event.facilitator.cookieHeader);
    await waitFor(() => readCards(check.doc).length === room.cards.length, 10_000, `cards of ${room.id}`);
    check.destroy();
    for (const board of boards) board.destroy();
  }
  return event;
}
