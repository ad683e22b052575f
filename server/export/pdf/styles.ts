import { stripControlChars } from '../plainText';
import type { TextStyle } from './writer';

// Type sizes and colours shared by every part of the PDF.

export const bodySize = 10.5;
export const grey = '#555555';

export const styles = {
  title: { style: 'bold', size: 22 },
  body: { style: 'regular', size: bodySize },
  strong: { style: 'bold', size: bodySize },
  note: { style: 'italic', size: bodySize - 1, color: grey },
  itemNote: { style: 'italic', size: bodySize - 2, color: grey },
  small: { style: 'regular', size: bodySize - 2.5, color: grey },
  cell: { style: 'regular', size: bodySize - 1 },
  headerCell: { style: 'bold', size: bodySize - 1 },
  heading: {
    1: { style: 'bold', size: 16 },
    2: { style: 'bold', size: 13 },
    3: { style: 'bold', size: 11.5 },
  },
} satisfies Record<string, TextStyle | Record<number, TextStyle>>;

/** User text made safe to draw: control characters gone (the fonts handle every other character). */
export function clean(text: string): string {
  return stripControlChars(text);
}
