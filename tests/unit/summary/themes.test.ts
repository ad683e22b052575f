import { describe, expect, it } from 'vitest';
import { suggestThemes } from '../../../shared/summary/themes';
import { normaliseText, stem } from '../../../shared/summary/textTerms';
import { visibleRoomCards } from '../../../shared/summary/visibleCards';
import { fixtureDraftInput } from '../../helpers/fixtureBoards';

const cards = visibleRoomCards(fixtureDraftInput());
const themes = suggestThemes(cards);

describe('suggestThemes', () => {
  it('finds the cross-cutting themes of the fixture', () => {
    const labels = themes.map((t) => t.label);
    for (const expected of ['Digital', 'Flexible', 'Bureaucracy', 'Voluntary']) expect(labels).toContain(expected);
    expect(labels).not.toContain('People');
  });

  it('backs every theme with cards from at least two rooms that use the term', () => {
    for (const theme of themes) {
      expect(theme.roomIds.length).toBeGreaterThanOrEqual(2);
      const rooms = new Set(theme.sourceCardIds.map((id) => cards.find((c) => c.id === id)?.roomId));
      expect([...rooms].sort()).toEqual([...theme.roomIds].sort());
    }
    const digital = themes.find((t) => t.label === 'Digital');
    const digitalCards = cards.filter((c) => /digital|online/i.test(c.text)).map((c) => c.id);
    expect([...(digital?.sourceCardIds ?? [])].sort()).toEqual(digitalCards.sort());
  });

  it('ranks by rooms covered, then votes', () => {
    const keys = themes.map((t) => [t.roomIds.length, t.votes] as const);
    const sorted = [...keys].sort((a, b) => b[0] - a[0] || b[1] - a[1]);
    expect(keys).toEqual(sorted);
    expect(themes[0]?.roomIds.length).toBe(3);
  });

  it('matches word families and two-word phrases', () => {
    expect(stem('flexibility')).toBe(stem('flexible'));
    expect(stem('organisations')).toBe(stem('organisation'));
    expect(normaliseText('Co-production')).toBe('coproduction');
    const phrase = suggestThemes([
      { id: 'a', roomId: 'r1', questionId: 'q', text: 'Ensure true flexible working', author: '', votes: 1, createdAt: 0 },
      { id: 'b', roomId: 'r2', questionId: 'q', text: 'Flexible working for carers', author: '', votes: 1, createdAt: 0 },
      { id: 'c', roomId: 'r2', questionId: 'q', text: 'Working with flexible partners', author: '', votes: 1, createdAt: 0 },
    ]);
    expect(phrase.map((t) => t.label)).toEqual(['Flexible', 'Flexible working']);
    expect(phrase[1]?.sourceCardIds).toEqual(['a', 'b']);
  });
});
