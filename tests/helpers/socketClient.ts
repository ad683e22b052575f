import { io, type Socket } from 'socket.io-client';
import type { CommandInput, CommandName, CommandResult } from '../../shared/commands';

export interface TestSocket {
  socket: Socket;
  run<N extends CommandName>(name: N, payload?: CommandInput<N>): Promise<CommandResult<any>>;
  /** Resolves with the next event of that name (and its payload). */
  next<T = any>(event: string, timeoutMs?: number): Promise<T>;
  close(): void;
}

/** A real socket.io client carrying a visitor's session cookie. */
export async function connectSocket(baseUrl: string, eventId: string, cookie: string): Promise<TestSocket> {
  const socket = io(baseUrl, { auth: { eventId }, extraHeaders: { cookie }, transports: ['websocket'], reconnection: false });
  await new Promise<void>((resolve, reject) => {
    socket.once('connect', () => resolve());
    socket.once('connect_error', (err) => reject(err));
  });
  return {
    socket,
    run(name, payload) {
      return socket.timeout(10_000).emitWithAck(name, payload ?? {});
    },
    next(event, timeoutMs = 10_000) {
      return new Promise((resolve, reject) => {
        const timer = setTimeout(() => reject(new Error(`no ${event} event`)), timeoutMs);
        socket.once(event, (payload: unknown) => {
          clearTimeout(timer);
          resolve(payload as never);
        });
      });
    },
    close() {
      socket.disconnect();
    },
  };
}

/** Waits for a pushed event whose payload satisfies the predicate. */
export function waitForEvent<T = any>(socket: Socket, event: string, predicate: (payload: T) => boolean, timeoutMs = 10_000): Promise<T> {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      socket.off(event, handler);
      reject(new Error(`no matching ${event} event`));
    }, timeoutMs);
    const handler = (payload: T) => {
      if (!predicate(payload)) return;
      clearTimeout(timer);
      socket.off(event, handler);
      resolve(payload);
    };
    socket.on(event, handler);
  });
}
