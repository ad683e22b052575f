import type * as Y from 'yjs';
import type { DocRef } from '../../../shared/docNames';
import type { DecodedUpdate } from '../protocol';
import { checkBoardUpdate } from './boardUpdateRules';
import { checkSummaryUpdate } from './summaryUpdateRules';
import type { UpdateVerdict, Writer } from './writer';

export type { UpdateVerdict, Writer } from './writer';

/**
 * Checks an update against its document's schema and the writer's rights before it is applied: throws
 * a Refusal (with its close reason) for anything outside the schema, so a refused update never touches
 * the document, the store or another peer.
 */
export function checkUpdate(kind: DocRef['kind'], update: DecodedUpdate, doc: Y.Doc, writer: Writer): UpdateVerdict {
  switch (kind) {
    case 'board':
      return checkBoardUpdate(update, doc, writer);
    case 'summary':
      return checkSummaryUpdate(update, doc);
  }
}
