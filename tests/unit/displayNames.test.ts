import { describe, expect, it } from 'vitest';
import { createEventSchema, displayNameSchema, joinSchema } from '../../shared/schemas';

// Names are checked positively (letters, marks, numbers, punctuation, symbols, spaces) and must show
// at least one character; direction controls are refused anywhere. Escapes keep the invisible ones visible here.

const refusal = (name: string) => {
  const result = displayNameSchema.safeParse(name);
  return result.success ? null : result.error.issues[0]!.message;
};

describe('display names', () => {
  it.each([
    ['Welsh', 'Siân Llewelyn-Jones'],
    ['Welsh with ap', 'Dafydd ap Gruffudd'],
    ['Arabic', 'محمد عبد الله'],
    ['Polish', 'Zofia Łukasiewicz-Wróbel'],
    ['Persian with ZWNJ', 'می\u200Cخواهم'],
    ['decomposed accents', 'Sia\u0302n'],
    ['Chinese with an ideographic space', '王\u3000芳'],
    ['apostrophe and full stop', "Seán O'Brien Jr."],
    ['emoji', 'Ana 🌻'],
    ['emoji with variation selector', 'Jo ❤\uFE0F'],
    ['family emoji (ZWJ sequence)', '\u{1F469}\u200D\u{1F469}\u200D\u{1F467} Patel family'],
    ['Welsh flag (tag sequence)', 'Cerys \u{1F3F4}\u{E0067}\u{E0062}\u{E0077}\u{E006C}\u{E0073}\u{E007F}'],
    ['emoji only', '🦔'],
    ['digits only', '42'],
  ])('accepts %s', (_what, name) => {
    expect(displayNameSchema.parse(name)).toBe(name);
  });

  it('trims ordinary surrounding spaces and keeps the name', () => {
    expect(displayNameSchema.parse('  Amira  ')).toBe('Amira');
    expect(displayNameSchema.parse('\u00A0Amira\uFEFF')).toBe('Amira');
  });

  it.each([
    ['empty', ''],
    ['spaces', '   '],
    ['no-break and ideographic spaces', '\u00A0\u3000\u2003'],
    ['byte-order marks', '\uFEFF\uFEFF'],
  ])('asks for a name when it is only %s', (_what, name) => {
    expect(refusal(name)).toBe('Please type a name so others know who wrote what.');
  });

  it.each([
    ['zero-width space', '\u200B'],
    ['zero-width non-joiner and joiner only', '\u200C\u200D'],
    ['word joiner', '\u2060\u2060'],
    ['soft hyphen', '\u00AD'],
    ['Mongolian vowel separator', '\u180E'],
    ['a combining mark alone', '\u0301'],
    ['Hangul fillers', '\u3164\u3164'],
    ['halfwidth Hangul filler', '\uFFA0'],
    ['braille blank', '\u2800\u2800'],
    ['tag characters alone', '\u{E0067}\u{E0062}'],
    ['invisible characters between spaces', ' \u200B \u2060 '],
  ])('refuses a name made only of invisible characters: %s', (_what, name) => {
    expect(refusal(name)).not.toBeNull();
  });

  it.each([
    ['right-to-left override', 'Ann\u202Egnp.exe'],
    ['left-to-right embedding', '\u202AAnn'],
    ['pop directional formatting', 'Ann\u202C'],
    ['first strong isolate', 'Ann \u2068Bob\u2069'],
    ['right-to-left isolate', '\u2067Ann'],
    ['right-to-left mark', 'Ann\u200F'],
    ['Arabic letter mark', 'محمد\u061C'],
  ])('refuses direction controls: %s', (_what, name) => {
    expect(refusal(name)).toBe('Names cannot contain characters that change the direction of text.');
  });

  it.each([
    ['zero-width space inside', 'An\u200Bn'],
    ['soft hyphen inside', 'Llew\u00ADelyn'],
    ['word joiner inside', 'Ann\u2060a'],
    ['line break', 'Ann\nBob'],
    ['tab', 'Ann\tBob'],
    ['NUL', 'Ann\0'],
    ['line separator', 'Ann\u2028Bob'],
    ['private use', 'Ann\uE000'],
    ['lone surrogate', 'Ann\uD800'],
  ])('refuses invisible or control characters within a name: %s', (_what, name) => {
    expect(refusal(name)).toBe('Names can contain letters, numbers, punctuation, symbols and spaces, but no invisible or control characters.');
  });

  it('keeps the length limit', () => {
    expect(refusal('a'.repeat(61))).toBe('Names can be up to 60 characters.');
    expect(refusal('a'.repeat(60))).toBeNull();
  });

  it('is the rule of the join request', () => {
    expect(joinSchema.safeParse({ joinCode: 'ABC234', name: '\u200B' }).success).toBe(false);
    expect(joinSchema.parse({ joinCode: 'ABC234', name: 'Siân' }).name).toBe('Siân');
  });

  it('applies to the agenda\u2019s "who", which may stay empty', () => {
    const event = (who: string) => createEventSchema.safeParse({ title: 'T', date: '2026-06-18', agenda: [{ item: 'Welcome', who }] });
    expect(event('').success).toBe(true);
    expect(event('Chair and the Director of Adult Social Care').success).toBe(true);
    expect(event('\u200B').success).toBe(false);
    expect(event('Chair\u202E').success).toBe(false);
  });
});
