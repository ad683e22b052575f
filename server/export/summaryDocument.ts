import type { DocumentLogo, SummaryDocument } from '../../shared/summary/docBlocks';
import { formatEventDate, renderBlocks, renderContext, type RenderContext } from '../../shared/summary/documentModel';
import { countOf } from '../../shared/summary/counts';
import { logoAltText } from '../../shared/summary/logoAlt';
import type { DraftInput } from '../../shared/summary/summaryModel';
import type { StoredLogo } from '../store/store';
import type { ExportOptions, ExportSource } from './exportFormats';

/** Cards a facilitator has hidden (possibly after the summary was drafted): never printed. */
export function hiddenCardIds(input: DraftInput): Set<string> {
  return new Set(input.boards.flatMap((board) => board.cards.filter((card) => card.hidden).map((card) => card.id)));
}

/** The summary as every format prints it: hidden cards out, appendix numbered, names only when asked. */
export function printedContext(source: ExportSource, options: Pick<ExportOptions, 'includeNames'>): RenderContext {
  return renderContext(source.summary, { includeNames: options.includeNames, hiddenCardIds: hiddenCardIds(source.input) });
}

/**
 * "Made with Roundtable on 2 December 2026 from 34 cards and 120 votes in 4 groups at “Title” (18 June 2021).
 * Names of card writers are not included." Counts are of the printed cards.
 */
export function provenanceLine(context: RenderContext, options: Pick<ExportOptions, 'includeNames' | 'generatedAt'>): string {
  const { summary, cards } = context;
  const votes = [...cards.values()].reduce((sum, card) => sum + card.votes, 0);
  const made = formatEventDate(options.generatedAt.toISOString().slice(0, 10));
  const eventDate = summary.date.trim() ? ` (${formatEventDate(summary.date.trim())})` : '';
  const from = `${countOf(cards.size, 'card')} and ${countOf(votes, 'vote')} in ${countOf(summary.groups.length, 'group')}`;
  const names = options.includeNames ? 'Names of card writers are included.' : 'Names of card writers are not included.';
  return `Made with Roundtable on ${made} from ${from} at \u201c${summary.title}\u201d${eventDate}. ${names}`;
}

/** The stored logo as the title block shows it; its alternative text names the organiser. */
export function documentLogo(logo: StoredLogo, organiser: string): DocumentLogo {
  return { bytes: logo.bytes, mime: logo.mime, width: logo.width, height: logo.height, alt: logoAltText(organiser) };
}

/** The document every summary format renders: the blocks plus title, language, provenance and logo. */
export function summaryDocumentOf(source: ExportSource, options: ExportOptions): SummaryDocument {
  const { summary } = source;
  const context = printedContext(source, options);
  return {
    title: summary.title,
    lang: 'en-GB',
    provenance: provenanceLine(context, options),
    ...(source.logo ? { logo: documentLogo(source.logo, summary.organiser) } : {}),
    blocks: renderBlocks(context),
  };
}
