import bidiFactory from 'bidi-js';

// A paragraph's base direction as the Unicode Bidirectional Algorithm finds it (rules P2–P3): the
// direction of its first strong character, skipping isolated runs. Exporters use it to mark Arabic
// and Hebrew paragraphs right to left (Word's bidi, HTML's dir, the PDF's layout).

export type TextDirection = 'ltr' | 'rtl';

const bidi = bidiFactory();

const isolateOpeners = new Set(['LRI', 'RLI', 'FSI']);

/** The direction of the first strong character, or undefined when the text has none (numbers, emoji, punctuation). */
export function firstStrongDirection(text: string): TextDirection | undefined {
  let isolateDepth = 0;
  for (const char of text) {
    const type = bidi.getBidiCharTypeName(char);
    if (isolateOpeners.has(type)) isolateDepth += 1;
    else if (type === 'PDI') isolateDepth = Math.max(0, isolateDepth - 1);
    else if (isolateDepth === 0 && type === 'L') return 'ltr';
    else if (isolateDepth === 0 && (type === 'R' || type === 'AL')) return 'rtl';
  }
  return undefined;
}

/** True when a paragraph of this text reads right to left. */
export function isRightToLeft(text: string): boolean {
  return firstStrongDirection(text) === 'rtl';
}
