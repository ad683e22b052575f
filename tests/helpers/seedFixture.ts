import { addCard, readCards } from '../../shared/boardDoc';
import { boardDocName } from '../../shared/docNames';
import { createTestEvent, type CreatedTestEvent } from './apiClient';
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
    const board = connectProvider(baseUrl, boardDocName(event.info.id, room.id), event.facilitator.cookieHeader);
    await waitForSync(board.provider);
    room.cards.forEach((card, index) => {
      addCard(board.doc, { id: `${room.id}-${index}`, questionId: card.q, authorId: `seed-${card.by}`, authorName: card.by, text: card.text, createdAt: Date.now() + index });
    });
    // A second reader confirms the server committed and relayed every card before we move on.
    const check = connectProvider(baseUrl, boardDocName(event.info.id, room.id), event.facilitator.cookieHeader);
    await waitFor(() => readCards(check.doc).length === room.cards.length, 10_000, `cards of ${room.id}`);
    check.destroy();
    board.destroy();
  }
  return event;
}
