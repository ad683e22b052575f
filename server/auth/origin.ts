import type { IncomingMessage } from 'node:http';

// Browsers send cookies on cross-site WebSocket upgrades and CORS does not apply to them (CSWSH),
// so every upgrade and socket.io handshake checks Origin explicitly. Non-browser clients send none.
export function originAllowed(req: IncomingMessage, allowedOrigins: readonly string[]): boolean {
  const origin = req.headers.origin;
  if (origin === undefined) return true;
  if (allowedOrigins.includes(origin)) return true;
  const host = req.headers.host;
  if (!host) return false;
  try {
    return new URL(origin).host === host;
  } catch {
    return false;
  }
}
