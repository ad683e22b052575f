import { z } from 'zod';
import { phases } from './control';
import { limits } from './limits';
import { eventDetailsSchema, helpUpdateSchema, idSchema, namesSetSchema, questionsSetSchema, templateSaveSchema } from './schemas';
import type { Role } from './types';

// Every socket.io command: its payload schema and who may run it. The server enforces both;
// the client uses the same table only to decide which buttons to show. Every payload is a strict object:
// an unknown field is refused by name (invalid_input), never ignored.

const empty = z.strictObject({});
const roomTarget = z.strictObject({ roomId: idSchema.nullable().default(null) });
const cardTarget = z.strictObject({ roomId: idSchema, cardId: z.string().min(1).max(100) });

export const commandSpecs = {
  'control:get': { roles: ['participant', 'facilitator', 'organiser'], schema: empty },
  'overview:get': { roles: ['facilitator', 'organiser'], schema: empty },
  // A hidden card's text is kept out of the board document participants sync; staff read it here.
  'hiddenCards:get': { roles: ['facilitator', 'organiser'], schema: z.strictObject({ roomId: idSchema }) },
  'vote:cast': { roles: ['participant'], schema: z.strictObject({ cardId: z.string().min(1).max(100), delta: z.union([z.literal(1), z.literal(-1)]) }) },
  'help:request': { roles: ['participant'], schema: empty },
  'help:cancel': { roles: ['participant'], schema: empty },

  'phase:set': { roles: ['facilitator'], schema: z.strictObject({ phase: z.enum(phases) }) },
  'timer:start': { roles: ['facilitator'], schema: roomTarget.extend({ seconds: z.number().int().min(10).max(6 * 3600) }) },
  'timer:pause': { roles: ['facilitator'], schema: roomTarget },
  'timer:resume': { roles: ['facilitator'], schema: roomTarget },
  'timer:add': { roles: ['facilitator'], schema: roomTarget.extend({ seconds: z.number().int().min(-3600).max(3600) }) },
  'timer:stop': { roles: ['facilitator'], schema: roomTarget },
  'broadcast:send': { roles: ['facilitator'], schema: roomTarget.extend({ text: z.string().trim().min(1, 'Type a message first.').max(limits.broadcastChars) }) },
  'lock:set': { roles: ['facilitator'], schema: z.strictObject({ roomIds: z.array(idSchema).min(1).max(limits.roomsPerEvent), locked: z.boolean() }) },
  'room:add': { roles: ['facilitator'], schema: z.strictObject({ topic: z.string().trim().min(1, 'Every room needs a topic.').max(limits.shortTextChars) }) },
  'room:rename': { roles: ['facilitator'], schema: z.strictObject({ roomId: idSchema, topic: z.string().trim().min(1).max(limits.shortTextChars) }) },
  'room:remove': { roles: ['facilitator'], schema: z.strictObject({ roomId: idSchema, moveTo: idSchema, cards: z.enum(['move', 'delete']) }) },
  'assign:mode': { roles: ['facilitator'], schema: z.strictObject({ mode: z.enum(['self-select', 'facilitator', 'auto']) }) },
  'assign:even': { roles: ['facilitator'], schema: empty },
  'participant:move': { roles: ['facilitator'], schema: z.strictObject({ participantId: z.string().min(1).max(100), roomId: idSchema }) },
  'voting:set': { roles: ['facilitator'], schema: z.strictObject({ open: z.boolean(), votesPerPerson: z.number().int().min(1).max(20).optional(), revealed: z.boolean().optional() }) },
  // Kept for pages opened before help:update existed: the same as help:update to 'handled'.
  'help:resolve': { roles: ['facilitator'], schema: z.strictObject({ helpId: z.string().min(1).max(100) }) },
  // A help request's next step (seen, on the way, handled), told to the participant who asked.
  'help:update': { roles: ['facilitator'], schema: helpUpdateSchema },
  'card:hide': { roles: ['facilitator'], schema: cardTarget },
  'card:show': { roles: ['facilitator'], schema: cardTarget },
  'summary:draft': { roles: ['facilitator'], schema: empty },
  // Title, date, organiser, introduction, objectives, agenda: the organiser owns them as much as the facilitators do.
  'event:details': { roles: ['facilitator', 'organiser'], schema: eventDetailsSchema },
  // The whole list, in order: kept questions by id (their cards stay), new ones without (issue 13).
  'questions:set': { roles: ['facilitator'], schema: questionsSetSchema },
  'template:save': { roles: ['facilitator'], schema: templateSaveSchema },
  // Names shown / hidden / anonymous (issue 14): refused once anyone has joined.
  'names:set': { roles: ['facilitator'], schema: namesSetSchema },
} as const satisfies Record<string, { roles: readonly Role[]; schema: z.ZodType }>;

export type CommandName = keyof typeof commandSpecs;
export type CommandInput<N extends CommandName> = z.input<(typeof commandSpecs)[N]['schema']>;
export type CommandPayload<N extends CommandName> = z.output<(typeof commandSpecs)[N]['schema']>;

/** What `hiddenCards:get` returns for each hidden card of the room. */
export interface HiddenCardText {
  cardId: string;
  roomId: string;
  text: string;
}

export type CommandResult<T = unknown> = { ok: true; data: T } | { ok: false; error: { code: string; message: string } };

export const facilitatorOnlyCommands = (Object.keys(commandSpecs) as CommandName[]).filter(
  (name) => !(commandSpecs[name].roles as readonly Role[]).includes('participant'),
);

export function roleMayRun(role: Role, name: CommandName): boolean {
  return (commandSpecs[name].roles as readonly Role[]).includes(role);
}
