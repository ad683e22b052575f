import type { NamesMode } from '../../shared/types';
import type { EventSummary, DraftInput } from '../../shared/summary/summaryModel';
import type { VoteRow } from '../../shared/votes';
import type { StoredLogo } from '../store/store';
import { cardExportRows } from './cardRows';
import { cardsCsv } from './cardsCsv';
import type { Pseudonyms } from './pseudonyms';
import { printedContext, summaryDocumentOf } from './summaryDocument';
import { summaryJson } from './summaryJson';
import { toHtml } from './toHtml';
import { toMarkdown } from './toMarkdown';

// The export formats the organiser can download: content type, file name and renderer per format.
// Word and PDF load their libraries on first use: they are large and most servers rarely export.

export const exportFormatNames = ['docx', 'pdf', 'md', 'html', 'csv', 'json'] as const;
export type ExportFormat = (typeof exportFormatNames)[number];

/** What an export is made from. */
export interface ExportSource {
  summary: EventSummary;
  /** Every card of every room, hidden ones with their saved texts (loadDraftInput). */
  input: DraftInput;
  /** The vote rows (card, voter, count), for the json format. */
  votes: readonly VoteRow[];
  logo?: StoredLogo;
}

/** How an export is made: the organiser's names switch, and what the server adds. */
export interface ExportOptions {
  /** Authors' names in the document, the CSV and the JSON: off unless the organiser asks. */
  includeNames: boolean;
  namesMode: NamesMode;
  /** When the export was made (provenance line, JSON generatedAt). */
  generatedAt: Date;
  /** Card and person ids in the CSV and JSON. */
  pseudonyms: Pseudonyms;
}

export interface ExportFormatInfo {
  contentType: string;
  extension: string;
  /** What the file holds, which also names it: a summary document, the cards, or all the data (JSON). */
  content: 'summary' | 'cards' | 'data';
  render: (source: ExportSource, options: ExportOptions) => Promise<Buffer | string>;
}

export const exportFormats: Record<ExportFormat, ExportFormatInfo> = {
  docx: {
    contentType: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
    extension: 'docx',
    content: 'summary',
    render: async (s, o) => (await import('./toDocx')).toDocx(summaryDocumentOf(s, o)),
  },
  pdf: {
    contentType: 'application/pdf',
    extension: 'pdf',
    content: 'summary',
    render: async (s, o) => (await import('./toPdf')).toPdf(summaryDocumentOf(s, o)),
  },
  md: {
    contentType: 'text/markdown; charset=utf-8',
    extension: 'md',
    content: 'summary',
    render: async (s, o) => toMarkdown(summaryDocumentOf(s, o)),
  },
  html: {
    contentType: 'text/html; charset=utf-8',
    extension: 'html',
    content: 'summary',
    render: async (s, o) => toHtml(summaryDocumentOf(s, o)),
  },
  csv: {
    contentType: 'text/csv; charset=utf-8',
    extension: 'csv',
    content: 'cards',
    render: async (s, o) => cardsCsv(cardExportRows(s.input, { ...o, refs: appendixRefs(s, o) }), o.includeNames),
  },
  json: { contentType: 'application/json; charset=utf-8', extension: 'json', content: 'data', render: async (s, o) => summaryJson(s, o) },
};

/** Appendix numbers by card id, as the printed summary numbers them. */
function appendixRefs(source: ExportSource, options: ExportOptions): Map<string, string> {
  return new Map([...printedContext(source, options).cards].map(([id, card]) => [id, card.ref]));
}

export function isExportFormat(value: string): value is ExportFormat {
  return (exportFormatNames as readonly string[]).includes(value);
}

/** A download name safe in any file system and HTTP header: ASCII letters, digits and dashes only. */
export function exportFilename(eventTitle: string, format: ExportFormat): string {
  const slug = eventTitle
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, 80)
    .replace(/-+$/, '');
  const info = exportFormats[format];
  return `${slug || 'event'}-${info.content}.${info.extension}`;
}
