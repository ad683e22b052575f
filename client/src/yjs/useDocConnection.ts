import { useCallback, useEffect, useState, useSyncExternalStore } from 'react';
import { connectDoc, type DocConnection } from './connectDoc';
import { docStatusOf, type DocStatus } from './docStatus';
import { useConnectionState } from './hooks';
import { useUnsentChanges } from './useUnsentCards';

export interface DocConnectionState {
  connection: DocConnection | null;
  status: DocStatus;
  /** Opens the document again from what is kept on this device (after a move that turned out not to be one). */
  reconnect(): void;
  /** Deletes this device's copy and opens the document fresh from the server (after a refused change). */
  reload(): Promise<void>;
}

const noFinal = () => () => undefined;

/**
 * One live connection per document name, closed when the page leaves it or the name changes.
 * `status` says what the page should show; a close the server means for good stops the reconnecting.
 */
export function useDocConnection(docName: string | null, connect: (docName: string) => DocConnection = connectDoc): DocConnectionState {
  const [connection, setConnection] = useState<DocConnection | null>(null);
  const [generation, setGeneration] = useState(0);
  useEffect(() => {
    if (!docName) return;
    const conn = connect(docName);
    setConnection(conn);
    return () => {
      setConnection(null);
      conn.destroy();
    };
    // `connect` is a test seam, not a dependency that changes.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [docName, generation]);
  const final = useSyncExternalStore(connection ? connection.onFinal : noFinal, () => connection?.final ?? null);
  const state = useConnectionState(connection?.provider ?? null);
  const unsent = useUnsentChanges(connection?.unsent ?? null);
  const reconnect = useCallback(() => setGeneration((g) => g + 1), []);
  const reload = useCallback(async () => {
    await connection?.clearLocalCopy();
    reconnect();
  }, [connection, reconnect]);
  return { connection, status: docStatusOf(final, state, unsent.total), reconnect, reload };
}
