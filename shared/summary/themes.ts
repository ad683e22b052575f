import type { RoomCard } from './summaryModel';
import { stem, termClauses } from './textTerms';

// Cross-cutting themes: terms (stemmed words and two-word phrases) that cards of two or more rooms
// share. Ranked by rooms covered, then by the votes of the supporting cards.

export interface ThemeSuggestion {
  /** Stable id from the term, so re-drafting recognises the same theme. */
  id: string;
  label: string;
  sourceCardIds: string[];
  roomIds: string[];
  votes: number;
}

export interface ThemeOptions {
  minRooms?: number;
  maxThemes?: number;
}

// Words on nearly every card of a care workshop: true across rooms, but not a theme.
const tooGeneric = new Set(
  ['people', 'person', 'need', 'keep', 'use', 'thing', 'work', 'make', 'want', 'time', 'new', 'good', 'better', 'well']
    .concat(['support', 'care', 'social', 'adult', 'service', 'share', 'together', 'open', 'hard', 'positive', 'different'])
    .concat(['able', 'recognise', 'allow', 'mean'])
    .map(stem),
);

interface TermStats {
  label: string;
  cards: Map<string, RoomCard>;
}

function themeTermsOf(card: RoomCard): Map<string, string> {
  const found = new Map<string, string>();
  const generic = (key: string): boolean => tooGeneric.has(key) || key.length < 3;
  for (const clause of termClauses(card.text)) {
    clause.forEach((term, i) => {
      if (!generic(term.key)) found.set(term.key, found.get(term.key) ?? term.surface);
      // Phrases from adjacent words, where a generic word may help ("flexible working").
      const next = clause[i + 1];
      if (next && !(generic(term.key) && generic(next.key))) {
        const key = `${term.key} ${next.key}`;
        found.set(key, found.get(key) ?? `${term.surface} ${next.surface}`);
      }
    });
  }
  return found;
}

export function suggestThemes(cards: readonly RoomCard[], options: ThemeOptions = {}): ThemeSuggestion[] {
  const minRooms = options.minRooms ?? 2;
  const stats = new Map<string, TermStats>();
  for (const card of cards) {
    for (const [key, surface] of themeTermsOf(card)) {
      const entry = stats.get(key) ?? { label: surface, cards: new Map<string, RoomCard>() };
      entry.cards.set(card.id, card);
      stats.set(key, entry);
    }
  }
  const candidates = [...stats.entries()]
    .map(([key, { label, cards: supporting }]) => {
      const list = [...supporting.values()];
      return {
        key,
        suggestion: {
          id: `theme-${key.replace(/\s+/g, '-')}`,
          label: label.charAt(0).toUpperCase() + label.slice(1),
          sourceCardIds: list.map((c) => c.id),
          roomIds: [...new Set(list.map((c) => c.roomId))],
          votes: list.reduce((sum, c) => sum + c.votes, 0),
        },
      };
    })
    .filter((c) => c.suggestion.roomIds.length >= minRooms);
  return withoutRepeats(candidates)
    .sort((a, b) => b.roomIds.length - a.roomIds.length || b.votes - a.votes || a.label.localeCompare(b.label))
    .slice(0, options.maxThemes ?? 10);
}

/**
 * Terms backed by exactly the same cards say the same thing: keep one, a phrase before a word
 * ("voluntary" and "sector" on the same cards are one theme).
 */
function withoutRepeats(candidates: { key: string; suggestion: ThemeSuggestion }[]): ThemeSuggestion[] {
  const bySupport = new Map<string, { key: string; suggestion: ThemeSuggestion }>();
  for (const candidate of candidates) {
    const support = [...candidate.suggestion.sourceCardIds].sort().join(' ');
    const kept = bySupport.get(support);
    const isPhrase = candidate.key.includes(' ');
    if (!kept || (isPhrase && !kept.key.includes(' '))) bySupport.set(support, candidate);
  }
  return [...bySupport.values()].map((c) => c.suggestion);
}
