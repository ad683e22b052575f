import { describe, expect, it } from 'vitest';
import { cardExportRows } from '../../../server/export/cardRows';
import { cardsCsv, csvCell } from '../../../server/export/cardsCsv';
import { summaryJson } from '../../../server/export/summaryJson';
import type { SummaryExport } from '../../../shared/exportSchema';
import type { DraftInput } from '../../../shared/summary/summaryModel';
import { pseudonymsFor } from '../../../server/export/pseudonyms';
import { exportOptions, exportSource, testSecret } from '../../helpers/exportOptions';
import { fixtureDraftInput, loadFixture } from '../../helpers/fixtureBoards';

/** A strict RFC 4180 reader, so the test does not trust the writer's own assumptions. */
function parseCsv(csv: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let cell = '';
  let quoted = false;
  for (let i = 0; i < csv.length; i++) {
    const c = csv[i];
    if (quoted) {
      if (c === '"' && csv[i + 1] === '"') {
        cell += '"';
        i++;
      } else if (c === '"') quoted = false;
      else cell += c;
    } else if (c === '"' && cell === '') quoted = true;
    else if (c === ',') {
      row.push(cell);
      cell = '';
    } else if (c === '\r' && csv[i + 1] === '\n') {
      row.push(cell);
      rows.push(row);
      row = [];
      cell = '';
      i++;
    }
    else if (c === '"' || c === '\r' || c === '\n') throw new Error(`unquoted ${JSON.stringify(c)} at ${i}`);
    else cell += c;
  }
  if (cell || row.length) throw new Error('missing final CRLF');
  return rows;
}

// The last three hide the formula behind blanks, which some spreadsheets trim before deciding.
const injections = ['=HYPERLINK("http://x","y")', '+1 from me', '- bullet point', '@SUM(A1:A2)', '\tindented', '\r=1+1', '\0nul', '  =1+1', '\u00A0@SUM(A1)', '\n-2+3'];
const awkward = 'Said "yes", then\nleft, early';

function inputWithHostileCards(): DraftInput {
  const input = fixtureDraftInput();
  const [first, ...rest] = input.boards;
  if (!first) throw new Error('fixture has no rooms');
  const extra = [...injections, awkward].map((text, i) => ({
    id: `hostile-${i}`,
    questionId: 'worked-well',
    authorId: 'h',
    authorName: i === 0 ? '=cmd|calc' : 'Hostile',
    text,
    createdAt: Date.UTC(2021, 5, 18, 11, i),
    hidden: i === 1,
  }));
  return { ...input, boards: [{ ...first, cards: [...first.cards, ...extra] }, ...rest] };
}

describe('cards CSV and JSON', () => {
  const fixture = loadFixture();
  const input = inputWithHostileCards();
  const { pseudonyms } = exportOptions();
  const rows = cardExportRows(input, { pseudonyms, includeNames: true, refs: new Map([['provider-market-0', '1']]) });
  const parsed = parseCsv(cardsCsv(rows, true).replace(/^\uFEFF/, ''));
  const [header, ...body] = parsed;
  const hostile = (i: number) => body.find((r) => r[4] === pseudonyms.card(`hostile-${i}`));

  it('lists every card of every room, hidden ones flagged', () => {
    expect(header).toEqual(['event', 'room', 'question', 'card_ref', 'card_id', 'author_ref', 'author', 'text', 'second_field', 'votes', 'hidden', 'created_at']);
    const total = fixture.rooms.reduce((n, r) => n + r.cards.length, 0) + injections.length + 1;
    expect(body).toHaveLength(total);
    expect(body.every((r) => r.length === header?.length)).toBe(true);
    const first = body.find((r) => r[4] === pseudonyms.card('provider-market-0'));
    expect(first).toEqual([
      fixture.event.title,
      'Provider market',
      'What worked well during the last year?',
      '1',
      pseudonyms.card('provider-market-0'),
      pseudonyms.person('provider-market-amira'),
      'Amira',
      fixture.rooms[0]?.cards[0]?.text,
      '',
      '6',
      'false',
      '2021-06-18T10:00:00.000Z',
    ]);
    expect(hostile(1)?.[10]).toBe('true');
  });

  it('neutralises cells a spreadsheet would run as formulas', () => {
    injections.forEach((text, i) => {
      expect(hostile(i)?.[7]).toBe(`'${text}`);
    });
    expect(hostile(0)?.[6]).toBe("'=cmd|calc");
    for (const cell of body.flat()) expect(cell).not.toMatch(/^[\s\0]*[=+\-@\t\r\0]/);
    expect(csvCell('-5')).toBe("'-5");
    expect(csvCell('a-b')).toBe('a-b');
  });

  it('looks past leading blanks for a formula, and leaves other cells alone', () => {
    expect(csvCell('  =1+1')).toBe("'  =1+1");
    expect(csvCell(' \t+1')).toBe("' \t+1");
    expect(csvCell('\u3000@A1')).toBe("'\u3000@A1");
    expect(csvCell('\n=1')).toBe('"\'\n=1"');
    for (const harmless of ['', ' ', '  hello', 'a=b', '5-3', 'e-mail me', 'x@example.org', "'=already quoted"]) {
      expect(csvCell(harmless)).toBe(harmless);
    }
  });

  it('quotes quotes, commas and newlines so the text round-trips', () => {
    expect(body.find((r) => r[7] === awkward)).toBeDefined();
    expect(csvCell('plain text')).toBe('plain text');
    expect(csvCell('a,b')).toBe('"a,b"');
    expect(csvCell('say "hi"')).toBe('"say ""hi"""');
  });

  it('writes the same cards as JSON', () => {
    const json = JSON.parse(summaryJson(exportSource(input), exportOptions({ includeNames: true }))) as SummaryExport;
    expect(json.cards).toHaveLength(body.length);
    expect(json.cards.find((c) => c.id === pseudonyms.card('hostile-1'))).toMatchObject({ hidden: true, text: injections[1], ref: null });
    expect(json.cards.find((c) => c.id === pseudonyms.card('co-production-0'))?.votes).toBe(7);
  });

  it('carries pseudonyms, never the app’s ids, and no author column unless names are included', () => {
    const plain = cardsCsv(cardExportRows(input, { pseudonyms, includeNames: false, refs: new Map() }), false);
    const [plainHeader, ...plainBody] = parseCsv(plain.replace(/^\uFEFF/, ''));
    expect(plainHeader).not.toContain('author');
    expect(plainBody.every((r) => r.length === plainHeader?.length)).toBe(true);
    for (const board of input.boards) {
      for (const card of board.cards.filter((c) => !c.id.startsWith('hostile-'))) {
        expect(plain).not.toContain(card.id);
        expect(plain).not.toContain(card.authorId);
        expect(plain).not.toMatch(new RegExp(`\\b${card.authorName}\\b`));
      }
    }
    // The same card and person get the same pseudonym; another event's are different.
    expect(pseudonyms.card('x')).toBe(exportOptions().pseudonyms.card('x'));
    expect(pseudonyms.person('x')).toMatch(/^p_[0-9a-f]{16}$/);
    expect(exportOptions({ pseudonyms: pseudonymsFor(testSecret, 'another-event') }).pseudonyms.person('x')).not.toBe(pseudonyms.person('x'));
  });
});
