import { randomBytes } from 'node:crypto';

/**
 * How servers of one deployment tell each other things: Yjs updates and presence for the documents
 * they hold, and control events (a move, a lock change, a removed room). A single server uses the
 * solo bus, which reaches nobody; several servers use Redis (redisBus.ts).
 * Messages from this server never come back to it.
 */
export interface ClusterBus {
  readonly serverId: string;
  readonly clustered: boolean;
  publish(channel: string, payload: Uint8Array): void;
  subscribe(channel: string, handler: (payload: Uint8Array) => void): Promise<void>;
  unsubscribe(channel: string): Promise<void>;
  close(): Promise<void>;
}

export function newServerId(): string {
  return randomBytes(8).toString('hex');
}

export function soloBus(): ClusterBus {
  return {
    serverId: newServerId(),
    clustered: false,
    publish() {},
    async subscribe() {},
    async unsubscribe() {},
    async close() {},
  };
}

/** Frames a payload with the sending server's id, so a server can ignore its own messages. */
export function frame(serverId: string, payload: Uint8Array): Buffer {
  const id = Buffer.from(serverId, 'ascii');
  return Buffer.concat([Buffer.from([id.length]), id, payload]);
}

export function unframe(message: Buffer): { serverId: string; payload: Uint8Array } {
  const length = message[0] ?? 0;
  return { serverId: message.subarray(1, 1 + length).toString('ascii'), payload: new Uint8Array(message.subarray(1 + length)) };
}
