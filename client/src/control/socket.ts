import { io, type Socket } from 'socket.io-client';
import type { CommandInput, CommandName, CommandResult } from '../../../shared/commands';

/** The event's command channel. The session cookie authenticates it; reconnection is automatic. */
export function openControlSocket(eventId: string): Socket {
  return io({ auth: { eventId }, transports: ['websocket', 'polling'], reconnectionDelayMax: 5000 });
}

export class CommandFailed extends Error {
  constructor(
    readonly code: string,
    message: string,
  ) {
    super(message);
  }
}

/** Sends a command and waits for its acknowledgement; a missing answer is reported, never ignored. */
export async function runCommand<N extends CommandName, T = unknown>(socket: Socket, name: N, payload?: CommandInput<N>): Promise<T> {
  let result: CommandResult<T>;
  try {
    result = await socket.timeout(10_000).emitWithAck(name, payload ?? {});
  } catch {
    throw new CommandFailed('timeout', 'The server did not answer. Check your connection and try again.');
  }
  if (!result.ok) throw new CommandFailed(result.error.code, result.error.message);
  return result.data;
}
