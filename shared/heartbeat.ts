// Roundtable's liveness check on the Yjs socket, outside y-protocols' message numbers (0-3): the client
// sends this one byte every second and the server echoes it at once, so a silent connection is noticed
// within seconds instead of after y-websocket's 30 s watchdog.
export const messageHeartbeat = 100;

/** The whole heartbeat frame, both ways. */
export const heartbeatFrame = Uint8Array.of(messageHeartbeat);

/** Only the exact one-byte frame is a heartbeat; anything longer with that type is malformed. */
export function isHeartbeat(frame: Uint8Array): boolean {
  return frame.byteLength === 1 && frame[0] === messageHeartbeat;
}

/** Typical detection of a silent connection: 1-3 s (worst: interval + timeout + one check). */
export const heartbeatTiming = {
  /** A heartbeat goes out this long after the previous one was answered. */
  intervalMs: 750,
  /** No frame at all this long after a heartbeat was sent: the connection is treated as lost. */
  timeoutMs: 2000,
  /** How often the client looks. */
  checkMs: 250,
} as const;
