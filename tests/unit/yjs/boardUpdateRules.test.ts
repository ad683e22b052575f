import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { addCard, cardDetailOf, cardsOf, cardTextOf, deleteCard, hideCard, moveCard, readCards, showCard } from '../../../shared/boardDoc';
import { limits } from '../../../shared/limits';
import { catchUp, clientOf, facilitator, offer, participant, updateFrom } from '../../helpers/boardPeers';
import { encodeUpdate, itemWithKey, rewriteUpdate } from '../../helpers/craftUpdate';

// The board's positive schema check, on hand-built updates and no server (docConnection calls the same
// checkUpdate before Y.applyUpdate). Each crafted form below was accepted and stored before.

const ann = participant('p-ann', 'Ann');
const mal = participant('p-mal', 'Mallory');

function boardWithAnnsCard() {
  const server = new Y.Doc();
  const annDoc = clientOf(server, 11);
  const created = updateFrom(annDoc, (d) => addCard(d, { id: 'card-ann', questionId: 'worked-well', authorId: ann.participantId, authorName: ann.name, text: 'Joint working' }));
  expect(offer(server, created, ann)).toEqual({ accepted: true });
  const malDoc = clientOf(server, 22);
  return { server, annDoc, malDoc };
}

describe('honest updates are accepted', () => {
  it('add, type, move, delete own card; edit anyone’s text; a facilitator deletes any card', () => {
    const { server, annDoc, malDoc } = boardWithAnnsCard();
    expect(offer(server, updateFrom(annDoc, (d) => cardTextOf(d, 'card-ann')!.insert(13, ' with the NHS')), ann).accepted).toBe(true);
    catchUp(malDoc, server);
    expect(offer(server, updateFrom(malDoc, (d) => cardTextOf(d, 'card-ann')!.delete(0, 6)), mal).accepted).toBe(true);
    expect(offer(server, updateFrom(malDoc, (d) => moveCard(d, 'card-ann', 'build-on')), mal).accepted).toBe(true);
    catchUp(annDoc, server);
    expect(offer(server, updateFrom(annDoc, (d) => deleteCard(d, 'card-ann')), ann).accepted).toBe(true);
    const host = clientOf(server, 33);
    expect(offer(server, updateFrom(host, (d) => addCard(d, { id: 'card-host', questionId: 'build-on', authorId: 'f-host', authorName: 'Host', text: 'Scribed' })), facilitator()).accepted).toBe(true);
    catchUp(malDoc, server);
    expect(offer(server, updateFrom(malDoc, (d) => addCard(d, { id: 'card-mal', questionId: 'build-on', authorId: mal.participantId, authorName: mal.name })), mal).accepted).toBe(true);
    catchUp(host, server);
    expect(offer(server, updateFrom(host, (d) => deleteCard(d, 'card-mal')), facilitator()).accepted).toBe(true);
    expect(readCards(server).map((c) => [c.id, c.text])).toEqual([['card-host', 'Scribed']]);
  });

  it('an offline session’s whole state in one sync step 2 (created, moved twice, typed, deleted text)', () => {
    const server = new Y.Doc();
    const offline = clientOf(server, 44);
    addCard(offline, { id: 'card-1', questionId: 'worked-well', authorId: ann.participantId, authorName: ann.name, text: 'draft' });
    moveCard(offline, 'card-1', 'build-on');
    moveCard(offline, 'card-1', 'make-it-happen');
    cardTextOf(offline, 'card-1')!.delete(0, 5);
    cardTextOf(offline, 'card-1')!.insert(0, 'Peer support');
    addCard(offline, { id: 'card-2', questionId: 'worked-well', authorId: ann.participantId, authorName: ann.name, text: 'gone' });
    deleteCard(offline, 'card-2');
    expect(offer(server, Y.encodeStateAsUpdate(offline, Y.encodeStateVector(server)), ann)).toEqual({ accepted: true });
    expect(readCards(server).map((c) => [c.id, c.questionId, c.text])).toEqual([['card-1', 'make-it-happen', 'Peer support']]);
  });
});

describe('crafted updates are refused before they touch the board', () => {
  it('(1a) a card whose author is written with the legacy ContentJSON kind', () => {
    const { server, malDoc } = boardWithAnnsCard();
    const honest = updateFrom(malDoc, (d) => addCard(d, { id: 'card-forged', questionId: 'worked-well', authorId: mal.participantId, authorName: mal.name, text: 'x' }));
    const forged = rewriteUpdate(honest, (structs) => {
      for (const key of ['authorId', 'authorName']) {
        const item = itemWithKey(structs, key);
        item.content = new Y.ContentJSON([key === 'authorId' ? ann.participantId : ann.name]);
      }
      return structs;
    });
    expect(offer(server, forged, mal)).toMatchObject({ accepted: false, reason: 'malformed' });
    expect(cardsOf(server).has('card-forged')).toBe(false);
  });

  it('(1a) a card written in someone else’s name', () => {
    const { server, malDoc } = boardWithAnnsCard();
    const forged = updateFrom(malDoc, (d) => addCard(d, { id: 'card-forged', questionId: 'worked-well', authorId: ann.participantId, authorName: ann.name }));
    expect(offer(server, forged, mal)).toMatchObject({ accepted: false, reason: 'refused' });
  });

  it('(1b) taking over a card by overwriting authorId with the delete set stripped, then deleting it', () => {
    const { server, malDoc } = boardWithAnnsCard();
    const takeover = updateFrom(malDoc, (d) => cardsOf(d).get('card-ann')!.set('authorId', mal.participantId));
    const stripped = rewriteUpdate(takeover, (structs) => structs);
    expect(offer(server, takeover, mal)).toMatchObject({ accepted: false, reason: 'refused' });
    expect(offer(server, stripped, mal)).toMatchObject({ accepted: false, reason: 'refused' });
    expect(readCards(server)[0]!.authorId).toBe(ann.participantId);
    const deletion = updateFrom(malDoc, (d) => deleteCard(d, 'card-ann'));
    expect(offer(server, deletion, mal)).toMatchObject({ accepted: false, reason: 'refused' });
    expect(cardsOf(server).has('card-ann')).toBe(true);
  });

  it('(1c) un-hiding, changing id or createdAt, replacing a whole card', () => {
    const { server, malDoc } = boardWithAnnsCard();
    const host = clientOf(server, 33);
    // Hidden by the server on a facilitator's command (a transaction of the server's own).
    cardsOf(server).get('card-ann')!.set('hidden', true);
    catchUp(malDoc, server);
    for (const change of [
      (d: Y.Doc) => cardsOf(d).get('card-ann')!.set('hidden', false),
      (d: Y.Doc) => cardsOf(d).get('card-ann')!.set('id', 'card-other'),
      (d: Y.Doc) => cardsOf(d).get('card-ann')!.set('createdAt', 1),
      (d: Y.Doc) => cardsOf(d).get('card-ann')!.delete('authorName'),
      (d: Y.Doc) => cardTextOf(d, 'card-ann')!.insert(0, 'typed into a hidden card '),
      (d: Y.Doc) => addCard(d, { id: 'card-ann', questionId: 'worked-well', authorId: mal.participantId, authorName: mal.name, text: 'replaced' }),
    ]) {
      expect(offer(server, updateFrom(malDoc, change), mal)).toMatchObject({ accepted: false, reason: 'refused' });
    }
    catchUp(host, server);
    // Facilitators cannot un-hide through Yjs either: that is the server's command, which restores the text.
    expect(offer(server, updateFrom(host, (d) => cardsOf(d).get('card-ann')!.set('hidden', false)), facilitator())).toMatchObject({ accepted: false });
    expect(readCards(server)).toMatchObject([{ id: 'card-ann', hidden: true, authorId: ann.participantId }]);
  });

  it('(3) junk roots, arrays, extra fields, nested types and long strings', () => {
    const { server } = boardWithAnnsCard();
    const attempts: Array<(d: Y.Doc) => void> = [
      (d) => d.getMap('junk').set('k', 'x'.repeat(200_000)),
      (d) => d.getArray('list').insert(0, Array.from({ length: 30_000 }, (_, i) => i)),
      (d) => d.getText('notes').insert(0, 'free text outside any card'),
      (d) => addCard(d, { id: 'card-extra', questionId: 'worked-well', authorId: mal.participantId, authorName: mal.name }) ?? cardsOf(d).get('card-extra')!.set('extra', 'x'.repeat(200_000)),
      (d) => cardsOf(d).get('card-ann')!.set('extra', 'x'),
      (d) => cardTextOf(d, 'card-ann')!.insert(0, 'x'.repeat(limits.cardChars + 1)),
      (d) => cardTextOf(d, 'card-ann')!.format(0, 3, { bold: true }),
      (d) => cardTextOf(d, 'card-ann')!.insertEmbed(0, { image: 'https://example.org/x.png' }),
      (d) => cardsOf(d).set('not-a-map', new Y.Text('x') as never),
      (d) => {
        const card = new Y.Map<unknown>();
        cardsOf(d).set('card-nested', card);
        card.set('text', new Y.Map());
      },
    ];
    for (const [i, attempt] of attempts.entries()) {
      // A fresh copy each time: a refused change stays in the sender's copy, and later ones would build on it.
      const outcome = offer(server, updateFrom(clientOf(server, 100 + i), attempt), mal);
      expect(outcome.accepted, `attempt ${i}`).toBe(false);
    }
    expect([...server.share.keys()]).toEqual(['cards']);
    expect(readCards(server).map((c) => [c.id, c.text])).toEqual([['card-ann', 'Joint working']]);
  });

  it('a card with a field missing, or a value of the wrong kind', () => {
    const { server, malDoc } = boardWithAnnsCard();
    const honest = updateFrom(malDoc, (d) => addCard(d, { id: 'card-x', questionId: 'worked-well', authorId: mal.participantId, authorName: mal.name }));
    const withoutCreatedAt = rewriteUpdate(honest, (structs) => structs.filter((s) => !(s instanceof Y.Item && s.parentSub === 'createdAt')));
    expect(offer(server, withoutCreatedAt, mal).accepted).toBe(false);
    const createdAtAsText = rewriteUpdate(honest, (structs) => {
      itemWithKey(structs, 'createdAt').content = new Y.ContentAny(['yesterday']);
      return structs;
    });
    expect(offer(server, createdAtAsText, mal)).toMatchObject({ accepted: false, reason: 'malformed' });
  });

  it('an item whose neighbours sit in two different places', () => {
    const { server, malDoc } = boardWithAnnsCard();
    catchUp(malDoc, server);
    addCard(malDoc, { id: 'card-mal', questionId: 'worked-well', authorId: mal.participantId, authorName: mal.name, text: 'mine' });
    const sync = Y.encodeStateAsUpdate(malDoc, Y.encodeStateVector(server));
    expect(offer(server, sync, mal).accepted).toBe(true);
    const insert = updateFrom(malDoc, (d) => cardTextOf(d, 'card-mal')!.insert(2, '!'));
    const annText = cardTextOf(server, 'card-ann')!._start!;
    const spliced = rewriteUpdate(insert, (structs) => {
      (structs[0] as Y.Item).rightOrigin = annText.id;
      return structs;
    });
    expect(offer(server, spliced, mal)).toMatchObject({ accepted: false, reason: 'malformed' });
    expect(encodeUpdate([], []).byteLength).toBeGreaterThan(0);
  });
});

describe('the second field (detail)', () => {
  it('a card may carry it from creation; anyone in the room types into it; it is never added later', () => {
    const { server, malDoc } = boardWithAnnsCard();
    const withDetail = updateFrom(malDoc, (d) => addCard(d, { id: 'card-d', questionId: 'worked-well', authorId: mal.participantId, authorName: mal.name, text: 'Peer support', detail: 'Funding' }));
    expect(offer(server, withDetail, mal)).toEqual({ accepted: true });
    expect(offer(server, updateFrom(malDoc, (d) => cardDetailOf(d, 'card-d')!.insert(7, ' from the council')), mal)).toEqual({ accepted: true });
    expect(readCards(server).find((c) => c.id === 'card-d')).toMatchObject({ text: 'Peer support', detail: 'Funding from the council' });
    // Ann's card was made without one: a detail cannot be bolted on afterwards.
    expect(offer(server, updateFrom(clientOf(server, 55), (d) => cardsOf(d).get('card-ann')!.set('detail', new Y.Text('late'))), mal)).toMatchObject({ accepted: false, reason: 'refused' });
  });

  it('hiding empties the detail too, and showing brings it back', () => {
    const server = new Y.Doc();
    const client = clientOf(server, 66);
    expect(offer(server, updateFrom(client, (d) => addCard(d, { id: 'card-h', questionId: 'worked-well', authorId: mal.participantId, authorName: mal.name, text: 'named', detail: 'private' })), mal).accepted).toBe(true);
    hideCard(server, 'card-h');
    expect(readCards(server)[0]).toMatchObject({ hidden: true, text: '', detail: '' });
    catchUp(client, server);
    expect(offer(server, updateFrom(client, (d) => cardDetailOf(d, 'card-h')!.insert(0, 'typed while hidden')), mal)).toMatchObject({ accepted: false, reason: 'refused' });
    showCard(server, 'card-h', 'named', 'private');
    expect(readCards(server)[0]).toMatchObject({ hidden: false, text: 'named', detail: 'private' });
  });
});
