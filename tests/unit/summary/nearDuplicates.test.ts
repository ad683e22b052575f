import { describe, expect, it } from 'vitest';
import { cardSimilarity, defaultDuplicateThreshold, findNearDuplicates } from '../../../shared/summary/nearDuplicates';
import type { RoomCard } from '../../../shared/summary/summaryModel';
import { visibleRoomCards } from '../../../shared/summary/visibleCards';
import { cardIdByText, fixtureDraftInput, loadFixture } from '../../helpers/fixtureBoards';

const fixture = loadFixture();
const input = fixtureDraftInput(fixture);
const cards = visibleRoomCards(input);
const expectedPairs = fixture.expectedInSummary.nearDuplicatePairs.map(([a, b]) =>
  [cardIdByText(input, a), cardIdByText(input, b)].sort().join('+'),
);

function card(id: string, roomId: string, text: string): RoomCard {
  return { id, roomId, questionId: 'worked-well', text, author: 'X', votes: 0, createdAt: 0 };
}

describe('findNearDuplicates', () => {
  const groups = findNearDuplicates(cards);

  it('finds both near-duplicate pairs of the fixture, explaining what they share', () => {
    const found = groups.map((g) => [...g.cardIds].sort().join('+'));
    for (const pair of expectedPairs) expect(found).toContain(pair);
    const digital = groups.find((g) => g.cardIds.includes(cardIdByText(input, 'Online meetings')));
    expect(digital?.sharedWords).toEqual(expect.arrayContaining(['digital', 'join', 'lived']));
  });

  it('does not flood the fixture with false positives', () => {
    expect(groups.length).toBeLessThanOrEqual(4);
    // Every suggestion is one of the known pairs: nothing unrelated is paired.
    for (const g of groups) expect(expectedPairs).toContain([...g.cardIds].sort().join('+'));
  });

  it('scores unrelated and merely related cards below the threshold', () => {
    const text = (start: string) => cards.find((c) => c.text.startsWith(start))?.text ?? '';
    expect(cardSimilarity(text('The dedication and hard work'), text('Shorter packages of care'))).toBeLessThan(0.2);
    // Same topic (the voluntary sector), different point.
    expect(cardSimilarity(text('The voluntary and community'), text('Council volunteering models'))).toBeLessThan(defaultDuplicateThreshold);
  });

  it('compares only within a room and question unless asked to look across rooms', () => {
    const a = card('a', 'room-1', 'Online meetings meant more people could join');
    const b = card('b', 'room-2', 'Digital meetings meant more people could come together');
    expect(findNearDuplicates([a, b])).toEqual([]);
    const across = findNearDuplicates([a, b], { acrossRooms: true });
    expect(across).toHaveLength(1);
    expect(across[0]?.roomIds).toEqual(['room-1', 'room-2']);
    expect(findNearDuplicates([a, { ...b, roomId: 'room-1', questionId: 'build-on' }])).toEqual([]);
  });

  it('joins chains of similar cards into one group', () => {
    const group = findNearDuplicates([
      card('a', 'r', 'Barriers between organisations were let go'),
      card('b', 'r', 'Barriers between organisations were let go quickly'),
      card('c', 'r', 'Barriers between partner organisations were let go quickly'),
    ]);
    expect(group).toHaveLength(1);
    expect(group[0]?.cardIds).toEqual(['a', 'b', 'c']);
  });
});
