import type { Logger } from 'pino';
import type { Server } from 'socket.io';
import { ZodError } from 'zod';
import { commandSpecs, roleMayRun, type CommandName, type CommandPayload, type CommandResult } from '../../shared/commands';
import { issueMessage } from '../../shared/schemas';
import type { TokenClaims } from '../../shared/types';
import type { Store } from '../store/store';
import type { RoundtableSocket } from './socketServer';

/** A refusal the client can show as it is. */
export class CommandError extends Error {
  constructor(
    readonly code: string,
    message: string,
  ) {
    super(message);
  }
}

export interface CommandContext {
  socket: RoundtableSocket;
  claims: TokenClaims;
}

export type CommandHandlers = { [N in CommandName]: (ctx: CommandContext, payload: CommandPayload<N>) => Promise<unknown> };

const rateWindowMs = 10_000;
const rateMaxCommands = 100;

/**
 * Wires every command: acknowledgement required, role checked, payload validated, errors turned into
 * { ok: false, error } for that caller only. Facilitator commands are written to the audit log.
 */
export function registerCommands(io: Server, handlers: CommandHandlers, deps: { store: Store; log: Logger }): void {
  io.on('connection', (raw) => {
    const socket = raw as RoundtableSocket;
    const claims = socket.data.claims;
    let windowStart = Date.now();
    let windowCount = 0;
    for (const name of Object.keys(commandSpecs) as CommandName[]) {
      socket.on(name, async (payload: unknown, ack: unknown) => {
        if (typeof ack !== 'function') return;
        const reply = ack as (result: CommandResult) => void;
        const now = Date.now();
        if (now - windowStart > rateWindowMs) {
          windowStart = now;
          windowCount = 0;
        }
        // Per connection, not per IP: a whole venue often shares one address.
        if (++windowCount > rateMaxCommands) return reply(fail('rate_limited', 'Too many actions at once. Please wait a moment.'));
        if (!roleMayRun(claims.role, name)) return reply(fail('forbidden', 'You do not have permission to do that.'));
        try {
          const input = commandSpecs[name].schema.parse(payload ?? {}) as never;
          const data = await handlers[name]({ socket, claims }, input);
          if (claims.role === 'facilitator' && !name.endsWith(':get')) {
            await deps.store.appendAudit({
              eventId: claims.eventId,
              at: new Date().toISOString(),
              actorId: claims.participantId,
              actorRole: claims.role,
              action: name,
              detail: JSON.stringify(input).slice(0, 500),
            });
          }
          reply({ ok: true, data: data ?? null });
        } catch (error) {
          // Names an unknown field ("Unknown field: roomid"), so a typo in a client is found at once.
          if (error instanceof ZodError) return reply(fail('invalid_input', error.issues[0] ? issueMessage(error.issues[0]) : 'Invalid input.'));
          if (error instanceof CommandError) return reply(fail(error.code, error.message));
          deps.log.error({ err: error, command: name, eventId: claims.eventId }, 'command failed');
          reply(fail('server_error', 'Something went wrong on the server. Please try again.'));
        }
      });
    }
  });
}

function fail(code: string, message: string): CommandResult {
  return { ok: false, error: { code, message } };
}
