import bidiFactory from 'bidi-js';
import { familyFor, replacementChar, type FontFamily } from './fonts';

// Breaks one paragraph of plain text into lines that fit a width, and lays each line out in visual
// order (Unicode bidi algorithm, UAX #9) as runs of one font each, ready to draw left to right.

const bidi = bidiFactory();

/** Width in points of `text` drawn in `family` (the caller knows the style and size). */
export type Measure = (family: FontFamily, text: string) => number;

export interface Run {
  family: FontFamily;
  /** Characters in the order to hand to the font (fontkit reverses Arabic and Hebrew runs itself). */
  text: string;
  width: number;
}

export interface Line {
  runs: Run[];
  width: number;
  /** Its paragraph's first strong character is right-to-left: the line aligns right. */
  rtl: boolean;
}

// Characters that belong to the one before them: marks, joiners, variation selectors, skin tones.
const clingsToPrevious = /[\p{M}\u200C\u200D\uFE0E\uFE0F\u{1F3FB}-\u{1F3FF}\u{E0020}-\u{E007F}]/u;
// Invisible format characters (bidi controls etc.) no font draws; they still steer the bidi algorithm.
const invisibleChar = /(?![\u200C\u200D\uFE0E\uFE0F])\p{Default_Ignorable_Code_Point}/u;
const invisible = new RegExp(invisibleChar.source, 'gu');
const rtlScript = /[\p{Script=Arabic}\p{Script=Hebrew}\p{Script=Syriac}\p{Script=Thaana}\p{Script=Nko}]/u;
const neutralScript = /[\p{Script=Common}\p{Script=Inherited}]/u;
const graphemes = new Intl.Segmenter(undefined, { granularity: 'grapheme' });

/** Control characters gone, tabs as spaces, uncovered characters as the visible replacement. */
interface Prepared {
  text: string;
  /** The font family of each UTF-16 code unit. */
  families: FontFamily[];
}

function prepare(text: string): Prepared {
  let out = '';
  const families: FontFamily[] = [];
  let previous: FontFamily = 'sans';
  for (const char of text) {
    const codePoint = char.codePointAt(0) ?? 0;
    let family: FontFamily | undefined;
    let drawn = char;
    if (clingsToPrevious.test(char) || invisibleChar.test(char)) {
      family = previous;
    } else {
      family = familyFor(codePoint);
      if (!family) {
        family = 'sans';
        drawn = replacementChar;
      }
    }
    out += drawn;
    for (let i = 0; i < drawn.length; i++) families.push(family);
    previous = family;
  }
  return { text: out, families };
}

/** Does fontkit lay this string out right to left? It decides by the first character of a real script. */
function fontkitReverses(text: string): boolean {
  for (const char of text) if (!neutralScript.test(char)) return rtlScript.test(char);
  return false;
}

function reverseGraphemes(text: string): string {
  return [...graphemes.segment(text)].map((s) => s.segment).reverse().join('');
}

function mirrored(text: string): string {
  return [...text].map((c) => bidi.getMirroredCharacter(c) ?? c).join('');
}

/** The string to hand to the font so its glyphs come out in visual order. */
function drawnText(logical: string, rtlLevel: boolean): string {
  const text = logical.replace(invisible, '');
  if (rtlLevel) return fontkitReverses(text) ? text : reverseGraphemes(mirrored(text));
  return fontkitReverses(text) ? reverseGraphemes(text) : text;
}

interface Span {
  start: number;
  end: number;
}

/** Words and the spaces between them, so lines only break at spaces (or inside a word too long for any line). */
function tokens(text: string): Span[] {
  const spans: Span[] = [];
  for (const match of text.matchAll(/ +|[^ ]+/g)) spans.push({ start: match.index, end: match.index + match[0].length });
  return spans;
}

function widthOf(prepared: Prepared, span: Span, measure: Measure): number {
  let width = 0;
  let start = span.start;
  for (let i = span.start + 1; i <= span.end; i++) {
    if (i === span.end || prepared.families[i] !== prepared.families[start]) {
      width += measure(prepared.families[start] ?? 'sans', prepared.text.slice(start, i));
      start = i;
    }
  }
  return width;
}

/** Splits a word wider than the line into pieces that fit, at grapheme boundaries. */
function splitLongWord(prepared: Prepared, span: Span, maxWidth: number, measure: Measure): Span[] {
  const pieces: Span[] = [];
  let start = span.start;
  let end = start;
  for (const { index, segment } of graphemes.segment(prepared.text.slice(span.start, span.end))) {
    const next = span.start + index + segment.length;
    if (end > start && widthOf(prepared, { start, end: next }, measure) > maxWidth) {
      pieces.push({ start, end });
      start = end;
    }
    end = next;
  }
  if (end > start) pieces.push({ start, end });
  return pieces;
}

/** Greedy line filling: as many words as fit; spaces at a line's end are dropped. */
function breakLines(prepared: Prepared, maxWidth: number, measure: Measure): Span[] {
  const lines: Span[] = [];
  let line: Span | null = null;
  let lineWidth = 0;
  let pendingSpace: Span | null = null;
  const flush = () => {
    if (line) lines.push(line);
    line = null;
    lineWidth = 0;
    pendingSpace = null;
  };
  for (const token of tokens(prepared.text)) {
    if (prepared.text[token.start] === ' ') {
      if (line) pendingSpace = token;
      continue;
    }
    const wordWidth = widthOf(prepared, token, measure);
    const spaceWidth: number = pendingSpace ? widthOf(prepared, pendingSpace, measure) : 0;
    if (line && lineWidth + spaceWidth + wordWidth <= maxWidth) {
      line = { start: line.start, end: token.end };
      lineWidth += spaceWidth + wordWidth;
      pendingSpace = null;
      continue;
    }
    flush();
    const pieces = wordWidth > maxWidth ? splitLongWord(prepared, token, maxWidth, measure) : [token];
    pieces.forEach((piece, i) => {
      if (i < pieces.length - 1) lines.push(piece);
      else {
        line = piece;
        lineWidth = widthOf(prepared, piece, measure);
      }
    });
  }
  flush();
  return lines;
}

/** The runs of one line in visual order (left to right). */
type Levels = ReturnType<typeof bidi.getEmbeddingLevels>;

function visualRuns(prepared: Prepared, levels: Levels, span: Span, measure: Measure): Line {
  // bidi-js returns every index of the string, reordered only within the line.
  const order = bidi.getReorderedIndices(prepared.text, levels, span.start, span.end - 1).slice(span.start, span.end);
  const groups: { family: FontFamily; level: number; from: number; to: number }[] = [];
  let previousIndex = -2;
  for (const index of order) {
    const family = prepared.families[index] ?? 'sans';
    const level = levels.levels[index] ?? 0;
    const last = groups[groups.length - 1];
    const adjacent = level % 2 === 1 ? index === previousIndex - 1 : index === previousIndex + 1;
    if (last && last.family === family && last.level === level && adjacent) {
      last.from = Math.min(last.from, index);
      last.to = Math.max(last.to, index);
    } else groups.push({ family, level, from: index, to: index });
    previousIndex = index;
  }
  const runs = groups
    .map(({ family, level, from, to }) => ({ family, text: drawnText(prepared.text.slice(from, to + 1), level % 2 === 1) }))
    .filter((run) => run.text.length > 0)
    .map((run) => ({ ...run, width: measure(run.family, run.text) }));
  const rtl = (levels.paragraphs[0]?.level ?? 0) % 2 === 1;
  return { runs, width: runs.reduce((sum, run) => sum + run.width, 0), rtl };
}

/** Lays out plain text (newlines start new bidi paragraphs) into lines no wider than `maxWidth`. */
export function layoutParagraph(text: string, maxWidth: number, measure: Measure): Line[] {
  return text
    .replace(/\r\n?/g, '\n')
    .replace(/\t/g, ' ')
    .split('\n')
    .flatMap((hardLine) => {
      const prepared = prepare(hardLine);
      const levels = bidi.getEmbeddingLevels(prepared.text, 'auto');
      const spans = breakLines(prepared, maxWidth, measure);
      return spans.length === 0 ? [{ runs: [], width: 0, rtl: false }] : spans.map((span) => visualRuns(prepared, levels, span, measure));
    });
}
