import { useEffect, useState } from 'react';
import { connectDoc, type DocConnection } from './connectDoc';

/** One live connection per document name, closed when the page leaves it or the name changes. */
export function useDocConnection(docName: string | null): DocConnection | null {
  const [connection, setConnection] = useState<DocConnection | null>(null);
  useEffect(() => {
    if (!docName) return;
    const conn = connectDoc(docName);
    setConnection(conn);
    return () => {
      setConnection(null);
      conn.destroy();
    };
  }, [docName]);
  return connection;
}
