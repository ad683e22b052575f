import { z } from 'zod';
import { limits } from './limits';

// zod schemas for every request the server accepts. The client reuses them for form hints.

const trimmed = (max: number) => z.string().trim().max(max);

export const displayNameSchema = z
  .string()
  .trim()
  .min(1, 'Please type a name so others know who wrote what.')
  .max(limits.displayNameChars, `Names can be up to ${limits.displayNameChars} characters.`)
  // Control characters would break exports and screen readers.
  .regex(/^[^\p{Cc}]+$/u, 'Names cannot contain control characters.');

export const idSchema = z.string().regex(/^[a-z0-9][a-z0-9-]{0,63}$/, 'Not a valid id.');

export const roomInputSchema = z.object({
  id: idSchema.optional(),
  topic: trimmed(limits.shortTextChars).min(1, 'Every room needs a topic.'),
});

export const createEventSchema = z.object({
  title: trimmed(limits.titleChars).min(1, 'Please give the event a title.'),
  date: z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'Use a date like 2026-06-18.'),
  organiser: trimmed(limits.shortTextChars).default(''),
  introduction: trimmed(limits.longTextChars).default(''),
  objectives: z.array(trimmed(limits.shortTextChars * 2)).max(limits.listItems).default([]),
  agenda: z
    .array(z.object({ item: trimmed(limits.shortTextChars * 2), who: trimmed(limits.shortTextChars) }))
    .max(limits.listItems)
    .default([]),
  templateId: z.string().max(100).optional(),
  rooms: z.array(roomInputSchema).min(1).max(limits.roomsPerEvent).optional(),
  assignmentMode: z.enum(['self-select', 'facilitator', 'auto']).default('self-select'),
});
export type CreateEventInput = z.input<typeof createEventSchema>;

export const joinSchema = z.object({
  joinCode: z.string().trim().toUpperCase().regex(/^[A-Z0-9]{4,12}$/, 'That join code does not look right. It is 6 letters or numbers.'),
  name: displayNameSchema,
  roomId: idSchema.optional(),
});
export type JoinInput = z.input<typeof joinSchema>;

export const keyExchangeSchema = z.object({
  key: z.string().min(16).max(200),
});
