import type { EventSummary } from '../../shared/summary/summaryModel';
import type { CardExportRow } from './cardRows';
import { cardsCsv } from './cardsCsv';
import { cardsJson } from './cardsJson';
import { summaryDocumentOf } from './summaryDocument';
import { toHtml } from './toHtml';
import { toMarkdown } from './toMarkdown';

// The export formats the organiser can download: content type, file name and renderer per format.
// Word and PDF load their libraries on first use: they are large and most servers rarely export.

export const exportFormatNames = ['docx', 'pdf', 'md', 'html', 'csv', 'json'] as const;
export type ExportFormat = (typeof exportFormatNames)[number];

export interface ExportSource {
  summary: EventSummary;
  /** All cards of all rooms (see cardExportRows), for the csv and json formats. */
  cards: readonly CardExportRow[];
}

export interface ExportFormatInfo {
  contentType: string;
  extension: string;
  /** Summary documents, or the raw cards. */
  content: 'summary' | 'cards';
  render: (source: ExportSource) => Promise<Buffer | string>;
}

export const exportFormats: Record<ExportFormat, ExportFormatInfo> = {
  docx: {
    contentType: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
    extension: 'docx',
    content: 'summary',
    render: async (s) => (await import('./toDocx')).toDocx(summaryDocumentOf(s)),
  },
  pdf: {
    contentType: 'application/pdf',
    extension: 'pdf',
    content: 'summary',
    render: async (s) => (await import('./toPdf')).toPdf(summaryDocumentOf(s)),
  },
  md: {
    contentType: 'text/markdown; charset=utf-8',
    extension: 'md',
    content: 'summary',
    render: async (s) => toMarkdown(summaryDocumentOf(s)),
  },
  html: {
    contentType: 'text/html; charset=utf-8',
    extension: 'html',
    content: 'summary',
    render: async (s) => toHtml(summaryDocumentOf(s)),
  },
  csv: { contentType: 'text/csv; charset=utf-8', extension: 'csv', content: 'cards', render: async (s) => cardsCsv(s.cards) },
  json: { contentType: 'application/json; charset=utf-8', extension: 'json', content: 'cards', render: async (s) => cardsJson(s.cards) },
};

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
  return `${slug || 'event'}-${info.content === 'cards' ? 'cards' : 'summary'}.${info.extension}`;
}
