import { limits } from './limits';

// The board document's schema, stated positively: the server accepts exactly this and refuses the rest.
//   doc.getMap('cards'): cardId -> Y.Map { id, questionId, authorId, authorName, createdAt, hidden, text: Y.Text,
//                                          detail?: Y.Text (the second field; cards made before it have none) }

export const boardRoot = 'cards';

export type CardFieldKind = { kind: 'string'; maxChars: number } | { kind: 'number' } | { kind: 'boolean' } | { kind: 'text' };

const idField = { kind: 'string', maxChars: 64 } as const;

export const cardFields: Readonly<Record<string, CardFieldKind>> = {
  id: idField,
  questionId: idField,
  authorId: idField,
  authorName: { kind: 'string', maxChars: limits.displayNameChars },
  createdAt: { kind: 'number' },
  hidden: { kind: 'boolean' },
  text: { kind: 'text' },
  detail: { kind: 'text' },
};

/** Fields a new card may leave out (cards written before the second field existed have none). */
export const optionalCardFields: ReadonlySet<string> = new Set(['detail']);

/** The card fields that hold text people type (each a Y.Text of plain strings). */
export const cardTextFields: ReadonlySet<string> = new Set(['text', 'detail']);

/** Fields a client may change after the card exists; every other field is written once, when the card is created. */
export const cardFieldsWritableLater: ReadonlySet<string> = new Set(['questionId']);

export const cardIdPattern = /^[a-z0-9][a-z0-9-]{0,63}$/;
