import type { CardExportRow } from './cardRows';

// All cards as JSON, for re-analysis. JSON.stringify escapes everything JSON needs.

export function cardsJson(rows: readonly CardExportRow[]): string {
  return JSON.stringify({ format: 'roundtable-cards', version: 1, cards: rows }, null, 2) + '\n';
}
