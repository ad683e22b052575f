import type { RoomCard } from './summaryModel';
import { cardPhrases } from './phrases';

// Cross-cutting themes: noun phrases (2–4 words, from phrases.ts) that cards of two or more rooms
// share. They are drafted as `suggested`: nothing is printed until a facilitator accepts or
// describes one (themeDecisions.ts). Ranked by rooms covered, then cards, then votes. On the ADASS
// East fixture (35 cards, 4 rooms) this yields 3 suggestions, where single stemmed words gave 10
// ("Joint", "Across", "Part", ...).

export interface ThemeSuggestion {
  /** Stable id from the phrase's stems, so re-drafting recognises the same theme. */
  id: string;
  label: string;
  sourceCardIds: string[];
  roomIds: string[];
  votes: number;
  status: 'suggested';
  /** One line, generated from the supporting cards, for the facilitator deciding (never printed). */
  evidence: string;
}

export interface ThemeOptions {
  minRooms?: number;
  maxThemes?: number;
}

interface Candidate {
  key: string;
  labels: Map<string, number>;
  cards: RoomCard[];
}

export function suggestThemes(cards: readonly RoomCard[], options: ThemeOptions = {}): ThemeSuggestion[] {
  const minRooms = options.minRooms ?? 2;
  const byKey = new Map<string, Candidate>();
  for (const card of cards) {
    for (const { key, words } of cardPhrases(card.text)) {
      const entry = byKey.get(key) ?? { key, labels: new Map<string, number>(), cards: [] };
      const label = words.join(' ');
      entry.labels.set(label, (entry.labels.get(label) ?? 0) + 1);
      entry.cards.push(card);
      byKey.set(key, entry);
    }
  }
  const suggestions = [...byKey.values()].map(toSuggestion).filter((s) => s.roomIds.length >= minRooms);
  return withoutNearDuplicates(suggestions.sort(byRank)).slice(0, options.maxThemes ?? 10);
}

function toSuggestion(candidate: Candidate): ThemeSuggestion {
  // The wording most cards used; ties go to the longer, then alphabetical, so the order is stable.
  const [label = candidate.key] = [...candidate.labels.entries()]
    .sort((a, b) => b[1] - a[1] || b[0].length - a[0].length || a[0].localeCompare(b[0]))
    .map(([l]) => l);
  const roomIds = [...new Set(candidate.cards.map((c) => c.roomId))];
  const votes = candidate.cards.reduce((sum, c) => sum + c.votes, 0);
  const top = [...candidate.cards].sort((a, b) => b.votes - a.votes || a.id.localeCompare(b.id))[0];
  return {
    id: `theme-${candidate.key.replace(/\s+/g, '-')}`,
    label: label.charAt(0).toUpperCase() + label.slice(1),
    sourceCardIds: candidate.cards.map((c) => c.id),
    roomIds,
    votes,
    status: 'suggested',
    evidence: evidenceLine(candidate.cards.length, roomIds.length, top?.text ?? ''),
  };
}

/** "4 cards from 2 rooms, e.g. “The voluntary and community sector got on and did it…”" */
export function evidenceLine(cardCount: number, roomCount: number, example: string): string {
  const quote = example.length > 80 ? `${example.slice(0, 79).trimEnd()}…` : example;
  return `${cardCount} card${cardCount === 1 ? '' : 's'} from ${roomCount} rooms${quote ? `, e.g. “${quote}”` : ''}`;
}

function byRank(a: ThemeSuggestion, b: ThemeSuggestion): number {
  return (
    b.roomIds.length - a.roomIds.length ||
    b.sourceCardIds.length - a.sourceCardIds.length ||
    b.votes - a.votes ||
    b.label.split(' ').length - a.label.split(' ').length ||
    a.label.localeCompare(b.label)
  );
}

/**
 * Phrases backed by (nearly) the same cards say the same thing ("shorter packages", "packages of care",
 * "shorter packages of care"): keep the best ranked, and among equals the longest wording. Near means
 * sharing at least 2/3 of their cards (Dice ≥ 0.67).
 */
function withoutNearDuplicates(ranked: ThemeSuggestion[]): ThemeSuggestion[] {
  const kept: ThemeSuggestion[] = [];
  for (const suggestion of ranked) {
    const ids = new Set(suggestion.sourceCardIds);
    const twin = kept.findIndex((k) => overlap(ids, k.sourceCardIds) >= 0.67);
    if (twin < 0) kept.push(suggestion);
  }
  return kept;
}

function overlap(a: ReadonlySet<string>, b: readonly string[]): number {
  const shared = b.filter((id) => a.has(id)).length;
  return (2 * shared) / (a.size + b.length);
}
