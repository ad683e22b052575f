import crypto from 'node:crypto';

// Exports carry pseudonyms, never the ids the app uses: a participant id is also the key of their
// session token, and card ids could be matched against a board. Each event gets its own key, derived
// from the server's secret, so the same person or card has the same pseudonym in every export of that
// event (re-analysis can join them) but not across events, and only the server could link them back.

export interface Pseudonyms {
  /** "c_…": a card. */
  card(cardId: string): string;
  /** "p_…": a person (an author or a voter). */
  person(participantId: string): string;
}

export function pseudonymsFor(serverSecret: Uint8Array, eventId: string): Pseudonyms {
  const eventKey = crypto.createHmac('sha256', serverSecret).update(`roundtable export pseudonyms\0${eventId}`).digest();
  const make = (prefix: 'c_' | 'p_') => (id: string) =>
    prefix + crypto.createHmac('sha256', eventKey).update(`${prefix}${id}`).digest('hex').slice(0, 16);
  return { card: make('c_'), person: make('p_') };
}
