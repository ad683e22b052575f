import { useEffect, useState } from 'react';
import type { WebsocketProvider } from 'y-websocket';

/**
 * Whether the board has once caught up with the server. Until then, cards arriving are the board as it
 * already was, not news: announcing them would read out every card on a fresh device.
 */
export function useFirstSync(provider: WebsocketProvider): boolean {
  const [synced, setSynced] = useState(provider.synced);
  useEffect(() => {
    if (synced) return;
    const onSync = (isSynced: boolean) => {
      if (isSynced) setSynced(true);
    };
    provider.on('sync', onSync);
    if (provider.synced) setSynced(true);
    return () => provider.off('sync', onSync);
  }, [provider, synced]);
  return synced;
}
