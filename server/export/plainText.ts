// Text hygiene shared by the exporters.

// Characters XML 1.0 forbids (C0 controls but tab/LF/CR, U+FFFE/U+FFFF) and lone surrogates:
// one of them in a card would make the .docx unreadable.
const notXmlChar = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g;

export function stripControlChars(text: string): string {
  return text.replace(notXmlChar, '');
}

/** One line: control characters gone, runs of whitespace (newlines included) made one space. */
export function oneLine(text: string): string {
  return stripControlChars(text).replace(/\s+/g, ' ').trim();
}
