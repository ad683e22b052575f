import { z } from 'zod';
import { builtInKinds } from './summary/sections';

// The "All data (JSON)" export: the whole summary (sections, key messages, themes and next steps, each
// with its source cards), the cards and the votes. This schema is the contract: the server builds the
// export through it, and docs/export-schema.json is generated from it (`npx tsx scripts/writeExportSchema.ts`;
// a test checks the committed file matches). Card, author and voter ids are per-event pseudonyms, never the
// ids the app uses (participant ids are also session keys); names appear only when `includesNames`.

export const exportSchemaVersion = 1;

const text = z.string();
const count = z.int().min(0);

/** A pseudonym: the same card or person always gets the same one in one event's exports. */
const cardRef = z.string().regex(/^c_[0-9a-f]{16}$/).describe('The card’s pseudonymous id (matches cards[].id)');
const personRef = z.string().regex(/^p_[0-9a-f]{16}$/).describe('A person’s pseudonymous id, the same for every card and vote of that person');

const sourceSchema = z
  .strictObject({
    cardId: cardRef,
    ref: z.int().min(1).describe('The card’s number in the printed appendix'),
  })
  .describe('A card a key message, theme or action was drawn from');

const sources = z.array(sourceSchema);

const freeBlockSchema = z.discriminatedUnion('kind', [
  z.strictObject({ kind: z.literal('paragraph'), text }),
  z.strictObject({ kind: z.literal('bullets'), items: z.array(text) }),
]);

const sectionSchema = z.discriminatedUnion('kind', [
  z.strictObject({ kind: z.enum(builtInKinds), heading: text }),
  z.strictObject({ kind: z.literal('free'), heading: text, blocks: z.array(freeBlockSchema) }),
]);

const cardSchema = z.strictObject({
  id: cardRef,
  ref: z.int().min(1).nullable().describe('The card’s number in the printed appendix; null when it is not printed (hidden, or added after the summary was drafted)'),
  roomId: text,
  room: text,
  questionId: text,
  question: text,
  text,
  secondField: text.describe('The card’s second field, empty when its question has none'),
  votes: count,
  hidden: z.boolean().describe('Hidden by a facilitator: never printed in the summary'),
  createdAt: z.iso.datetime(),
  authorRef: personRef,
  author: text.optional().describe('Only when includesNames'),
});

export const summaryExportSchema = z
  .strictObject({
    schemaVersion: z.literal(exportSchemaVersion),
    generatedAt: z.iso.datetime(),
    generator: z.literal('Roundtable'),
    provenance: text.describe('The line every printed format carries: when, from how many cards and votes, and whether names are included'),
    includesNames: z.boolean(),
    event: z.strictObject({
      title: text,
      date: text,
      organiser: text,
      introduction: text,
      objectives: z.array(z.strictObject({ text, points: z.array(text) })),
      agenda: z.array(z.strictObject({ item: text, who: text })),
      questions: z.array(z.strictObject({ id: text, prompt: text, secondField: text.optional() })),
      rooms: z.array(z.strictObject({ id: text, topic: text })),
      namesMode: z.enum(['shown', 'hidden', 'anonymous']),
    }),
    summary: z.strictObject({
      sections: z.array(sectionSchema).describe('The document’s sections in order, with the headings it prints'),
      layout: z.enum(['by-room', 'by-question']),
      sessionNotes: text,
      method: z.strictObject({ intro: text, topics: z.array(text), questions: z.array(text), text }),
      keyMessages: z.array(
        z.strictObject({ roomId: text, room: text, questionId: text, question: text, text, votes: count, edited: z.boolean(), sources }),
      ),
      themes: z.array(z.strictObject({ label: text, description: text, roomIds: z.array(text), votes: count, sources })),
      nextSteps: z.strictObject({
        closingText: text,
        actions: z.array(z.strictObject({ what: text, who: text, when: text, sources })),
      }),
      participation: z.array(z.strictObject({ roomId: text, topic: text, participants: count, cards: count, votes: count })),
    }),
    cards: z.array(cardSchema),
    votes: z.array(z.strictObject({ cardId: cardRef, voterRef: personRef, count: z.int().min(1) })),
  })
  .meta({
    title: 'Roundtable summary export',
    description: 'Everything an event produced: the summary with its sources, the cards and the votes.',
  });

export type SummaryExport = z.infer<typeof summaryExportSchema>;
export type ExportCard = SummaryExport['cards'][number];

/** The JSON Schema text committed as docs/export-schema.json. */
export function exportJsonSchemaText(): string {
  return `${JSON.stringify(z.toJSONSchema(summaryExportSchema), null, 2)}\n`;
}
