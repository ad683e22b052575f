import type { RoomCard } from './summaryModel';
import { dice, terms, trigrams } from './textTerms';

// Near-duplicate cards: same idea, different words. Score = weighted Dice of content terms
// (synonym-mapped, stemmed) and of their character trigrams. Word overlap carries the meaning;
// trigrams add credit for word families the light stemmer leaves apart.

export interface NearDuplicateOptions {
  /** Compare cards of the same question across rooms too (default: within a room only). */
  acrossRooms?: boolean;
  /** Pairs scoring at least this are linked (0..1). */
  threshold?: number;
}

export interface NearDuplicateGroup {
  cardIds: string[];
  roomIds: string[];
  questionId: string;
  /** The strongest pair score in the group. */
  similarity: number;
  /** Words the linked cards share, as written. */
  sharedWords: string[];
}

// On the ADASS fixture true duplicates score 0.68 and up; the closest related-but-different pair 0.46.
export const defaultDuplicateThreshold = 0.55;
const wordWeight = 0.7;

interface Profile {
  card: RoomCard;
  keys: Set<string>;
  surfaceOf: Map<string, string>;
  grams: Set<string>;
}

function profileOf(card: RoomCard): Profile {
  const cardTerms = terms(card.text);
  const surfaceOf = new Map<string, string>();
  for (const term of cardTerms) if (!surfaceOf.has(term.key)) surfaceOf.set(term.key, term.surface);
  return { card, keys: new Set(surfaceOf.keys()), surfaceOf, grams: trigrams(card.text) };
}

export function cardSimilarity(a: string, b: string): number {
  return pairScore(profileOf(textCard(a)), profileOf(textCard(b)));
}

function textCard(text: string): RoomCard {
  return { id: '', roomId: '', questionId: '', text, author: '', votes: 0, createdAt: 0 };
}

function pairScore(a: Profile, b: Profile): number {
  return wordWeight * dice(a.keys, b.keys) + (1 - wordWeight) * dice(a.grams, b.grams);
}

function bucketKey(card: RoomCard, acrossRooms: boolean): string {
  return acrossRooms ? card.questionId : `${card.roomId}\u0000${card.questionId}`;
}

/** Groups of near-duplicate cards (linked pairs joined transitively), strongest first. */
export function findNearDuplicates(cards: readonly RoomCard[], options: NearDuplicateOptions = {}): NearDuplicateGroup[] {
  const threshold = options.threshold ?? defaultDuplicateThreshold;
  const buckets = new Map<string, Profile[]>();
  for (const card of cards) {
    const key = bucketKey(card, options.acrossRooms ?? false);
    buckets.set(key, [...(buckets.get(key) ?? []), profileOf(card)]);
  }
  const groups: NearDuplicateGroup[] = [];
  for (const profiles of buckets.values()) groups.push(...groupBucket(profiles, threshold));
  return groups.sort((a, b) => b.similarity - a.similarity || a.cardIds.join().localeCompare(b.cardIds.join()));
}

function groupBucket(profiles: Profile[], threshold: number): NearDuplicateGroup[] {
  const parent = profiles.map((_, i) => i);
  const root = (i: number): number => {
    while (parent[i] !== i) i = parent[i] ?? i;
    return i;
  };
  const best = new Map<number, number>();
  const shared = new Map<number, Set<string>>();
  const links: [number, number, number][] = [];
  for (let i = 0; i < profiles.length; i++) {
    for (let j = i + 1; j < profiles.length; j++) {
      const a = profiles[i];
      const b = profiles[j];
      if (!a || !b) continue;
      const score = pairScore(a, b);
      if (score >= threshold) {
        links.push([i, j, score]);
        parent[root(j)] = root(i);
      }
    }
  }
  for (const [i, j, score] of links) {
    const r = root(i);
    best.set(r, Math.max(best.get(r) ?? 0, score));
    const a = profiles[i];
    const b = profiles[j];
    const words = shared.get(r) ?? new Set<string>();
    if (a && b) for (const key of a.keys) if (b.keys.has(key)) words.add(a.surfaceOf.get(key) ?? key);
    shared.set(r, words);
  }
  return [...best.entries()].map(([r, similarity]) => {
    const members = profiles.filter((_, i) => root(i) === r).map((p) => p.card);
    return {
      cardIds: members.map((c) => c.id),
      roomIds: [...new Set(members.map((c) => c.roomId))],
      questionId: members[0]?.questionId ?? '',
      similarity: Math.round(similarity * 100) / 100,
      sharedWords: [...(shared.get(r) ?? [])],
    };
  });
}
