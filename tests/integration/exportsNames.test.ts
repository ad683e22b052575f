import JSZip from 'jszip';
import { describe, expect, it } from 'vitest';
import { summaryExportSchema } from '../../shared/exportSchema';
import type { CreatedTestEvent } from '../helpers/apiClient';
import { createTestEvent, sampleEvent } from '../helpers/apiClient';
import { loadFixture } from '../helpers/fixtureBoards';
import { pdfPageTexts } from '../helpers/pdfText';
import { seedFixtureEvent } from '../helpers/seedFixture';
import { cleanupsAfterEach, startTestServer } from '../helpers/testServer';

// Exports from the real server: names of card writers appear only with ?names=include, in every format;
// anonymous events refuse it; the JSON export validates against the export schema.

const cleanups = cleanupsAfterEach();
const fixture = loadFixture();
const authors = [...new Set(fixture.rooms.flatMap((r) => r.cards.map((c) => c.by)))];
const formats = ['docx', 'pdf', 'md', 'html', 'csv', 'json'] as const;

/** What a reader of the file sees, as text. */
async function readable(format: (typeof formats)[number], res: Response): Promise<string> {
  const bytes = Buffer.from(await res.arrayBuffer());
  if (format === 'docx') return (await JSZip.loadAsync(bytes)).file('word/document.xml')!.async('string');
  if (format === 'pdf') return (await pdfPageTexts(bytes)).join('\n');
  return bytes.toString('utf8');
}

const namesIn = (text: string) => authors.filter((name) => new RegExp(`\\b${name}\\b`).test(text));

async function exported(event: CreatedTestEvent, format: string, query = '') {
  return event.organiser.request('GET', `/api/events/${event.info.id}/export/${format}${query}`);
}

describe('exports and the names switch', () => {
  it('every format leaves names out by default and includes them only with names=include', async () => {
    const server = await startTestServer();
    cleanups.push(() => server.close());
    const event = await seedFixtureEvent(server.url);

    for (const format of formats) {
      const plain = await exported(event, format);
      expect(plain.status, format).toBe(200);
      const plainText = await readable(format, plain);
      expect(namesIn(plainText), `${format} without names`).toEqual([]);
      expect(plainText, format).toContain(fixture.rooms[0]!.cards[0]!.text.slice(0, 40));

      const named = await exported(event, format, '?names=include');
      expect(named.status, format).toBe(200);
      // Every author of the fixture wrote a card, and each card is in every format with its author.
      expect(namesIn(await readable(format, named)).sort(), `${format} with names`).toEqual([...authors].sort());
    }
  }, 120_000);

  it('the JSON export validates against the schema, with pseudonymous ids and the provenance line', async () => {
    const server = await startTestServer();
    cleanups.push(() => server.close());
    const event = await seedFixtureEvent(server.url);
    const participants = await server.store.listParticipants(event.info.id);
    const text = await (await exported(event, 'json')).text();
    const data = summaryExportSchema.parse(JSON.parse(text));
    expect(data.includesNames).toBe(false);
    expect(data.provenance).toMatch(/^Made with Roundtable on \d{1,2} \w+ \d{4} from \d+ cards and \d+ votes in 4 groups at “ADASS.+” \(18 June 2021\)\. Names of card writers are not included\.$/);
    expect(data.cards).toHaveLength(fixture.rooms.reduce((n, r) => n + r.cards.length, 0));
    for (const p of participants) expect(text).not.toContain(p.id);
    expect(text).not.toContain('"provider-market-0"');
    // The same pseudonyms in every export of the event.
    const again = summaryExportSchema.parse(await (await exported(event, 'json', '?names=include')).json());
    expect(again.cards.map((c) => c.id)).toEqual(data.cards.map((c) => c.id));
    expect(again.cards.map((c) => c.authorRef)).toEqual(data.cards.map((c) => c.authorRef));
  }, 60_000);

  it('refuses names=include for an anonymous event, and unknown query parameters', async () => {
    const server = await startTestServer();
    cleanups.push(() => server.close());
    const event = await createTestEvent(server.url, { ...sampleEvent, namesMode: 'anonymous' });
    const refused = await exported(event, 'pdf', '?names=include');
    expect(refused.status).toBe(400);
    expect(await refused.json()).toEqual({ error: { code: 'anonymous_event', message: 'This event is anonymous: there are no names to include.' } });
    expect((await exported(event, 'csv')).status).toBe(200);

    const shown = await createTestEvent(server.url);
    const unknown = await exported(shown, 'md', '?names=include&bogusField=1');
    expect(unknown.status).toBe(400);
    expect(((await unknown.json()) as { error: { message: string } }).error.message).toBe('Unknown field: bogusField');
    const wrong = await exported(shown, 'md', '?names=yes');
    expect(wrong.status).toBe(400);
    expect(((await wrong.json()) as { error: { message: string } }).error.message).toMatch(/names can only be "include"/);
    expect((await exported(shown, 'md', '?names=include')).status).toBe(200);
  });
});
