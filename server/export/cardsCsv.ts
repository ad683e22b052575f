import type { CardExportRow } from './cardRows';

// RFC 4180 CSV of all cards. Spreadsheets run a cell that starts with = + - @ as a formula, and some
// trim leading blanks first (or treat a leading tab, CR or NUL as one), so such cells get a leading
// single quote, as OWASP advises: a card cannot run code in the organiser's Excel.
// Ids are pseudonyms (cardRows.ts); the author column is there only when names are included.

/** The first non-blank character is = + - @, or a tab, CR or NUL comes before anything that is not blank. */
const formulaStart = /^[\s\0]*[=+\-@\t\r\0]/;

export function neutraliseFormula(value: string): string {
  return formulaStart.test(value) ? `'${value}` : value;
}

export function csvCell(value: string): string {
  const safe = neutraliseFormula(value);
  return /[",\r\n]/.test(safe) ? `"${safe.replace(/"/g, '""')}"` : safe;
}

export function cardsCsv(rows: readonly CardExportRow[], includeNames: boolean): string {
  const names = (author: string): string[] => (includeNames ? [author] : []);
  const header = ['event', 'room', 'question', 'card_ref', 'card_id', 'author_ref', ...names('author'), 'text', 'second_field', 'votes', 'hidden', 'created_at'];
  const lines = [
    header,
    ...rows.map((r) => [
      r.event,
      r.room,
      r.question,
      r.ref ? String(r.ref) : '',
      r.cardId,
      r.authorRef,
      ...names(r.author ?? ''),
      r.text,
      r.detail,
      String(r.votes),
      String(r.hidden),
      r.createdAt,
    ]),
  ].map((cells) => cells.map(csvCell).join(','));
  // The byte-order mark makes Excel read the file as UTF-8.
  return `\uFEFF${lines.join('\r\n')}\r\n`;
}
