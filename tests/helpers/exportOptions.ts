import type { ExportOptions, ExportSource } from '../../server/export/exportFormats';
import { pseudonymsFor } from '../../server/export/pseudonyms';
import { draftSummary } from '../../shared/summary/draftSummary';
import type { DraftInput } from '../../shared/summary/summaryModel';
import { fixtureDraftInput } from './fixtureBoards';

/** A fixed server secret and time, so exports made in tests are reproducible. */
export const testSecret = Buffer.alloc(32, 7);

export function exportOptions(overrides: Partial<ExportOptions> = {}): ExportOptions {
  return {
    includeNames: false,
    namesMode: 'shown',
    generatedAt: new Date('2026-12-02T10:00:00Z'),
    pseudonyms: pseudonymsFor(testSecret, 'test-event'),
    ...overrides,
  };
}

/** An export source drafted from the input (the fixture by default), with one vote row per card vote. */
export function exportSource(input: DraftInput = fixtureDraftInput()): ExportSource {
  const votes = input.boards.flatMap((b) =>
    Object.entries(b.votes).flatMap(([cardId, count]) => (count > 0 ? [{ roomId: b.roomId, cardId, voterId: `voter-${b.roomId}`, count }] : [])),
  );
  return { summary: draftSummary(input), input, votes };
}
