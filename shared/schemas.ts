import { z } from 'zod';
import { limits } from './limits';
import { facilitatorHelpSteps } from './helpRequests';
import { namesModes } from './namesMode';
import type { NamesMode, Objective } from './types';

// zod schemas for every request the server accepts. The client reuses them for form hints.
// Every object is strict: a misspelt field ("questoins") is refused by name instead of silently dropped,
// which is how an organiser's custom questions once vanished without a word.

const trimmed = (max: number) => z.string().trim().max(max);

// What a person's name may be made of, stated positively: letters, combining marks, numbers, punctuation,
// symbols (emoji) and spaces. Besides those, only the joiners some scripts and emoji need: ZWNJ and ZWJ
// (Persian, Indic scripts, family emoji) and tag characters (subdivision flags such as Wales's). Everything
// else (control characters, line breaks, zero-width spaces, soft hyphens, byte-order marks, private use) is refused.
const nameCharacters = /^[\p{L}\p{M}\p{N}\p{P}\p{S}\p{Zs}\u200C\u200D\u{E0020}-\u{E007F}]*$/u;
// Direction overrides, isolates and marks let a name reorder the text around it on screen and in exports.
const bidiControls = /[\u061C\u200E\u200F\u202A-\u202E\u2066-\u2069]/u;
// At least one character must show: not only spaces, marks, joiners or blank-looking letters (Hangul fillers, braille blank).
const visibleCharacter = /(?![\p{Default_Ignorable_Code_Point}\u2800])[\p{L}\p{N}\p{P}\p{S}]/u;

/**
 * One line of text people read (a name, a title, a topic, a question): the characters above, no text-direction
 * controls, and at least one visible character when not empty. Required texts may not be empty.
 */
export function lineTextSchema({ maxChars, what, required, missing, invisible = `${what} must contain something others can see: letters, numbers, punctuation or emoji.` }: { maxChars: number; what: string; required: boolean; missing: string; invisible?: string }) {
  return z
    .string()
    .trim()
    .max(maxChars, `${what} can be up to ${maxChars} characters.`)
    .refine((text) => !bidiControls.test(text), `${what} cannot contain characters that change the direction of text.`)
    .refine((text) => nameCharacters.test(text), `${what} can contain letters, numbers, punctuation, symbols and spaces, but no invisible or control characters.`)
    .refine((text) => text !== '' || !required, missing)
    .refine((text) => text === '' || visibleCharacter.test(text), invisible);
}

/** The rule for a person's name wherever one is accepted; optional names may be empty but never invisible. */
export function personNameSchema({ required = true, maxChars = limits.displayNameChars }: { required?: boolean; maxChars?: number } = {}) {
  return lineTextSchema({ maxChars, what: 'Names', required, missing: 'Please type a name so others know who wrote what.', invisible: 'Please type a name others can see: letters, numbers, punctuation or emoji.' });
}

/** Titles, topics, questions and list items: the same positive rule as names. */
const labelText = (maxChars: number, what: string, missing = `Please fill in ${what.toLowerCase()}.`) => lineTextSchema({ maxChars, what, required: true, missing });
const optionalLabelText = (maxChars: number, what: string) => lineTextSchema({ maxChars, what, required: false, missing: '' });

export const displayNameSchema = personNameSchema();

export const idSchema = z.string().regex(/^[a-z0-9][a-z0-9-]{0,63}$/, 'Not a valid id.');

/** A facilitator marks a help request's next step; only the steps a facilitator may mark are accepted. */
export const helpUpdateSchema = z.strictObject({ helpId: z.string().min(1).max(100), status: z.enum(facilitatorHelpSteps) });

/** The message a person (or a developer) sees for an issue; unknown fields are named with their path. */
export function issueMessage(issue: z.core.$ZodIssue): string {
  if (issue.code !== 'unrecognized_keys') return issue.message;
  const names = issue.keys.map((key) => [...issue.path, key].join('.'));
  return `Unknown field${names.length > 1 ? 's' : ''}: ${names.join(', ')}`;
}

export const roomInputSchema = z.strictObject({
  id: idSchema.optional(),
  topic: labelText(limits.shortTextChars, 'Room topics', 'Every room needs a topic.'),
});

// Empty optional texts mean "none", so a form can send what its fields hold.
const optionalText = (max: number, what: string) =>
  optionalLabelText(max, what)
    .optional()
    .transform((text) => text || undefined);

export const questionInputSchema = z.strictObject({
  prompt: labelText(limits.shortTextChars, 'Questions', 'Every question needs a prompt.'),
  hint: optionalText(limits.shortTextChars * 2, 'Help texts'),
  secondField: optionalText(limits.shortTextChars, 'Second field labels'),
});
export type QuestionInput = z.input<typeof questionInputSchema>;

/** The bounds of an event's question list, the same at creation and in the control panel. */
const questionList = <T extends z.ZodType>(item: T) =>
  z
    .array(item)
    .min(1, 'Please write at least one question.')
    .max(limits.questionsPerTemplate, `An event can have up to ${limits.questionsPerTemplate} questions.`);

/**
 * The event's whole question list as the control panel sends it (questions:set). A question that already
 * exists carries its id, so a renamed question keeps its cards (cards refer to question ids); new ones have none.
 */
export const questionsSetSchema = z.strictObject({
  questions: questionList(z.strictObject({ id: idSchema.optional(), ...questionInputSchema.shape })),
});
export type QuestionsSetInput = z.input<typeof questionsSetSchema>;

/** Saving an event's questions and rooms as a template on this server (template:save). */
export const templateSaveSchema = z.strictObject({
  name: labelText(limits.shortTextChars, 'Template names', 'Please give the template a name.'),
  description: optionalLabelText(limits.shortTextChars * 2, 'Template descriptions').default(''),
});

export const summaryLayouts = ['by-room', 'by-question'] as const;

const objectiveText = labelText(limits.shortTextChars * 2, 'Objectives');

/**
 * An objective is typed as text or as `{ text, points }`. Plain text is read as an object first so a
 * misspelt field inside one is still named ("Unknown field: objectives.0.piont"), which a union would hide;
 * it is stored back as plain text when it has no sub-points, the shape older events and readers know.
 */
export const objectiveSchema = z
  .preprocess(
    (value) => (typeof value === 'string' ? { text: value } : value),
    z.strictObject({
      text: objectiveText,
      points: z.array(objectiveText).max(limits.listItems, `An objective can have up to ${limits.listItems} sub-points.`).default([]),
    }),
  )
  .transform(({ text, points }): Objective => (points.length ? { text, points } : text));

export const agendaItemSchema = z.strictObject({
  item: labelText(limits.shortTextChars * 2, 'Agenda items'),
  who: personNameSchema({ required: false, maxChars: limits.shortTextChars }),
});

/** The details organisers and facilitators set at creation and may change later (event:details). */
const eventDetailFields = {
  title: labelText(limits.titleChars, 'Titles', 'Please give the event a title.'),
  date: z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'Use a date like 2026-06-18.'),
  organiser: optionalLabelText(limits.shortTextChars, 'Organiser names'),
  introduction: trimmed(limits.longTextChars),
  objectives: z.array(objectiveSchema).max(limits.listItems, `An event can have up to ${limits.listItems} objectives.`),
  agenda: z.array(agendaItemSchema).max(limits.listItems, `An agenda can have up to ${limits.listItems} rows.`),
};

/** A change to the event's details: any of the fields, each replaced whole; unknown fields are refused. */
export const eventDetailsSchema = z
  .strictObject(eventDetailFields)
  .partial()
  .refine((change) => Object.keys(change).length > 0, 'Nothing to change: send at least one detail.');
export type EventDetailsInput = z.input<typeof eventDetailsSchema>;
export type EventDetailsChange = z.output<typeof eventDetailsSchema>;

/**
 * `questions` (custom questions) win over `templateId` when both are given: the template then only
 * supplies the default rooms, and the event records `templateId: 'custom'` (customTemplateId).
 */
export const createEventSchema = z.strictObject({
  ...eventDetailFields,
  organiser: eventDetailFields.organiser.default(''),
  introduction: eventDetailFields.introduction.default(''),
  objectives: eventDetailFields.objectives.default([]),
  agenda: eventDetailFields.agenda.default([]),
  templateId: z.string().max(100).optional(),
  questions: questionList(questionInputSchema).optional(),
  rooms: z.array(roomInputSchema).min(1).max(limits.roomsPerEvent).optional(),
  assignmentMode: z.enum(['self-select', 'facilitator', 'auto']).default('self-select'),
  summaryLayout: z.enum(summaryLayouts).default('by-room'),
  namesMode: z.enum(namesModes).default('shown'),
});
export type CreateEventInput = z.input<typeof createEventSchema>;

export const joinCodeSchema = z.string().trim().toUpperCase().regex(/^[A-Z0-9]{4,12}$/, 'That join code does not look right. It is 6 letters or numbers.');

/** Joining an event whose names are shown or hidden: a display name is required. */
export const joinSchema = z.strictObject({
  joinCode: joinCodeSchema,
  name: displayNameSchema,
  roomId: idSchema.optional(),
});
export type JoinInput = z.input<typeof joinSchema>;

/**
 * Joining an anonymous event: no name at all, so none can be stored or revealed later. A name sent anyway
 * is refused with a reason rather than dropped, so a client that sends one learns it is wrong.
 */
export const anonymousJoinSchema = z.strictObject({
  joinCode: joinCodeSchema,
  name: z.never({ error: 'This workshop is anonymous: join without a name (none is kept).' }).optional(),
  roomId: idSchema.optional(),
});

/** The request schema for an event's names setting (the join route reads the event first, by its code). */
export function joinSchemaFor(mode: NamesMode): typeof joinSchema | typeof anonymousJoinSchema {
  return mode === 'anonymous' ? anonymousJoinSchema : joinSchema;
}

/** A facilitator's change of the names setting (names:set), allowed until the first participant joins. */
export const namesSetSchema = z.strictObject({
  mode: z.enum(namesModes),
});

export const keyExchangeSchema = z.strictObject({
  key: z.string().min(16).max(200),
});

/** Requests whose meaning is all in the URL (DELETE) still refuse a body that says something else. */
export const emptyBodySchema = z.strictObject({});
