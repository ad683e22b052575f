import { Resvg } from '@resvg/resvg-js';
import type { DocBlock, SourceRef, SummaryDocument } from '../../shared/summary/docBlocks';

// A summary document in the scripts the boards hold — Polish, Welsh, Greek, Cyrillic, Arabic, Hebrew
// and emoji — with source cards and a logo, for checking exports as a reader would.

export const scripts = {
  polish: 'Łódź, zażółć gęślą jaźń',
  welsh: 'Ŵyr ŷd',
  greek: 'Καλημέρα κόσμε',
  cyrillic: 'Привет, мир',
  arabic: 'مرحبا بالعالم',
  hebrew: 'שלום עולם',
  emoji: 'Great teamwork 🎉',
} as const;

export const multilingualHeadings = {
  section: 'Kluczowe wiadomości — Łódź',
  room: 'Ystafell Ŵyr ŷd',
  arabicRoom: 'غرفة مرحبا',
  hebrewRoom: 'חדר שלום',
  question: 'Co zadziałało dobrze?',
} as const;

/** A small PNG logo, 240 × 120 pixels: a blue band with a white disc. */
export function logoPng(width = 240, height = 120): Uint8Array {
  const svg = `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}"><rect width="100%" height="100%" fill="#2b6cb0"/><circle cx="${height / 2}" cy="${height / 2}" r="${height / 3}" fill="#fff"/></svg>`;
  return new Resvg(svg).render().asPng();
}

const source = (ref: string, room: string, text: string): SourceRef => ({ ref, room, question: multilingualHeadings.question, text });

export function multilingualDocument(): SummaryDocument {
  const title = `Warsztaty: ${scripts.polish}`;
  const blocks: DocBlock[] = [
    { kind: 'title', text: title },
    { kind: 'paragraph', text: '1 marca 2024', strong: true },
    { kind: 'heading', level: 1, text: multilingualHeadings.section },
    { kind: 'heading', level: 2, text: multilingualHeadings.room },
    { kind: 'heading', level: 3, text: multilingualHeadings.question },
    {
      kind: 'bullets',
      items: [
        { text: scripts.polish, note: 'From 2 cards, 3 votes', sources: [source('1', multilingualHeadings.room, scripts.welsh), source('2', multilingualHeadings.room, scripts.emoji)] },
        { text: scripts.greek },
        { text: scripts.cyrillic },
      ],
    },
    { kind: 'heading', level: 2, text: multilingualHeadings.arabicRoom },
    { kind: 'paragraph', text: scripts.arabic },
    { kind: 'bullets', items: [{ text: scripts.arabic, sources: [source('3', multilingualHeadings.arabicRoom, scripts.arabic)] }] },
    { kind: 'heading', level: 2, text: multilingualHeadings.hebrewRoom },
    { kind: 'paragraph', text: scripts.hebrew },
    { kind: 'heading', level: 1, text: 'Next steps' },
    {
      kind: 'table',
      header: ['What', 'Who', 'When'],
      rows: [[scripts.emoji, scripts.hebrew, 'May']],
      rowSources: [[source('2', multilingualHeadings.room, scripts.emoji)]],
    },
  ];
  return {
    title,
    lang: 'pl-PL',
    provenance: `Made with Roundtable from the boards of “${title}”.`,
    logo: { bytes: logoPng(), mime: 'image/png', width: 240, height: 120, alt: 'Fundacja Łódź logo' },
    blocks,
  };
}
