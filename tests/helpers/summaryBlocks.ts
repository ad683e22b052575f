import { draftSummary } from '../../shared/summary/draftSummary';
import type { DocBlock } from '../../shared/summary/docBlocks';
import { renderSummaryDocument } from '../../shared/summary/documentModel';
import type { DraftInput } from '../../shared/summary/summaryModel';
import { fixtureDraftInput } from './fixtureBoards';

/** The rendered summary document of a draft input (the fixture by default). */
export function summaryBlocks(input: DraftInput = fixtureDraftInput()): DocBlock[] {
  return renderSummaryDocument(draftSummary(input));
}

/** Every key message text of the rendered document, in order. */
export function keyMessageTexts(blocks: readonly DocBlock[]): string[] {
  const start = blocks.findIndex((b) => b.kind === 'heading' && b.text === 'Key messages from groups');
  const end = blocks.findIndex((b, i) => i > start && b.kind === 'heading' && b.level === 1);
  return blocks.slice(start, end).flatMap((b) => (b.kind === 'bullets' ? b.items.map((i) => i.text) : []));
}
