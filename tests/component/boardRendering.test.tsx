import { act, cleanup, fireEvent, render, screen, within } from '@testing-library/react';
import { Profiler } from 'react';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { WebsocketProvider } from 'y-websocket';
import { Awareness } from 'y-protocols/awareness';
import * as Y from 'yjs';
import { addCard, cardTextOf, deleteCard, moveCard, setCardHidden } from '../../shared/boardDoc';
import type { Question } from '../../shared/types';
import { Board } from '../../client/src/board/Board';

// Counts renders of each card's editor (keyed by its Y.Text): it renders exactly when its card does.
const editorRenders = vi.hoisted(() => new Map<unknown, number>());
vi.mock('../../client/src/board/CardTextEditor', async (importOriginal) => {
  const real = await importOriginal<typeof import('../../client/src/board/CardTextEditor')>();
  return {
    CardTextEditor(props: Parameters<typeof real.CardTextEditor>[0]) {
      editorRenders.set(props.text, (editorRenders.get(props.text) ?? 0) + 1);
      return real.CardTextEditor(props);
    },
  };
});

const questions: Question[] = [
  { id: 'q1', prompt: 'What worked well?' },
  { id: 'q2', prompt: 'What could be better?' },
];
const me = { participantId: 'me', name: 'Me', role: 'participant' };
const cardCount = 200;

let doc: Y.Doc;
let awareness: Awareness;
let commits: number;

beforeEach(() => {
  doc = new Y.Doc();
  awareness = new Awareness(doc);
  for (let i = 0; i < cardCount; i++) {
    addCard(doc, { id: `c${i}`, questionId: questions[i % 2]!.id, authorId: i % 3 ? 'other' : 'me', authorName: 'Ann', text: `card ${i}`, createdAt: i + 1 });
  }
  editorRenders.clear();
  commits = 0;
});

afterEach(() => {
  cleanup();
  awareness.destroy();
  localStorage.clear();
});

function renderBoard(extra: { paused?: boolean } = {}) {
  // An already synced board: the only provider events the board listens to are sync changes.
  const provider = { awareness, synced: true, on: () => undefined, off: () => undefined } as unknown as WebsocketProvider;
  const board = (paused: boolean) => (
    <Profiler id="board" onRender={() => commits++}>
      <Board doc={doc} provider={provider} boardKey="e:r" questions={questions} me={me} canWrite canModerate={false} paused={paused} />
    </Profiler>
  );
  const view = render(board(extra.paused ?? false));
  editorRenders.clear();
  commits = 0;
  return { ...view, setPaused: (paused: boolean) => view.rerender(board(paused)) };
}

const cardBoxes = () => document.querySelectorAll<HTMLTextAreaElement>('textarea.card-text');
const column = (prompt: string) => screen.getByRole('list', { name: `Cards for “${prompt}”` });
const rendersOfOtherCards = (cardId: string) => [...editorRenders].filter(([text]) => text !== cardTextOf(doc, cardId)).length;

function typeInto(box: HTMLTextAreaElement, value: string): void {
  box.focus();
  box.value = value;
  box.setSelectionRange(value.length, value.length);
  fireEvent.input(box);
}

describe('a board with many cards', () => {
  it('typing in one card renders nothing else again', () => {
    renderBoard();
    const box = cardBoxes()[0]!;
    editorRenders.clear();
    commits = 0;
    for (const value of ['card 0!', 'card 0!!', 'card 0!!!']) typeInto(box, value);
    expect(cardTextOf(doc, 'c0')!.toString()).toBe('card 0!!!');
    expect(box.value).toBe('card 0!!!');
    expect(rendersOfOtherCards('c0')).toBe(0);
    expect(commits).toBe(0);
  });

  it('someone else typing updates only that card’s text', () => {
    renderBoard();
    act(() => cardTextOf(doc, 'c7')!.insert(0, 'Edited: '));
    expect(screen.getByDisplayValue('Edited: card 7')).toBeTruthy();
    expect(editorRenders.size).toBe(0);
    expect(commits).toBe(0);
  });

  it('added, moved, hidden and deleted cards show at once, without rendering the other cards again', () => {
    renderBoard();
    act(() => addCard(doc, { id: 'new', questionId: 'q1', authorId: 'other', authorName: 'Bo', text: 'A new card' }));
    expect(within(column('What worked well?')).getByDisplayValue('A new card')).toBeTruthy();
    expect(cardBoxes()).toHaveLength(cardCount + 1);
    expect(rendersOfOtherCards('new')).toBe(0);

    editorRenders.clear();
    act(() => moveCard(doc, 'new', 'q2'));
    expect(within(column('What could be better?')).getByDisplayValue('A new card')).toBeTruthy();
    expect(rendersOfOtherCards('new')).toBe(0);

    act(() => setCardHidden(doc, 'c1', true));
    expect(screen.queryByDisplayValue('card 1')).toBeNull();
    act(() => deleteCard(doc, 'c2'));
    expect(screen.queryByDisplayValue('card 2')).toBeNull();
    expect(cardBoxes()).toHaveLength(cardCount - 1);
  });

  it('while paused, others’ new cards wait and are counted, own cards appear, and typing still works', () => {
    const { setPaused } = renderBoard({ paused: true });
    act(() => addCard(doc, { id: 'theirs', questionId: 'q1', authorId: 'other', authorName: 'Bo', text: 'Theirs' }));
    act(() => addCard(doc, { id: 'mine', questionId: 'q1', authorId: 'me', authorName: 'Me', text: 'Mine' }));
    expect(screen.queryByDisplayValue('Theirs')).toBeNull();
    expect(screen.getByDisplayValue('Mine')).toBeTruthy();
    expect(screen.getByRole('status').textContent).toContain('1 new card is waiting');

    typeInto(cardBoxes()[0]!, 'card 0 while paused');
    expect(cardTextOf(doc, 'c0')!.toString()).toBe('card 0 while paused');

    setPaused(false);
    expect(screen.getByDisplayValue('Theirs')).toBeTruthy();
    expect(screen.queryByRole('status')).toBeNull();
  });
});
