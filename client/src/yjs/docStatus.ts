import { closeReasonFor, closeReasons, type CloseAction, type CloseReasonName } from '../../../shared/closeCodes';
import type { ConnectionState } from './hooks';

/**
 * Where a shared document's connection stands, for the page to act on (pattern: tldraw's useSync).
 * - connecting / live / offline: syncing or retrying; edits are kept on this device meanwhile, and
 *   `unsent` counts the changes the server has not acknowledged yet (shared/unsentChanges.ts).
 * - moved: the person belongs elsewhere now (moved, or the room was removed); find out where.
 * - ended: reconnecting cannot help; say what happened and what to do.
 * - refused: the server refused something this device holds; keep it on screen, offer a fresh copy.
 */
export type DocStatus =
  | { status: 'connecting'; unsent: number }
  | { status: 'live'; unsent: number }
  | { status: 'offline'; unsent: number }
  | { status: 'moved'; reason: CloseReasonName }
  | { status: 'ended'; reason: CloseReasonName }
  | { status: 'refused'; reason: CloseReasonName };

/** Why the server closed for good, by name from the shared table (never by number). */
export interface FinalClose {
  reason: CloseReasonName;
  action: Exclude<CloseAction, 'retry'>;
}

const nameByCode = new Map<number, CloseReasonName>(
  (Object.entries(closeReasons) as [CloseReasonName, { code: number }][]).map(([name, entry]) => [entry.code, name]),
);

/** A server close that reconnecting cannot fix, or null for anything worth retrying (unknown codes too). */
export function finalCloseFor(code: number): FinalClose | null {
  const { action } = closeReasonFor(code);
  const reason = nameByCode.get(code);
  if (action === 'retry' || !reason) return null;
  return { reason, action };
}

const terminal = { follow: 'moved', stop: 'ended', reset: 'refused' } as const;

/** The status a page sees: a final close wins over the live connection state. */
export function docStatusOf(final: FinalClose | null, state: ConnectionState, unsent = 0): DocStatus {
  if (final) return { status: terminal[final.action], reason: final.reason };
  return { status: state === 'online' ? 'live' : state, unsent };
}
