import crypto from 'node:crypto';
import type { CreateEventInput, EventDetailsChange } from '../../shared/schemas';
import { linkUrl } from '../../shared/links';
import { createEventSchema } from '../../shared/schemas';
import type { QuestionInput } from '../../shared/schemas';
import { customTemplateId, defaultTemplateId, findTemplate } from '../../shared/templates';
import type { EventInfo, EventLinks, Question, Room } from '../../shared/types';
import { hashSecret, randomSecret } from '../auth/tokens';
import type { EventStore, TemplateStore } from '../store/store';
import { HttpError } from '../http/httpError';

// Letters and digits people will not confuse when reading a code off a projector (no 0/O, 1/I/L).
const joinCodeAlphabet = 'ABCDEFGHJKMNPQRSTUVWXYZ23456789';

export function randomJoinCode(length = 6): string {
  const bytes = crypto.randomBytes(length);
  return Array.from(bytes, (b) => joinCodeAlphabet[b % joinCodeAlphabet.length]).join('');
}

export function randomId(length = 10): string {
  const alphabet = 'abcdefghijkmnpqrstuvwxyz23456789';
  return Array.from(crypto.randomBytes(length), (b) => alphabet[b % alphabet.length]).join('');
}

export function slugify(text: string, fallback: string): string {
  const slug = text
    .toLowerCase()
    .normalize('NFKD')
    // Accents come apart as combining marks: drop them so "Über" is "uber", not "u-ber".
    .replace(/\p{M}/gu, '')
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, 40)
    .replace(/-+$/, '');
  return slug || fallback;
}

/**
 * Makes ids unique within a list by numbering repeats (`x`, `x-2`, `x-3`), avoiding `taken`; the same list
 * always gets the same ids.
 */
function numberRepeats(bases: readonly string[], taken: Iterable<string> = []): string[] {
  // Ids already taken (questions kept by id) are never handed out again.
  const used = new Set<string>(taken);
  return bases.map((base) => {
    let id = base;
    for (let n = 2; used.has(id); n++) id = `${base}-${n}`;
    used.add(id);
    return id;
  });
}

/** Room ids are unique within an event; topics that slug alike get a number. */
export function roomsWithIds(rooms: readonly { id?: string; topic: string }[]): Room[] {
  const ids = numberRepeats(rooms.map((room, index) => room.id ?? slugify(room.topic, `room-${index + 1}`)));
  return rooms.map((room, index) => ({ id: ids[index]!, topic: room.topic }));
}

/**
 * An organiser's own questions get ids from their prompts, readable in exports; prompts with nothing to
 * slug (other scripts, only symbols) get `question-<position>`. Slugs of at most 40 characters plus a
 * repeat number always pass idSchema.
 */
export function questionsWithIds(questions: readonly (QuestionInput & { id?: string })[]): Question[] {
  // A question that already has an id (the control panel's kept questions) keeps it: its cards refer to it.
  const kept = questions.flatMap((q) => (q.id ? [q.id] : []));
  const generated = numberRepeats(
    questions.flatMap((q, index) => (q.id ? [] : [slugify(q.prompt, `question-${index + 1}`)])),
    kept,
  );
  return questions.map(({ id, prompt, hint, secondField }) => ({
    id: id ?? generated.shift()!,
    prompt,
    ...(hint ? { hint } : {}),
    ...(secondField ? { secondField } : {}),
  }));
}

export interface CreatedEvent {
  info: EventInfo;
  links: EventLinks;
}

type SavedTemplates = Pick<TemplateStore, 'getTemplate'>;
const noSavedTemplates: SavedTemplates = { getTemplate: async () => undefined };

/**
 * `saved` finds templates saved on this server from events (template:save); the built-in ones come first.
 * Callers that only ever use built-in templates (the demo seed) leave it out.
 */
export async function createEvent(store: EventStore, raw: CreateEventInput, baseUrl: string, saved: SavedTemplates = noSavedTemplates): Promise<CreatedEvent> {
  const input = createEventSchema.parse(raw);
  const templateId = input.templateId ?? defaultTemplateId;
  const template = findTemplate(templateId) ?? (await saved.getTemplate(templateId));
  if (!template) throw new HttpError(400, 'unknown_template', 'That template does not exist.');
  const facilitatorKey = randomSecret();
  const organiserKey = randomSecret();
  for (let attempt = 0; ; attempt++) {
    const info: EventInfo = {
      id: randomId(),
      title: input.title,
      date: input.date,
      organiser: input.organiser,
      introduction: input.introduction,
      objectives: input.objectives,
      agenda: input.agenda,
      // Custom questions win over the template's (see createEventSchema); the template still gives default rooms.
      templateId: input.questions ? customTemplateId : template.id,
      questions: input.questions ? questionsWithIds(input.questions) : template.questions,
      rooms: roomsWithIds(input.rooms ?? template.rooms),
      assignmentMode: input.assignmentMode,
      summaryLayout: input.summaryLayout,
      namesMode: input.namesMode,
      joinCode: randomJoinCode(),
      createdAt: new Date().toISOString(),
    };
    try {
      await store.createEvent({ info, facilitatorKeyHash: hashSecret(facilitatorKey), organiserKeyHash: hashSecret(organiserKey) });
    } catch (error) {
      // A join code collision is rare but possible; try another.
      if (attempt < 5 && String(error).includes('UNIQUE')) continue;
      throw error;
    }
    return {
      info,
      links: {
        facilitator: linkUrl(baseUrl, info.id, 'facilitator', facilitatorKey),
        organiser: linkUrl(baseUrl, info.id, 'organiser', organiserKey),
        participant: `${baseUrl}/join/${info.joinCode}`,
        joinCode: info.joinCode,
      },
    };
  }
}

/** The event with the given details replaced; fields the change leaves out keep their value. */
export function withEventDetails(info: EventInfo, change: EventDetailsChange): EventInfo {
  const given = Object.fromEntries(Object.entries(change).filter(([, value]) => value !== undefined));
  return { ...info, ...given };
}
