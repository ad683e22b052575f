import { cleanup, fireEvent, render, screen } from '@testing-library/react';
import { afterEach, expect, it } from 'vitest';
import * as Y from 'yjs';
import { addCard, cardTextOf } from '../../shared/boardDoc';
import { CardTextEditor } from '../../client/src/board/CardTextEditor';

afterEach(cleanup);

// jsdom has no layout: a textarea 20 characters wide, with 24px lines and 8px of padding, resting at two lines.
const lineHeight = 24;
const padding = 8;
function fakeLayout(box: HTMLTextAreaElement): string[] {
  const heightsSet: string[] = [];
  let height = '';
  Object.defineProperty(box.style, 'height', {
    get: () => height,
    set: (value: string) => {
      height = value;
      heightsSet.push(value);
    },
  });
  const clientHeight = () => (height ? parseFloat(height) - 2 : padding + 2 * lineHeight);
  const contentHeight = () => padding + lineHeight * Math.max(1, Math.ceil(box.value.length / 20));
  Object.defineProperty(box, 'clientHeight', { get: clientHeight });
  Object.defineProperty(box, 'scrollHeight', { get: () => Math.max(contentHeight(), clientHeight()) });
  return heightsSet;
}

function typeInto(box: HTMLTextAreaElement, value: string): void {
  box.value = value;
  fireEvent.input(box);
}

it('typing forward only grows a card’s box (no reset that would lay out the whole column); deleting lets it shrink', () => {
  const doc = new Y.Doc();
  addCard(doc, { id: 'c', questionId: 'q', authorId: 'p', authorName: 'P', text: '' });
  render(<CardTextEditor text={cardTextOf(doc, 'c')!} label="Card" readOnly={false} />);
  const box = screen.getByRole('textbox', { name: 'Card' }) as HTMLTextAreaElement;
  const heightsSet = fakeLayout(box);

  typeInto(box, 'x'.repeat(10));
  typeInto(box, 'x'.repeat(50));
  typeInto(box, 'x'.repeat(70));
  expect(heightsSet).toEqual(['82px', '106px']);

  typeInto(box, 'x'.repeat(10));
  expect(heightsSet.slice(2)).toEqual(['', '58px']);
});
