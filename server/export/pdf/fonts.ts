import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';

// The embedded Unicode fonts: Noto Sans for Latin/Greek/Cyrillic, Noto Sans Arabic and Hebrew for
// right-to-left scripts, Noto Emoji for emoji. pdfkit subsets each on embed, so only used glyphs ship.

export type FontStyle = 'regular' | 'bold' | 'italic';
export type FontFamily = 'sans' | 'arabic' | 'hebrew' | 'emoji';

const files: Record<FontFamily, Partial<Record<FontStyle, string>>> = {
  sans: {
    regular: '@expo-google-fonts/noto-sans/400Regular/NotoSans_400Regular.ttf',
    bold: '@expo-google-fonts/noto-sans/700Bold/NotoSans_700Bold.ttf',
    italic: '@expo-google-fonts/noto-sans/400Regular_Italic/NotoSans_400Regular_Italic.ttf',
  },
  arabic: {
    regular: '@expo-google-fonts/noto-sans-arabic/400Regular/NotoSansArabic_400Regular.ttf',
    bold: '@expo-google-fonts/noto-sans-arabic/700Bold/NotoSansArabic_700Bold.ttf',
  },
  hebrew: {
    regular: '@expo-google-fonts/noto-sans-hebrew/400Regular/NotoSansHebrew_400Regular.ttf',
    bold: '@expo-google-fonts/noto-sans-hebrew/700Bold/NotoSansHebrew_700Bold.ttf',
  },
  emoji: { regular: '@expo-google-fonts/noto-emoji/400Regular/NotoEmoji_400Regular.ttf' },
};

/** Tried in this order for each character; the first that has a glyph draws it. */
export const fallbackOrder: readonly FontFamily[] = ['sans', 'arabic', 'hebrew', 'emoji'];

/** What prints for a character no font covers: visible, never "?". Noto Sans has it. */
export const replacementChar = '\uFFFD';

// Resolved through node's resolver from this file, so it works from any cwd and from a compiled dist/.
const requireHere = createRequire(import.meta.url);
const resolveModule = requireHere.resolve;

/** The little of fontkit used here: pdfkit's own copy, so both agree on every glyph. */
interface CoverageFont {
  hasGlyphForCodePoint(codePoint: number): boolean;
}
const fontkit = createRequire(resolveModule('pdfkit'))('fontkit') as { create(bytes: Buffer): CoverageFont };

const bytesCache = new Map<string, Buffer>();
const coverageCache = new Map<FontFamily, CoverageFont>();

/** The style a family really has: Arabic, Hebrew and emoji have no italic, emoji no bold. */
export function styleOf(family: FontFamily, style: FontStyle): FontStyle {
  const available = files[family];
  if (available[style]) return style;
  return style === 'italic' || !available.bold ? 'regular' : 'bold';
}

/** The font's bytes, read once per process. */
export function fontBytes(family: FontFamily, style: FontStyle): Buffer {
  const path = files[family][styleOf(family, style)];
  if (!path) throw new Error(`No ${style} font for ${family}`);
  let bytes = bytesCache.get(path);
  if (!bytes) {
    bytes = readFileSync(resolveModule(path));
    bytesCache.set(path, bytes);
  }
  return bytes;
}

/** The regular face of a family, parsed once, to ask which characters it covers. */
function coverageFont(family: FontFamily): CoverageFont {
  let font = coverageCache.get(family);
  if (!font) {
    font = fontkit.create(fontBytes(family, 'regular'));
    coverageCache.set(family, font);
  }
  return font;
}

/** The first family with a glyph for this code point, or undefined when none has one. */
export function familyFor(codePoint: number): FontFamily | undefined {
  // Emoji-presentation characters look as intended only in the emoji font, even where Noto Sans has a glyph.
  if (emojiPresentation.test(String.fromCodePoint(codePoint)) && coverageFont('emoji').hasGlyphForCodePoint(codePoint)) return 'emoji';
  return fallbackOrder.find((family) => coverageFont(family).hasGlyphForCodePoint(codePoint));
}

const emojiPresentation = /\p{Emoji_Presentation}/u;

/** The name a font is registered under in one pdfkit document. */
export function fontKey(family: FontFamily, style: FontStyle): string {
  return `${family}-${styleOf(family, style)}`;
}

/** Registers every face with a pdfkit document (pdfkit embeds only the ones used). */
export function registerFonts(doc: PDFKit.PDFDocument): void {
  for (const family of fallbackOrder) {
    for (const style of ['regular', 'bold', 'italic'] as const) {
      if (styleOf(family, style) === style) doc.registerFont(fontKey(family, style), fontBytes(family, style));
    }
  }
}
