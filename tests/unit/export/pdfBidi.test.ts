import { describe, expect, it } from 'vitest';
import { layoutParagraph, type Line } from '../../../server/export/pdf/bidiLines';

// Line layout in visual order, measured as one point per character so the breaks are predictable.
// Arabic and Hebrew runs stay in logical order: fontkit reverses those glyphs itself when drawing.

const measure = (_family: string, text: string) => [...text].length;
const runs = (line: Line | undefined) => line?.runs.map((r) => [r.family, r.text]);

describe('PDF bidi line layout', () => {
  it('keeps a left-to-right paragraph in order, one run per font', () => {
    const [line] = layoutParagraph('Łódź 🎉 ok', 100, measure);
    expect(line?.rtl).toBe(false);
    expect(runs(line)).toEqual([['sans', 'Łódź '], ['emoji', '🎉'], ['sans', ' ok']]);
  });

  it('orders Hebrew words right to left inside an English sentence', () => {
    const [line] = layoutParagraph('say שלום עולם now', 100, measure);
    expect(line?.rtl).toBe(false);
    expect(runs(line)).toEqual([['sans', 'say '], ['hebrew', 'עולם'], ['sans', ' '], ['hebrew', 'שלום'], ['sans', ' now']]);
  });

  it('lays a right-to-left paragraph out from the right, with brackets mirrored', () => {
    const [line] = layoutParagraph('שלום (עולם)', 100, measure);
    expect(line?.rtl).toBe(true);
    // Read left to right on the page: "(" "עולם" ") " "שלום" — that is, שלום (עולם) read from the right.
    expect(runs(line)).toEqual([['sans', '('], ['hebrew', 'עולם'], ['sans', ') '], ['hebrew', 'שלום']]);
  });

  it('keeps an Arabic word whole so it is shaped, and numbers left to right', () => {
    const [line] = layoutParagraph('مرحبا 2024', 100, measure);
    expect(line?.rtl).toBe(true);
    // The digits sit at level 2 and the space at level 1, so they are separate runs.
    expect(runs(line)).toEqual([['sans', '2024'], ['sans', ' '], ['arabic', 'مرحبا']]);
  });

  it('breaks lines at spaces and starts each right-to-left line at the right', () => {
    const lines = layoutParagraph('שלום עולם שלום עולם', 10, measure);
    expect(lines.map((l) => l.runs.map((r) => r.text).join(''))).toEqual(['עולם שלום', 'עולם שלום']);
    expect(lines.every((l) => l.rtl)).toBe(true);
  });

  it('replaces a character no font has with U+FFFD', () => {
    const [line] = layoutParagraph('a中b', 100, measure);
    expect(runs(line)).toEqual([['sans', 'a\ufffdb']]);
  });
});
