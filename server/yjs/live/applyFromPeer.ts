import * as Y from 'yjs';
import { dropPending } from '../updateGuard';
import type { DocRecord } from './docRecord';
import type { AppliedFromPeer, DocPeer } from './types';

/**
 * Applies a peer's checked update with the document's 'update' listener off, so Yjs does not encode the
 * transaction again (that encode measured ~40 % of an apply: a state vector and a walk of every client). The
 * peer's own bytes are committed instead: every struct in them was integrated. Where some were not (missing
 * dependencies, dropped here) or Yjs threw part-way, what did integrate is encoded from the transaction's
 * start (its structs and the document's delete set: more bytes, the same result), as the listener would have.
 */
export function applyFromPeer(live: DocRecord, update: Uint8Array, peer: DocPeer): AppliedFromPeer {
  const { doc } = live;
  let transaction = null as Y.Transaction | null;
  let complete = false;
  let missing = false;
  doc.off('update', live.recordUpdate);
  try {
    // A transaction of our own, so that its before and after states can be read once it is done.
    Y.transact(
      doc,
      (tr) => {
        transaction = tr;
        Y.applyUpdate(doc, update, peer);
      },
      peer,
      false,
    );
    complete = true;
  } finally {
    doc.on('update', live.recordUpdate);
    missing = dropPending(doc);
    if (transaction && changedAnything(transaction)) {
      live.recordUpdate(complete && !missing ? update : Y.encodeStateAsUpdate(doc, Y.encodeStateVector(transaction.beforeState)), peer);
    }
  }
  return { missing, transaction: transaction! };
}

/** Whether a transaction added or deleted anything: Yjs emits 'update' only then. */
function changedAnything(tr: Y.Transaction): boolean {
  if (tr.deleteSet.clients.size > 0) return true;
  for (const [client, clock] of tr.afterState) if (tr.beforeState.get(client) !== clock) return true;
  return false;
}
