import { Paragraph, TextRun, type IParagraphOptions, type IRunOptions } from 'docx';
import { firstStrongDirection, isRightToLeft } from '../../../shared/text/direction';
import { stripControlChars } from '../plainText';
import { hebrewFont } from './styles';

// Text runs and paragraphs that carry their own direction: an Arabic or Hebrew paragraph is a
// bidi paragraph, and each right-to-left run is marked so Word shapes it with the complex-script font.

export type RunStyle = Pick<IRunOptions, 'bold' | 'italics' | 'size' | 'color' | 'break'>;

const hebrew = /\p{Script=Hebrew}/u;
const arabic = /\p{Script=Arabic}/u;

export function run(text: string, style: RunStyle = {}): TextRun {
  const clean = stripControlChars(text);
  const rtl = firstStrongDirection(clean) === 'rtl';
  return new TextRun({
    text: clean,
    ...style,
    ...(rtl ? { rightToLeft: true } : {}),
    // The default complex-script font is Noto Sans Arabic, which has no Hebrew letters.
    ...(hebrew.test(clean) && !arabic.test(clean) ? { font: { cs: hebrewFont }, language: { bidirectional: 'he-IL' } } : {}),
  });
}

/** Paragraph options that make it right to left when its main text is. */
export function directionOf(mainText: string): Pick<IParagraphOptions, 'bidirectional'> {
  return isRightToLeft(stripControlChars(mainText)) ? { bidirectional: true } : {};
}

/** A paragraph of one text, in that text's direction. */
export function textParagraph(text: string, style: RunStyle = {}, options: IParagraphOptions = {}): Paragraph {
  return new Paragraph({ ...options, ...directionOf(text), children: [run(text, style)] });
}
