import type { SummaryDocument } from '../../shared/summary/docBlocks';
import { renderSummaryDocument } from '../../shared/summary/documentModel';
import type { ExportSource } from './exportFormats';

/** The document every summary format renders: the blocks plus title, language and provenance. */
export function summaryDocumentOf(source: ExportSource): SummaryDocument {
  const { summary } = source;
  return {
    title: summary.title,
    lang: 'en-GB',
    provenance: `Made with Roundtable from the boards of “${summary.title}”.`,
    blocks: renderSummaryDocument(summary),
  };
}
