import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { addCard, cardsOf, cardTextOf, deleteCard, groupByQuestion, moveCard, neighbourQuestion, readCards, setCardHidden } from '../../shared/boardDoc';
import { appreciativeInquiry3q } from '../../shared/templates';

const questions = appreciativeInquiry3q.questions;

function sync(a: Y.Doc, b: Y.Doc): void {
  Y.applyUpdate(b, Y.encodeStateAsUpdate(a));
  Y.applyUpdate(a, Y.encodeStateAsUpdate(b));
}

describe('board document accessors', () => {
  it('adds, reads, edits, moves, hides and deletes cards', () => {
    const doc = new Y.Doc();
    addCard(doc, { id: 'c2', questionId: 'build-on', authorId: 'p1', authorName: 'Amira', text: 'second', createdAt: 20 });
    addCard(doc, { id: 'c1', questionId: 'worked-well', authorId: 'p2', authorName: 'Ben', text: 'first', createdAt: 10 });
    expect(readCards(doc).map((c) => c.id)).toEqual(['c1', 'c2']);
    cardTextOf(doc, 'c1')!.insert(5, ' of all');
    moveCard(doc, 'c1', 'make-it-happen');
    setCardHidden(doc, 'c2', true);
    expect(readCards(doc)).toEqual([
      { id: 'c1', questionId: 'make-it-happen', authorId: 'p2', authorName: 'Ben', text: 'first of all', createdAt: 10, hidden: false },
      { id: 'c2', questionId: 'build-on', authorId: 'p1', authorName: 'Amira', text: 'second', createdAt: 20, hidden: true },
    ]);
    deleteCard(doc, 'c1');
    expect(readCards(doc).map((c) => c.id)).toEqual(['c2']);
  });

  it('skips malformed entries that a client could have written', () => {
    const doc = new Y.Doc();
    addCard(doc, { id: 'good', questionId: 'worked-well', authorId: 'p', authorName: 'P', text: 'ok' });
    cardsOf(doc).set('junk', new Y.Map());
    (doc.getMap('cards') as Y.Map<unknown>).set('not-a-map', 'text');
    const partial = new Y.Map<unknown>();
    cardsOf(doc).set('partial', partial);
    partial.set('id', 'partial');
    partial.set('questionId', 'worked-well');
    partial.set('authorId', 'p');
    expect(readCards(doc).map((c) => c.id).sort()).toEqual(['good', 'partial']);
    expect(readCards(doc).find((c) => c.id === 'partial')).toMatchObject({ text: '', authorName: '', hidden: false });
  });

  it('concurrent edits of one card by two people merge', () => {
    const a = new Y.Doc();
    const b = new Y.Doc();
    addCard(a, { id: 'c', questionId: 'worked-well', authorId: 'p', authorName: 'P', text: 'Relationships improved' });
    sync(a, b);
    cardTextOf(a, 'c')!.insert(0, 'Provider ');
    cardTextOf(b, 'c')!.insert(cardTextOf(b, 'c')!.length, ' a lot');
    sync(a, b);
    expect(readCards(a)[0]!.text).toBe('Provider Relationships improved a lot');
    expect(readCards(b)).toEqual(readCards(a));
  });

  it('groups cards under the template’s questions and finds neighbouring questions', () => {
    const cards = [
      { id: 'x', questionId: 'build-on', authorId: '', authorName: '', text: '', createdAt: 0, hidden: false },
      { id: 'y', questionId: 'unknown', authorId: '', authorName: '', text: '', createdAt: 0, hidden: false },
    ];
    const groups = groupByQuestion(cards, questions);
    expect([...groups.keys()]).toEqual(['worked-well', 'build-on', 'make-it-happen']);
    expect(groups.get('build-on')!.map((c) => c.id)).toEqual(['x']);
    expect(neighbourQuestion(questions, 'worked-well', 1)).toBe('build-on');
    expect(neighbourQuestion(questions, 'worked-well', -1)).toBeUndefined();
    expect(neighbourQuestion(questions, 'make-it-happen', 1)).toBeUndefined();
  });
});
