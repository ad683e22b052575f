import { boardDocName } from '../../shared/docNames';
import { createTestEvent, joinAsParticipant } from './apiClient';
import { connectProvider, waitForSync } from './yjsClient';

/** A new event on the server and one participant connected, and synced, to their room's board. */
export async function joinedBoard(url: string, name = 'Amira') {
  const event = await createTestEvent(url);
  const roomId = event.info.rooms[0]!.id;
  const participant = await joinAsParticipant(url, event.info.joinCode, name, roomId);
  const docName = boardDocName(event.info.id, roomId);
  const board = connectProvider(url, docName, participant.cookieHeader);
  await waitForSync(board.provider);
  return { event, roomId, participant, docName, board };
}
