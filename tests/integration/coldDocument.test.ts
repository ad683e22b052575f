import Database from 'better-sqlite3';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { addCard, readCards } from '../../shared/boardDoc';
import { encodeSnapshotRowAsync } from '../../server/store/rowCodec';
import { joinedBoard } from '../helpers/joinedBoard';
import { cleanupsAfterEach, startTestServer } from '../helpers/testServer';
import { waitFor } from '../helpers/yjsClient';

// A board stored as one snapshot is served from those bytes and integrated only when needed. If that
// integration fails, the board must never be served, edited or compacted as an empty document.

const cleanups = cleanupsAfterEach();

async function boardWithCards() {
  const first = await startTestServer();
  const { participant: amira, docName: name, board } = await joinedBoard(first.url);
  for (let i = 0; i < 3; i++) addCard(board.doc, { id: `c${i}`, questionId: 'build-on', authorId: amira.participantId, authorName: 'Amira', text: `idea ${i}` });
  const served = await first.liveDocs.open(name);
  await waitFor(() => readCards(served.doc).length === 3);
  await first.liveDocs.settle();
  board.destroy();
  // A clean shutdown leaves the board as one snapshot with its state vector.
  await first.close();
  return { dataDir: first.dataDir, name };
}

const storedRows = (dataDir: string, name: string) => {
  const db = new Database(path.join(dataDir, 'roundtable.db'), { readonly: true });
  const rows = db.prepare('SELECT seq, codec, hex(data) AS data FROM doc_updates WHERE doc = ? ORDER BY seq').all(name);
  db.close();
  return rows;
};

describe('a cold board served from its stored snapshot', () => {
  it('is integrated on first use and then behaves like any board', async () => {
    const { dataDir, name } = await boardWithCards();
    expect(storedRows(dataDir, name)).toMatchObject([{ codec: 3 }]);
    const server = await startTestServer({ dataDir });
    cleanups.push(() => server.close());
    const live = await server.liveDocs.open(name);
    expect(live.fullState).not.toBeNull();
    expect(readCards(live.doc).map((c) => c.text)).toEqual(['idea 0', 'idea 1', 'idea 2']);
  });

  it('whose snapshot cannot be integrated is dropped, never compacted over what is stored', async () => {
    const { dataDir, name } = await boardWithCards();
    // Damage the snapshot so that its bytes no longer decode (its state vector stays intact).
    const db = new Database(path.join(dataDir, 'roundtable.db'));
    const seq = (db.prepare('SELECT seq FROM doc_updates WHERE doc = ?').get(name) as { seq: number }).seq;
    const good = new Y.Doc();
    addCard(good, { id: 'x', questionId: 'q', authorId: 'a', authorName: 'A', text: 'some text to cut short' });
    const cut = Y.encodeStateAsUpdate(good).slice(0, 20);
    const row = await encodeSnapshotRowAsync(cut, Y.encodeStateVector(good));
    db.prepare('UPDATE doc_updates SET codec = ?, data = ? WHERE doc = ? AND seq = ?').run(row.codec, row.data, name, seq);
    db.close();
    const damaged = storedRows(dataDir, name);

    const server = await startTestServer({ dataDir });
    const live = await server.liveDocs.open(name);
    expect(() => live.doc).toThrow();
    // Every later use throws too, instead of handing out an empty document.
    expect(() => live.doc).toThrow();
    await expect(server.liveDocs.withDoc(name, (d) => readCards(d.doc))).rejects.toThrow();
    await waitFor(() => server.liveDocs.loadedCount() === 0);
    await server.close();
    expect(storedRows(dataDir, name)).toEqual(damaged);
  });
});
