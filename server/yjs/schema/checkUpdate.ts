import type * as Y from 'yjs';
import type { DocRef } from '../../../shared/docNames';
import type { DecodedUpdate } from '../protocol';
import { checkBoardUpdate } from './boardUpdateRules';
import { checkClientIds, claimClientIds } from './clientOwnership';
import { checkSummaryUpdate } from './summaryUpdateRules';
import type { UpdateVerdict, Writer } from './writer';

export type { UpdateVerdict, Writer } from './writer';

/**
 * Checks an update against its document's schema and the writer's rights before it is applied: throws
 * a Refusal (with its close reason) for anything outside the schema, so a refused update never touches
 * the document, the store or another peer.
 */
export function checkUpdate(kind: DocRef['kind'], update: DecodedUpdate, doc: Y.Doc, writer: Writer): UpdateVerdict {
  const claimed = checkClientIds(update, doc, writer.participantId);
  const verdict = kind === 'board' ? checkBoardUpdate(update, doc, writer) : checkSummaryUpdate(update, doc);
  claimClientIds(doc, claimed, writer.participantId);
  return verdict;
}
