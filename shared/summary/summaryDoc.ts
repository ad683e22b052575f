import type * as Y from 'yjs';
import { isId } from '../docNames';
import type { EventSummary } from './summaryModel';

// The summary's Yjs document: doc.getMap('summary') holds the summary in parts, each a JSON string.
// A facilitator's action rewrites only the parts it changed, so two facilitators working on different
// rooms (or on themes while another edits next steps) never overwrite each other.

export const summaryRoot = 'summary';
const groupPrefix = 'group:';
/** The parts the summary map may hold besides one `group:<roomId>` per room (the server refuses any other key). */
export const summaryPartKeys: ReadonlySet<string> = new Set([
  'front',
  'groupOrder',
  'themes',
  'nextSteps',
  'appendix',
  'suggestions',
  'dismissed',
  'sections',
  'layout',
]);
type Parts = Record<string, string>;

export function isSummaryPartKey(key: string): boolean {
  return summaryPartKeys.has(key) || (key.startsWith(groupPrefix) && isId(key.slice(groupPrefix.length)));
}

function summaryMap(doc: Y.Doc): Y.Map<string> {
  return doc.getMap<string>(summaryRoot);
}

function toParts(summary: EventSummary): Parts {
  const { groups, themes, nextSteps, appendix, suggestions, dismissed, sections, layout, ...front } = summary;
  const parts: Parts = {
    front: JSON.stringify(front),
    groupOrder: JSON.stringify(groups.map((g) => g.roomId)),
    themes: JSON.stringify(themes),
    nextSteps: JSON.stringify(nextSteps),
    appendix: JSON.stringify(appendix),
    suggestions: JSON.stringify(suggestions),
    dismissed: JSON.stringify(dismissed),
    // Own parts, so one facilitator reshaping the document never overwrites another's wording.
    ...(sections ? { sections: JSON.stringify(sections) } : {}),
    ...(layout ? { layout: JSON.stringify(layout) } : {}),
  };
  for (const group of groups) parts[groupPrefix + group.roomId] = JSON.stringify(group);
  return parts;
}

/** The summary, or null if none has been drafted yet (or the document is malformed). */
export function readSummary(doc: Y.Doc): EventSummary | null {
  const map = summaryMap(doc);
  const front = map.get('front');
  const order = map.get('groupOrder');
  if (!front || !order) return null;
  try {
    const roomIds = JSON.parse(order) as string[];
    const parse = <T>(key: string, fallback: T): T => {
      const value = map.get(key);
      return value === undefined ? fallback : (JSON.parse(value) as T);
    };
    return {
      ...(JSON.parse(front) as Omit<EventSummary, 'groups' | 'themes' | 'nextSteps' | 'appendix' | 'suggestions' | 'dismissed' | 'sections' | 'layout'>),
      groups: roomIds.flatMap((id) => {
        const group = map.get(groupPrefix + id);
        return group ? [JSON.parse(group)] : [];
      }),
      themes: parse('themes', []),
      nextSteps: parse('nextSteps', { closingText: '', actions: [] }),
      appendix: parse('appendix', { method: '', rawCards: [], participation: [] }),
      suggestions: parse('suggestions', []),
      dismissed: parse('dismissed', { themeIds: [], actionIds: [] }),
      // Older documents have neither part: sections.ts derives the default list and layout.
      ...optional('sections', parse),
      ...optional('layout', parse),
    };
  } catch {
    return null;
  }
}

function optional<K extends 'sections' | 'layout'>(key: K, parse: <T>(key: string, fallback: T) => T): Pick<EventSummary, K> {
  const value = parse<EventSummary[K]>(key, undefined);
  return (value === undefined ? {} : { [key]: value }) as Pick<EventSummary, K>;
}

/** Writes only the parts that differ from what the document holds, in one transaction. */
export function writeSummary(doc: Y.Doc, summary: EventSummary, origin?: unknown): void {
  const map = summaryMap(doc);
  const parts = toParts(summary);
  doc.transact(() => {
    for (const [key, value] of Object.entries(parts)) if (map.get(key) !== value) map.set(key, value);
    for (const key of [...map.keys()]) if (key.startsWith(groupPrefix) && !(key in parts)) map.delete(key);
  }, origin);
}

export function observeSummary(doc: Y.Doc, onChange: () => void): () => void {
  const map = summaryMap(doc);
  map.observe(onChange);
  return () => map.unobserve(onChange);
}
