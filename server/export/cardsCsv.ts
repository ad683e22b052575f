import type { CardExportRow } from './cardRows';

// RFC 4180 CSV of all cards. Spreadsheets run a cell that starts with = + - @ (or a tab, CR or NUL
// ahead of one) as a formula, so such cells get a leading single quote: a card cannot run code in
// the organiser's Excel.

const header = ['event', 'room', 'question', 'card_id', 'author', 'text', 'votes', 'hidden', 'created_at'];

export function neutraliseFormula(value: string): string {
  return /^[=+\-@\t\r\0]/.test(value) ? `'${value}` : value;
}

export function csvCell(value: string): string {
  const safe = neutraliseFormula(value);
  return /[",\r\n]/.test(safe) ? `"${safe.replace(/"/g, '""')}"` : safe;
}

export function cardsCsv(rows: readonly CardExportRow[]): string {
  const lines = [
    header,
    ...rows.map((r) => [r.event, r.room, r.question, r.cardId, r.author, r.text, String(r.votes), String(r.hidden), r.createdAt]),
  ].map((cells) => cells.map(csvCell).join(','));
  // The byte-order mark makes Excel read the file as UTF-8.
  return `\uFEFF${lines.join('\r\n')}\r\n`;
}
