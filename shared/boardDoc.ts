import * as Y from 'yjs';
import { cardTextFields } from './boardSchema';
import type { Card, Question } from './types';

// Schema of a room board's Yjs document:
//   doc.getMap('cards'): cardId -> Y.Map { id, questionId, authorId, authorName, createdAt, hidden, text: Y.Text }
// Every accessor tolerates malformed entries (a client could write anything), skipping them.

export type CardMap = Y.Map<unknown>;

export function cardsOf(doc: Y.Doc): Y.Map<CardMap> {
  return doc.getMap<CardMap>('cards');
}

export interface NewCard {
  id: string;
  questionId: string;
  authorId: string;
  authorName: string;
  text?: string;
  /** Given (even empty) when the card's question has a second field: the card then carries a `detail` text. */
  detail?: string;
  createdAt?: number;
}

export function addCard(doc: Y.Doc, card: NewCard): void {
  doc.transact(() => {
    const entry = new Y.Map<unknown>();
    entry.set('id', card.id);
    entry.set('questionId', card.questionId);
    entry.set('authorId', card.authorId);
    entry.set('authorName', card.authorName);
    entry.set('createdAt', card.createdAt ?? Date.now());
    entry.set('hidden', false);
    entry.set('text', new Y.Text(card.text ?? ''));
    if (card.detail !== undefined) entry.set('detail', new Y.Text(card.detail));
    cardsOf(doc).set(card.id, entry);
  });
}

export function readCard(entry: unknown): Card | null {
  if (!(entry instanceof Y.Map)) return null;
  const id = entry.get('id');
  const questionId = entry.get('questionId');
  const authorId = entry.get('authorId');
  const authorName = entry.get('authorName');
  const createdAt = entry.get('createdAt');
  const text = entry.get('text');
  const detail = entry.get('detail');
  if (typeof id !== 'string' || typeof questionId !== 'string' || typeof authorId !== 'string') return null;
  return {
    ...(detail instanceof Y.Text ? { detail: detail.toString() } : {}),
    id,
    questionId,
    authorId,
    authorName: typeof authorName === 'string' ? authorName : '',
    createdAt: typeof createdAt === 'number' ? createdAt : 0,
    hidden: entry.get('hidden') === true,
    text: text instanceof Y.Text ? text.toString() : '',
  };
}

/** All well-formed cards, oldest first (ties broken by id so every client orders alike). */
export function readCards(doc: Y.Doc): Card[] {
  const cards: Card[] = [];
  cardsOf(doc).forEach((entry) => {
    const card = readCard(entry);
    if (card) cards.push(card);
  });
  return cards.sort((a, b) => a.createdAt - b.createdAt || a.id.localeCompare(b.id));
}

export function cardTextOf(doc: Y.Doc, cardId: string): Y.Text | undefined {
  const text = cardsOf(doc).get(cardId)?.get('text');
  return text instanceof Y.Text ? text : undefined;
}

/** The card's second field, if it has one. */
export function cardDetailOf(doc: Y.Doc, cardId: string): Y.Text | undefined {
  const detail = cardsOf(doc).get(cardId)?.get('detail');
  return detail instanceof Y.Text ? detail : undefined;
}

export function deleteCard(doc: Y.Doc, cardId: string): void {
  cardsOf(doc).delete(cardId);
}

/** Writes only the flag. Clients may not write `hidden` at all: facilitators hide through the server (hideCard). */
export function setCardHidden(doc: Y.Doc, cardId: string, hidden: boolean): void {
  cardsOf(doc).get(cardId)?.set('hidden', hidden);
}

/**
 * The server's hide, in one transaction: the flag set and the whole text deleted, so the text leaves
 * every participant's document (with gc on, Yjs drops deleted content from what it encodes). The caller
 * saves the text first. False when there is no such card.
 */
export function hideCard(doc: Y.Doc, cardId: string): boolean {
  const entry = cardsOf(doc).get(cardId);
  if (!(entry instanceof Y.Map)) return false;
  doc.transact(() => {
    for (const field of cardTextFields) {
      const text = entry.get(field);
      if (text instanceof Y.Text && text.length > 0) text.delete(0, text.length);
    }
    entry.set('hidden', true);
  });
  return true;
}

/** The server's show: the saved text put back (ahead of anything written meanwhile) and the flag cleared. */
export function showCard(doc: Y.Doc, cardId: string, savedText: string, savedDetail = ''): boolean {
  const entry = cardsOf(doc).get(cardId);
  if (!(entry instanceof Y.Map)) return false;
  doc.transact(() => {
    const text = entry.get('text');
    if (text instanceof Y.Text) {
      if (savedText) text.insert(0, savedText);
    } else entry.set('text', new Y.Text(savedText));
    // A second field exists only on cards made with one; it is never added later.
    const detail = entry.get('detail');
    if (detail instanceof Y.Text && savedDetail) detail.insert(0, savedDetail);
    entry.set('hidden', false);
  });
  return true;
}

export function moveCard(doc: Y.Doc, cardId: string, questionId: string): void {
  cardsOf(doc).get(cardId)?.set('questionId', questionId);
}

/** Groups cards under the template's questions; cards for unknown questions are dropped. */
export function groupByQuestion(cards: readonly Card[], questions: readonly Question[]): Map<string, Card[]> {
  const groups = new Map<string, Card[]>(questions.map((q) => [q.id, []]));
  for (const card of cards) groups.get(card.questionId)?.push(card);
  return groups;
}

/** The question next to the given one, for keyboard "move left/right". */
export function neighbourQuestion(questions: readonly Question[], questionId: string, step: -1 | 1): string | undefined {
  const index = questions.findIndex((q) => q.id === questionId);
  if (index < 0) return undefined;
  return questions[index + step]?.id;
}
