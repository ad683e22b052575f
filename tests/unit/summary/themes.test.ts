import { describe, expect, it } from 'vitest';
import { cardPhrases } from '../../../shared/summary/phrases';
import { suggestThemes } from '../../../shared/summary/themes';
import { visibleRoomCards } from '../../../shared/summary/visibleCards';
import { fixtureDraftInput } from '../../helpers/fixtureBoards';

const cards = visibleRoomCards(fixtureDraftInput());
const themes = suggestThemes(cards);
const stopWords = new Set(['the', 'a', 'an', 'of', 'with', 'and', 'for', 'to', 'more', 'people', 'care', 'work']);

describe('suggestThemes (noun phrases)', () => {
  it('suggests the fixture’s cross-cutting phrases, in a fixed order', () => {
    expect(themes.map((t) => t.label)).toEqual(['Voluntary sector', 'Digital technology', 'Shorter packages of care']);
    expect(suggestThemes([...cards].reverse()).map((t) => t.id)).toEqual(themes.map((t) => t.id));
  });

  it('only suggests phrases of 2–4 words, never single or stop words', () => {
    for (const theme of themes) {
      const words = theme.label.split(/\s+/);
      expect(words.length).toBeGreaterThanOrEqual(2);
      expect(words.length).toBeLessThanOrEqual(4);
      expect(words.every((w) => stopWords.has(w.toLowerCase()))).toBe(false);
      expect(theme.status).toBe('suggested');
      expect(theme.evidence).toMatch(/^\d+ cards from \d+ rooms/);
    }
  });

  it('backs every suggestion with the ids of cards from at least two rooms that use the phrase', () => {
    for (const theme of themes) {
      expect(theme.roomIds.length).toBeGreaterThanOrEqual(2);
      const supporting = theme.sourceCardIds.map((id) => cards.find((c) => c.id === id));
      expect(new Set(supporting.map((c) => c?.roomId))).toEqual(new Set(theme.roomIds));
      expect(theme.votes).toBe(supporting.reduce((n, c) => n + (c?.votes ?? 0), 0));
    }
    const voluntary = themes.find((t) => t.label === 'Voluntary sector');
    const expected = cards.filter((c) => /voluntary (sector|and community sector)|community and voluntary sector/i.test(c.text));
    expect([...(voluntary?.sourceCardIds ?? [])].sort()).toEqual(expected.map((c) => c.id).sort());
  });

  it('keeps one of near-duplicate phrases, the longest wording', () => {
    const labels = themes.map((t) => t.label.toLowerCase());
    expect(labels).not.toContain('shorter packages');
    expect(labels).not.toContain('packages of care');
  });

  it('finds linked and coordinated phrases, and skips vague ones', () => {
    const words = (text: string): string[] => cardPhrases(text).map((p) => p.words.join(' '));
    expect(words('Joint working with the NHS on discharge')).toContain('joint working with the NHS');
    expect(words('The voluntary and community sector did a great job')).toEqual(expect.arrayContaining(['voluntary sector', 'community sector']));
    expect(words('More people could join and did a great job')).toEqual([]);
    const card = (id: string, roomId: string, text: string) => ({ id, roomId, questionId: 'q', text, author: '', votes: 1, createdAt: 0 });
    const joint = suggestThemes([
      card('a', 'r1', 'Joint working with the NHS'),
      card('b', 'r2', 'More joint working with the NHS please'),
      card('c', 'r2', 'Working jointly'),
    ]);
    expect(joint.map((t) => [t.label, t.sourceCardIds])).toEqual([['Joint working with the NHS', ['a', 'b']]]);
  });
});
