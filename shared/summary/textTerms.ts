// Turning card text into comparable terms: normalise, map domain synonyms, drop stop words, stem
// lightly. Deliberately simple so a facilitator can be told why two cards look alike.

export interface Term {
  /** The comparable form (synonym-mapped, stemmed). */
  key: string;
  /** The word as written, for explanations. */
  surface: string;
}

// Phrases rewritten before tokenising, so different wordings of one idea meet on one term.
const phraseSynonyms: [RegExp, string][] = [
  [/\b(come|came|coming|get|got|getting|bring|brought) together\b/g, 'join'],
  [/\bco[-\s]+(?=[a-z])/g, 'co'],
  [/\bon[-\s]line\b/g, 'online'],
  [/\bface[-\s]?book\b/g, 'facebook'],
  [/\basc\b/g, 'adult social care'],
];

// Single words with the same meaning in this domain.
const wordSynonyms: Record<string, string> = {
  online: 'digital',
  virtual: 'digital',
  zoom: 'digital',
  joining: 'join',
  joined: 'join',
  meetings: 'meet',
  meeting: 'meet',
  help: 'support',
  helping: 'support',
  organization: 'organisation',
  organizations: 'organisation',
};

const stopWords = new Set(
  (
    'a about above after again against all also am an and any are as at be because been before being below ' +
    'between both but by can could did do does doing down during each even ever every few for from further ' +
    'get gets getting got had has have having he her here hers him his how i if in into is it its itself just ' +
    'let lets like many may me meant might more most much must my no nor not now of off on once only or other ' +
    'our ours out over own per quite rather really same she should so some still such than that the their them ' +
    'then there these they this those through to too under until up upon us very via was we were what when ' +
    'where which while who whom why will with within without would yet you your e g eg etc including especially ' +
    'don t s isn wasn weren won aren couldn didn doesn one two lot lots way ways'
  ).split(' '),
);

/** Lowercase, strip accents and apostrophes, apply phrase synonyms. */
export function normaliseText(text: string): string {
  let out = text
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[’‘`]/g, "'")
    .replace(/'s\b/g, '')
    .replace(/n't\b/g, ' not')
    .replace(/'/g, '');
  for (const [pattern, replacement] of phraseSynonyms) out = out.replace(pattern, replacement);
  return out;
}

function undouble(stem: string): string {
  return /([^aeioulsz])\1$/.test(stem) ? stem.slice(0, -1) : stem;
}

/** A light suffix stripper: plurals, -ing, -ed, -ly, -ibility; enough to match word families on cards. */
export function stem(word: string): string {
  let w = word;
  if (w.length <= 3) return w;
  if (w.endsWith('ibility')) w = w.slice(0, -5) + 'le';
  else if (w.endsWith('ability')) w = w.slice(0, -5) + 'le';
  if (w.endsWith('ies') && w.length > 4) w = w.slice(0, -3) + 'y';
  else if (w.endsWith('sses')) w = w.slice(0, -2);
  else if (w.endsWith('s') && !/(ss|us|is)$/.test(w)) w = w.slice(0, -1);
  if (w.endsWith('ing') && w.length > 5) w = undouble(w.slice(0, -3));
  else if (w.endsWith('ed') && w.length > 4) w = undouble(w.slice(0, -2));
  else if (w.endsWith('ly') && w.length > 4) w = w.slice(0, -2);
  if (w.endsWith('y') && w.length > 4) w = w.slice(0, -1) + 'i';
  if (w.endsWith('e') && w.length > 4) w = w.slice(0, -1);
  return w;
}

/**
 * Content terms per clause (punctuation splits clauses), in order. Clauses matter for bigrams:
 * "flexible working" is a phrase, "flexible, working" is not.
 */
export function termClauses(text: string): Term[][] {
  return normaliseText(text)
    .split(/[.,;:!?()[\]{}"\u2013\u2014]|\s-\s/)
    .map((clause) =>
      (clause.match(/[a-z0-9]+/g) ?? [])
        .map((word) => wordSynonyms[word] ?? word)
        .filter((word) => !stopWords.has(word) && !/^\d+$/.test(word))
        .map((word) => ({ key: stem(word), surface: word })),
    )
    .filter((clause) => clause.length > 0);
}

export function terms(text: string): Term[] {
  return termClauses(text).flat();
}

/** Character trigrams of the content terms, which catch word families the stemmer misses. */
export function trigrams(text: string): Set<string> {
  const grams = new Set<string>();
  for (const term of terms(text)) {
    const padded = ` ${term.key} `;
    for (let i = 0; i + 3 <= padded.length; i++) grams.add(padded.slice(i, i + 3));
  }
  return grams;
}

/** Dice coefficient of two sets: 2|A∩B| / (|A|+|B|), 0 for two empty sets. */
export function dice<T>(a: ReadonlySet<T>, b: ReadonlySet<T>): number {
  if (a.size + b.size === 0) return 0;
  let shared = 0;
  for (const item of a) if (b.has(item)) shared++;
  return (2 * shared) / (a.size + b.size);
}
