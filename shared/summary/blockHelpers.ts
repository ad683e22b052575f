import { countOf } from './counts';
import type { BulletItem, DocBlock } from './docBlocks';
import type { KeyMessage } from './summaryModel';

// Small block builders the section renderers share.

export function paragraphs(text: string): DocBlock[] {
  return text
    .split(/\n\s*\n/)
    .map((p) => p.trim())
    .filter(Boolean)
    .map((p) => ({ kind: 'paragraph', text: p }));
}

export function listOrNote(items: BulletItem[], empty: string): DocBlock {
  return items.length ? { kind: 'bullets', items } : { kind: 'note', text: empty };
}

export function provenanceNote(message: Pick<KeyMessage, 'sourceCardIds' | 'votes'>): string {
  const n = message.sourceCardIds.length;
  return n === 0 ? 'Written by facilitators' : `From ${countOf(n, 'card')}, ${countOf(message.votes, 'vote')}`;
}
