import type { WebsocketProvider } from 'y-websocket';
import { heartbeatFrame, heartbeatTiming, messageHeartbeat } from '../../../shared/heartbeat';

/**
 * Keeps the document's socket honest: a heartbeat that goes unanswered (no frame at all comes back) and the
 * browser's own `offline` event both drop the socket at once, so the page stops saying "shared live" within
 * seconds; `online` retries at once instead of waiting out the backoff. y-websocket's own watchdog waits 30 s.
 * A heartbeat counts as lost only when nothing arrived since it was sent, never by wall-clock silence alone:
 * a background tab whose timers are throttled to once a minute is not mistaken for a dead connection.
 */
export function keepAlive(provider: WebsocketProvider, timing = heartbeatTiming): () => void {
  // The server's echo only needs to arrive (y-websocket notes every frame's time); there is nothing to answer.
  provider.messageHandlers[messageHeartbeat] = () => undefined;
  let sentAt: number | null = null;
  let answeredAt = 0;
  const restart = () => {
    sentAt = null;
    // After a final close the provider must stay down (connectDoc.ts): only a connection meant to be up is restarted.
    if (!provider.shouldConnect) return;
    provider.disconnect();
    provider.connect();
  };
  const check = () => {
    const ws = provider.ws;
    if (!provider.wsconnected || !ws || ws.readyState !== WebSocket.OPEN) {
      sentAt = null;
      return;
    }
    const now = Date.now();
    if (sentAt !== null) {
      if (provider.wsLastMessageReceived >= sentAt) {
        sentAt = null;
        answeredAt = now;
      } else if (now - sentAt > timing.timeoutMs) return restart();
      else return;
    }
    if (now - answeredAt < timing.intervalMs) return;
    sentAt = now;
    ws.send(heartbeatFrame);
  };
  const onOffline = () => {
    if (provider.ws) restart();
  };
  const onOnline = () => {
    if (!provider.wsconnected) restart();
  };
  const timer = setInterval(check, timing.checkMs);
  window.addEventListener('offline', onOffline);
  window.addEventListener('online', onOnline);
  return () => {
    clearInterval(timer);
    window.removeEventListener('offline', onOffline);
    window.removeEventListener('online', onOnline);
  };
}
