import { createRequire } from 'node:module';
import type winkNLP from 'wink-nlp';
import type { ItemSentence, ItemToken } from 'wink-nlp';
import { stem } from './textTerms';

// Noun phrases of a card ("shorter packages of care", "voluntary sector"), found with wink-nlp's
// part-of-speech tagger and lemmatiser. Chosen over compromise by measuring on the ADASS East fixture
// (35 cards): 12 ms vs 104 ms, and wink tokenises punctuation, where compromise's terms ran across
// commas ("care social prescribing co-production"). Its packaged model is 3.7 MB minified (1.0 MB
// gzipped) against 0.37 MB for compromise, so this file is server-side only: the client must not
// import it (only draftSummary.ts does, through themes.ts). Loading the model takes ~75 ms, once.

export interface Phrase {
  /** Comparable form: the stems of the content words, sorted ("care package short"). */
  key: string;
  /** The words as written, lowercase, 2–4 of them ("shorter packages of care"). */
  words: string[];
}

interface Token {
  word: string;
  pos: string;
  stem: string;
}

// The model costs ~25 MB resident, so it loads on the first draft, not when the server starts.
const requireOnFirstUse = createRequire(import.meta.url);
let tagger: ReturnType<typeof winkNLP> | undefined;
function nlp(): ReturnType<typeof winkNLP> {
  tagger ??= (requireOnFirstUse('wink-nlp') as typeof winkNLP)(requireOnFirstUse('wink-eng-lite-web-model'), ['sbd', 'pos']);
  return tagger;
}

// Quantity and vague-praise adjectives: "more people", "great job" are not themes.
const vagueModifiers = new Set(
  'more most less much many other such same own few several various certain great good hard better best big real true whole first last next new main key proper'.split(' '),
);
// Heads that say nothing on their own in a care workshop ("local people", "different ways").
const genericWords = new Set(
  'people person thing things way ways time lot lots job bit kind sort part day days means everyone something service services use self'.split(' ').map(stem),
);
// Prepositions that make a phrase of two noun groups ("packages of care", "working with the NHS").
const linkWords = new Set(['of', 'with', 'for', 'between', 'across']);
const articles = new Set(['the', 'a', 'an']);
const synonyms: Record<string, string> = { online: 'digital', virtual: 'digital', organization: 'organisation' };

const isHead = (t: Token): boolean => t.pos === 'NOUN' || t.pos === 'PROPN';
const isModifier = (t: Token): boolean => isHead(t) || t.pos === 'ADJ';

function tokensOf(text: string): Token[][] {
  const its = nlp().its;
  // Hyphenated compounds are read as words ("round-table" → "round table", "co-production" → "coproduction").
  // Lowercased except acronyms: a capital at the start of a card made the tagger read "Shorter
  // packages" as a name, so its lemma ("shorter") missed "shorter" → "short" elsewhere.
  const cleaned = text
    .replace(/\b(co)-(?=[a-z])/gi, '$1')
    .replace(/(\w)-(\w)/g, '$1 $2')
    .replace(/[A-Za-z0-9]+/g, (w) => (/^[A-Z0-9]{2,}$/.test(w) ? w : w.toLowerCase()));
  const doc = nlp().readDoc(cleaned);
  const sentences: Token[][] = [];
  doc.sentences().each((sentence: ItemSentence) => {
    const tokens: Token[] = [];
    sentence.tokens().each((t: ItemToken) => {
      const word = t.out(its.value);
      // wink-nlp 2.4's types declare its.lemma with an addons parameter out() does not accept; it works.
      const lemma = String((t.out as (f: unknown) => unknown)(its.lemma)).toLowerCase();
      // A gerund after an adjective is a noun here ("flexible working", "joint working"); after a
      // noun it is usually a verb ("providers going", "people knocking").
      const prev = tokens[tokens.length - 1];
      const adjective = prev?.pos === 'ADJ' || prev?.pos === 'PROPN';
      const pos = t.out(its.pos) === 'VERB' && word.endsWith('ing') && adjective ? 'NOUN' : t.out(its.pos);
      tokens.push({ word, pos, stem: stem(synonyms[lemma] ?? lemma) });
    });
    sentences.push(tokens);
  });
  return sentences;
}

/** Runs of modifiers ending on a noun, with vague leading modifiers dropped. */
function nounGroups(tokens: Token[]): { start: number; group: Token[] }[] {
  const groups: { start: number; group: Token[] }[] = [];
  let start = 0;
  for (let i = 0; i <= tokens.length; i++) {
    const token = tokens[i];
    if (token && isModifier(token)) continue;
    let run = tokens.slice(start, i);
    let from = start;
    while (run[0] && vagueModifiers.has(run[0].word)) {
      run = run.slice(1);
      from++;
    }
    while (run.length && !isHead(run[run.length - 1] as Token)) run = run.slice(0, -1);
    if (run.length) groups.push({ start: from, group: run });
    start = i + 1;
  }
  return groups;
}

function phrase(parts: Token[], words: string[]): Phrase | undefined {
  const content = parts.map((t) => t.stem);
  // 2–4 words, not counting articles ("joint working with the NHS" is four).
  if (content.length < 2 || content.length > 4 || words.filter((w) => !articles.has(w)).length > 4) return undefined;
  // A generic word only fits as the subject of a linked phrase ("people with lived experience").
  const linked = words.length > parts.length;
  if (linked ? genericWords.has(content[content.length - 1] as string) : content.some((s) => genericWords.has(s))) return undefined;
  if (new Set(content).size < content.length) return undefined;
  return { key: [...content].sort().join(' '), words };
}

/** Every 2–4 word noun phrase of the text, including sub-phrases and "X of Y" phrases. */
export function cardPhrases(text: string): Phrase[] {
  const found = new Map<string, Phrase>();
  const add = (p: Phrase | undefined): void => {
    if (p && !found.has(p.key)) found.set(p.key, p);
  };
  for (const tokens of tokensOf(text)) {
    const groups = nounGroups(tokens);
    for (const { group } of groups) {
      for (let i = 0; i < group.length; i++)
        for (let j = i + 2; j <= Math.min(group.length, i + 4); j++) {
          const span = group.slice(i, j);
          if (isHead(span[span.length - 1] as Token)) add(phrase(span, span.map((t) => t.word)));
        }
    }
    for (const { start, group } of groups) {
      // "voluntary and community sector": the word before "and" also qualifies the head.
      const [first, and] = [tokens[start - 2], tokens[start - 1]];
      const head = group[group.length - 1] as Token;
      if (and?.word === 'and' && first && isModifier(first) && !vagueModifiers.has(first.word) && group.length >= 2)
        add(phrase([first, head], [first.word, head.word]));
    }
    groups.forEach(({ start, group }, n) => {
      const next = groups[n + 1];
      const link = tokens[start + group.length];
      if (!next || !link) return;
      const gap = tokens.slice(start + group.length + 1, next.start);
      // "packages of care", "working with the NHS": the last words of one group, the first of the next.
      if (linkWords.has(link.word) && gap.every((t) => articles.has(t.word))) {
        for (const size of [2, 1]) {
          const left = group.slice(-size);
          let right = next.group.slice(0, 4 - left.length - 1);
          while (right.length && !isHead(right[right.length - 1] as Token)) right = right.slice(0, -1);
          if (right.length) add(phrase([...left, ...right], [...left, link, ...gap, ...right].map((t) => t.word)));
        }
      }
    });
  }
  return [...found.values()];
}
