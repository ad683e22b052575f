import { describe, expect, it } from 'vitest';
import { firstStrongDirection, isRightToLeft } from '../../../shared/text/direction';

describe('firstStrongDirection', () => {
  it('finds Arabic and Hebrew paragraphs right to left', () => {
    expect(firstStrongDirection('مرحبا بالعالم')).toBe('rtl');
    expect(firstStrongDirection('שלום עולם')).toBe('rtl');
    expect(isRightToLeft('שלום world')).toBe(true);
  });

  it('finds Latin, Greek and Cyrillic paragraphs left to right, including Welsh and Polish', () => {
    for (const text of ['Łódź, zażółć gęślą jaźń', 'Ŵyr ŷd', 'Καλημέρα', 'Привет', 'Hello مرحبا']) expect(firstStrongDirection(text)).toBe('ltr');
  });

  it('skips numbers, punctuation, emoji and spaces to the first strong character', () => {
    expect(firstStrongDirection('2024 – 🎉 «مرحبا»')).toBe('rtl');
    expect(firstStrongDirection('12. 🎉 Łódź')).toBe('ltr');
  });

  it('has no direction when no character is strong', () => {
    expect(firstStrongDirection('')).toBeUndefined();
    expect(firstStrongDirection('42 🎉 !?')).toBeUndefined();
    expect(isRightToLeft('42')).toBe(false);
  });

  it('skips isolated text, as the bidi algorithm does', () => {
    expect(firstStrongDirection('\u2068Hello\u2069 שלום')).toBe('rtl');
  });
});
