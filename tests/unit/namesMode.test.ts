import { describe, expect, it } from 'vitest';
import { cardAuthorName, newCardsAnnouncement, nextPseudonym, presenceStateProblem, presenceUser, typingText } from '../../shared/namesMode';

describe('names setting rules', () => {
  it('cards and presence name their writer only where names are shown', () => {
    expect(cardAuthorName('shown', 'Siân')).toBe('Siân');
    expect(cardAuthorName('hidden', 'Siân')).toBe('');
    expect(cardAuthorName('anonymous', 'Participant 2')).toBe('');
    const who = { participantId: 'p-1', name: 'Siân', role: 'participant' as const };
    expect(presenceUser('shown', who)).toEqual({ id: 'p-1', name: 'Siân', role: 'participant' });
    expect(presenceUser('hidden', who)).toEqual({ id: 'p-1', role: 'participant' });
  });

  it('presence states are checked positively where names are not shown', () => {
    const ok = [{}, { user: { id: 'p-1', role: 'participant' } }, { typingIn: 'card-1' }, { typingIn: null, user: { id: 'p-1' } }];
    for (const state of ok) expect(presenceStateProblem('anonymous', state), JSON.stringify(state)).toBeNull();
    const refused = [{ user: { id: 'p-1', name: 'Siân' } }, { name: 'Siân' }, { cursor: 1 }, { user: { id: 'p-1', role: 'queen' } }, { user: 'Siân' }, { typingIn: 7 }, { user: { id: 'p-1', avatar: 'S' } }];
    for (const state of refused) expect(presenceStateProblem('hidden', state), JSON.stringify(state)).not.toBeNull();
    expect(presenceStateProblem('shown', { name: 'Siân' })).toBeNull();
  });

  it('typing and announcements name nobody where names are not shown', () => {
    expect(typingText('shown', ['Ana', 'Ben'])).toBe('Ana, Ben typing…');
    expect(typingText('hidden', ['', ''])).toBe('2 people are typing…');
    expect(typingText('anonymous', ['Facilitator'])).toBe('Someone is typing…');
    expect(newCardsAnnouncement('shown', [{ authorName: 'Ana' }], ['What worked?'])).toBe('Ana added a card under What worked?.');
    expect(newCardsAnnouncement('hidden', [{ authorName: 'Ana' }], ['What worked?'])).toBe('A card was added under What worked?.');
  });

  it('pseudonyms count up from the highest given', () => {
    expect(nextPseudonym([])).toBe('Participant 1');
    expect(nextPseudonym(['Participant 1', 'Participant 3'])).toBe('Participant 4');
  });
});
