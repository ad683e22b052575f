import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { summaryDocumentOf } from '../../../server/export/summaryDocument';
import { summaryJson } from '../../../server/export/summaryJson';
import { exportJsonSchemaText, summaryExportSchema, type SummaryExport } from '../../../shared/exportSchema';
import { allMessages } from '../../../shared/summary/summaryLookup';
import { printedThemes } from '../../../shared/summary/themeDecisions';
import { exportOptions, exportSource } from '../../helpers/exportOptions';
import { loadFixture } from '../../helpers/fixtureBoards';

// The JSON export is the whole summary with its sources, the cards and the votes, in the shape the
// committed JSON Schema describes; the provenance line says where the document came from.

const schemaFile = fileURLToPath(new URL('../../../docs/export-schema.json', import.meta.url));
const fixture = loadFixture();
const authors = [...new Set(fixture.rooms.flatMap((r) => r.cards.map((c) => c.by)))];

describe('JSON export', () => {
  const source = exportSource();
  const plain = summaryJson(source, exportOptions());
  const data = JSON.parse(plain) as SummaryExport;

  it('docs/export-schema.json is the schema the export is built through (npx tsx scripts/writeExportSchema.ts)', () => {
    expect(readFileSync(schemaFile, 'utf8')).toBe(exportJsonSchemaText());
  });

  it('validates against the schema: version, generator, event, whole summary, cards and votes', () => {
    expect(summaryExportSchema.safeParse(data).success).toBe(true);
    expect(data).toMatchObject({ schemaVersion: 1, generator: 'Roundtable', generatedAt: '2026-12-02T10:00:00.000Z', includesNames: false });
    expect(data.event).toMatchObject({ title: fixture.event.title, organiser: fixture.event.organiser, namesMode: 'shown' });
    expect(data.summary.sections.map((s) => s.heading)).toContain('Key messages from groups');
    expect(data.summary.keyMessages).toHaveLength(allMessages(source.summary).length);
    expect(data.summary.themes).toHaveLength(printedThemes(source.summary).length);
    expect(data.summary.nextSteps.actions).toHaveLength(source.summary.nextSteps.actions.length);
    expect(data.cards).toHaveLength(fixture.rooms.reduce((n, r) => n + r.cards.length, 0));
    expect(data.votes.length).toBeGreaterThan(0);
  });

  it('names each source by a card id found in cards[] with the same appendix number', () => {
    const byId = new Map(data.cards.map((c) => [c.id, c]));
    const all = [...data.summary.keyMessages, ...data.summary.themes, ...data.summary.nextSteps.actions].flatMap((x) => x.sources);
    expect(all.length).toBeGreaterThan(data.summary.keyMessages.length - 1);
    for (const s of all) expect(byId.get(s.cardId)?.ref).toBe(s.ref);
    for (const m of data.summary.keyMessages) {
      expect(m.sources.length).toBeGreaterThan(0);
      for (const s of m.sources) expect(byId.get(s.cardId)).toMatchObject({ roomId: m.roomId, questionId: m.questionId });
    }
    const votes = new Map<string, number>();
    for (const v of data.votes) votes.set(v.cardId, (votes.get(v.cardId) ?? 0) + v.count);
    for (const card of data.cards) expect(card.votes).toBe(votes.get(card.id) ?? 0);
  });

  it('carries pseudonyms only, and names only when asked', () => {
    for (const board of source.input.boards) {
      for (const card of board.cards) {
        expect(plain).not.toContain(`"${card.id}"`);
        expect(plain).not.toContain(card.authorId);
      }
    }
    expect(data.cards.every((c) => c.author === undefined)).toBe(true);
    for (const name of authors) expect(plain).not.toMatch(new RegExp(`\\b${name}\\b`));
    const named = JSON.parse(summaryJson(source, exportOptions({ includeNames: true }))) as SummaryExport;
    expect(named.includesNames).toBe(true);
    expect(named.cards.every((c) => authors.includes(c.author ?? ''))).toBe(true);
    expect(named.cards.map((c) => c.id)).toEqual(data.cards.map((c) => c.id));
  });
});

describe('provenance line and document wrapper', () => {
  const source = exportSource();
  const cards = fixture.rooms.reduce((n, r) => n + r.cards.length, 0);
  const votes = fixture.rooms.reduce((n, r) => n + r.cards.reduce((v, c) => v + c.votes, 0), 0);

  it('says when, from how much, where, and whether names are included', () => {
    const doc = summaryDocumentOf(source, exportOptions());
    expect(doc.lang).toBe('en-GB');
    expect(doc.provenance).toBe(
      `Made with Roundtable on 2 December 2026 from ${cards} cards and ${votes} votes in ${fixture.rooms.length} groups at “${fixture.event.title}” (18 June 2021). Names of card writers are not included.`,
    );
    expect(summaryDocumentOf(source, exportOptions({ includeNames: true })).provenance).toMatch(/Names of card writers are included\.$/);
    expect(doc.logo).toBeUndefined();
  });

  it('adds a stored logo with the organiser as its alternative text', () => {
    const logo = { mime: 'image/png' as const, width: 40, height: 20, bytes: new Uint8Array([1, 2, 3]) };
    expect(summaryDocumentOf({ ...source, logo }, exportOptions()).logo).toEqual({ ...logo, alt: `Logo of ${fixture.event.organiser}` });
    const unnamed = { ...source, logo, summary: { ...source.summary, organiser: ' ' } };
    expect(summaryDocumentOf(unnamed, exportOptions()).logo?.alt).toBe('Organisation logo');
  });
});
