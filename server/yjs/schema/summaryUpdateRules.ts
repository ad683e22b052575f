import * as Y from 'yjs';
import { isSummaryPartKey, summaryRoot } from '../../../shared/summary/summaryDoc';
import type { DecodedUpdate } from '../protocol';
import { refuse } from '../refusal';
import { placeUpdate } from './placements';
import type { UpdateVerdict } from './writer';

// The summary document (shared/summary/summaryDoc.ts): root 'summary', a map of named parts, each one
// JSON string. Only facilitators write it (docAccess.ts); this checks that what they write is that shape.

export function checkSummaryUpdate({ structs }: DecodedUpdate, doc: Y.Doc): UpdateVerdict {
  const placements = placeUpdate(doc, structs);
  let addsContent = false;
  for (const struct of structs) {
    if (!(struct instanceof Y.Item)) continue;
    const at = placements.of(struct);
    if (at.kind === 'inert') continue;
    if (at.root !== summaryRoot || at.path.length > 0 || at.key === null || !isSummaryPartKey(at.key)) {
      refuse('malformed', 'the summary holds its named parts only');
    }
    if (struct.content instanceof Y.ContentDeleted) continue;
    addsContent = true;
    const value: unknown = struct.content instanceof Y.ContentAny && struct.content.arr.length === 1 ? struct.content.arr[0] : undefined;
    if (typeof value !== 'string' || !isJson(value)) refuse('malformed', `summary part '${at.key}' must be one JSON string`);
  }
  return { addsContent };
}

function isJson(text: string): boolean {
  try {
    JSON.parse(text);
    return true;
  } catch {
    return false;
  }
}
