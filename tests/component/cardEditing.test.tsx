import { act, cleanup, fireEvent, render, screen } from '@testing-library/react';
import { afterEach, describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { addCard, cardTextOf } from '../../shared/boardDoc';
import { AddCardForm } from '../../client/src/board/AddCardForm';
import { CardTextEditor } from '../../client/src/board/CardTextEditor';

afterEach(() => {
  cleanup();
  localStorage.clear();
});

function typeInto(el: HTMLTextAreaElement, value: string, caret = value.length): void {
  el.focus();
  el.value = value;
  el.setSelectionRange(caret, caret);
  fireEvent.input(el);
}

describe('a card’s text is edited together', () => {
  it('typing changes the shared text at once, with only the difference applied', () => {
    const doc = new Y.Doc();
    addCard(doc, { id: 'c', questionId: 'q', authorId: 'p', authorName: 'P', text: 'Relationships improved' });
    const text = cardTextOf(doc, 'c')!;
    const deltas: unknown[] = [];
    text.observe((event) => deltas.push(event.delta));
    render(<CardTextEditor text={text} label="Card by P" readOnly={false} />);
    const box = screen.getByRole('textbox', { name: 'Card by P' }) as HTMLTextAreaElement;
    expect(box.value).toBe('Relationships improved');
    typeInto(box, 'Relationships really improved', 'Relationships really'.length);
    expect(text.toString()).toBe('Relationships really improved');
    expect(deltas).toEqual([[{ retain: 14 }, { insert: 'really ' }]]);
  });

  it('a remote edit before the caret keeps the writer’s caret on the same word', () => {
    const doc = new Y.Doc();
    addCard(doc, { id: 'c', questionId: 'q', authorId: 'p', authorName: 'P', text: 'hello world' });
    const text = cardTextOf(doc, 'c')!;
    render(<CardTextEditor text={text} label="Card" readOnly={false} />);
    const box = screen.getByRole('textbox', { name: 'Card' }) as HTMLTextAreaElement;
    typeInto(box, 'hello world!', 12);
    // Someone else inserts at the start, as a remote update would.
    const remote = new Y.Doc();
    Y.applyUpdate(remote, Y.encodeStateAsUpdate(doc));
    cardTextOf(remote, 'c')!.insert(0, 'Oh, ');
    act(() => Y.applyUpdate(doc, Y.encodeStateAsUpdate(remote, Y.encodeStateVector(doc))));
    expect(box.value).toBe('Oh, hello world!');
    expect(box.selectionStart).toBe(16);
  });

  it('is read-only when the board is locked', () => {
    const doc = new Y.Doc();
    addCard(doc, { id: 'c', questionId: 'q', authorId: 'p', authorName: 'P', text: 'x' });
    render(<CardTextEditor text={cardTextOf(doc, 'c')!} label="Card" readOnly />);
    expect((screen.getByRole('textbox', { name: 'Card' }) as HTMLTextAreaElement).readOnly).toBe(true);
  });
});

describe('adding a card', () => {
  it('Enter adds the card; the draft is kept on the device until then', () => {
    const added: string[] = [];
    const { unmount } = render(<AddCardForm prompt="What worked well?" draftKey="draft:e:r:q" onAdd={(t) => added.push(t)} />);
    const box = screen.getByLabelText('Add a card to “What worked well?”');
    fireEvent.change(box, { target: { value: 'Neighbours helped' } });
    expect(localStorage.getItem('draft:e:r:q')).toBe('Neighbours helped');
    unmount();
    // A reload (or a crash) brings the draft back.
    render(<AddCardForm prompt="What worked well?" draftKey="draft:e:r:q" onAdd={(t) => added.push(t)} />);
    const again = screen.getByLabelText('Add a card to “What worked well?”') as HTMLTextAreaElement;
    expect(again.value).toBe('Neighbours helped');
    fireEvent.keyDown(again, { key: 'Enter' });
    expect(added).toEqual(['Neighbours helped']);
    expect(again.value).toBe('');
    expect(localStorage.getItem('draft:e:r:q')).toBeNull();
  });

  it('Shift+Enter does not add, and an empty card is never added', () => {
    const added: string[] = [];
    render(<AddCardForm prompt="Q" draftKey="d" onAdd={(t) => added.push(t)} />);
    const box = screen.getByLabelText('Add a card to “Q”');
    fireEvent.keyDown(box, { key: 'Enter' });
    fireEvent.change(box, { target: { value: 'line one' } });
    fireEvent.keyDown(box, { key: 'Enter', shiftKey: true });
    expect(added).toEqual([]);
  });
});

describe('adding a card with a second field', () => {
  it('Enter in the card goes on to the second field, Enter there adds both; without one, Enter adds at once', () => {
    const added: Array<[string, string | undefined]> = [];
    render(<AddCardForm prompt="What have we STARTED doing?" secondField="What enabled the change?" draftKey="draft:test:q1" onAdd={(text, detail) => added.push([text, detail])} />);
    const card = screen.getByLabelText('Add a card to “What have we STARTED doing?”') as HTMLTextAreaElement;
    const detail = screen.getByLabelText(/What enabled the change\?/) as HTMLTextAreaElement;
    fireEvent.change(card, { target: { value: 'Daily huddles' } });
    fireEvent.keyDown(card, { key: 'Enter' });
    expect(added).toEqual([]);
    expect(document.activeElement).toBe(detail);
    fireEvent.change(detail, { target: { value: 'Laptops for every carer' } });
    fireEvent.keyDown(detail, { key: 'Enter' });
    expect(added).toEqual([['Daily huddles', 'Laptops for every carer']]);
    cleanup();

    render(<AddCardForm prompt="What worked well?" draftKey="draft:test:q2" onAdd={(text, detail) => added.push([text, detail])} />);
    const plain = screen.getByLabelText('Add a card to “What worked well?”') as HTMLTextAreaElement;
    fireEvent.change(plain, { target: { value: 'Peer support' } });
    fireEvent.keyDown(plain, { key: 'Enter' });
    expect(added.at(-1)).toEqual(['Peer support', undefined]);
  });
});
