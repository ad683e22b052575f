import { describe, expect, it } from 'vitest';
import { cardExportRows } from '../../../server/export/cardRows';
import { cardsCsv, csvCell } from '../../../server/export/cardsCsv';
import { cardsJson } from '../../../server/export/cardsJson';
import type { DraftInput } from '../../../shared/summary/summaryModel';
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
      if (c === '"' && csv[i + 1] === '"') (cell += '"'), i++;
      else if (c === '"') quoted = false;
      else cell += c;
    } else if (c === '"' && cell === '') quoted = true;
    else if (c === ',') row.push(cell), (cell = '');
    else if (c === '\r' && csv[i + 1] === '\n') row.push(cell), rows.push(row), (row = []), (cell = ''), i++;
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
  const rows = cardExportRows(input);
  const parsed = parseCsv(cardsCsv(rows).replace(/^\uFEFF/, ''));
  const [header, ...body] = parsed;

  it('lists every card of every room, hidden ones flagged', () => {
    expect(header).toEqual(['event', 'room', 'question', 'card_id', 'author', 'text', 'second_field', 'votes', 'hidden', 'created_at']);
    const total = fixture.rooms.reduce((n, r) => n + r.cards.length, 0) + injections.length + 1;
    expect(body).toHaveLength(total);
    expect(body.every((r) => r.length === header?.length)).toBe(true);
    const first = body.find((r) => r[3] === 'provider-market-0');
    expect(first).toEqual([
      fixture.event.title,
      'Provider market',
      'What worked well during the last year?',
      'provider-market-0',
      'Amira',
      fixture.rooms[0]?.cards[0]?.text,
      '',
      '6',
      'false',
      '2021-06-18T10:00:00.000Z',
    ]);
    expect(body.find((r) => r[3] === 'hostile-1')?.[8]).toBe('true');
  });

  it('neutralises cells a spreadsheet would run as formulas', () => {
    injections.forEach((text, i) => {
      expect(body.find((r) => r[3] === `hostile-${i}`)?.[5]).toBe(`'${text}`);
    });
    expect(body.find((r) => r[3] === 'hostile-0')?.[4]).toBe("'=cmd|calc");
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
    expect(body.find((r) => r[5] === awkward)).toBeDefined();
    expect(csvCell('plain text')).toBe('plain text');
    expect(csvCell('a,b')).toBe('"a,b"');
    expect(csvCell('say "hi"')).toBe('"say ""hi"""');
  });

  it('writes the same cards as JSON', () => {
    const json = JSON.parse(cardsJson(rows)) as { cards: typeof rows };
    expect(json.cards).toHaveLength(body.length);
    expect(json.cards.find((c) => c.cardId === 'hostile-1')).toMatchObject({ hidden: true, text: injections[1] });
    expect(json.cards.find((c) => c.cardId === 'co-production-0')?.votes).toBe(7);
  });
});
