import * as Y from 'yjs';
import type { DocRecord } from './docRecord';

/**
 * The document's encoded size for a budget (LiveDocs.stateBytes): the running estimate while it stays
 * below `atLeast`, else the exact size. The exact size comes from the joiners' cached full state when
 * there is one (a cold document's snapshot, or the last encode since the latest change), otherwise from
 * one encode, which is then cached as that full state; the estimate restarts from it either way.
 */
export function stateBytes(live: DocRecord, atLeast = Number.POSITIVE_INFINITY): number {
  if (live.fullState) return live.fullState.byteLength;
  if (live.sizeEstimate < atLeast) return live.sizeEstimate;
  return fullStateOf(live).byteLength;
}

/** The full state for a joiner with nothing: encoded once per change, whoever asks. */
export function fullStateOf(live: DocRecord): Uint8Array {
  if (live.fullState) return live.fullState;
  const state = Y.encodeStateAsUpdate(live.doc);
  live.fullState = state;
  live.sizeEstimate = state.byteLength;
  return state;
}
