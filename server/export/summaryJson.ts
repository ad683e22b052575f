import { exportSchemaVersion, summaryExportSchema, type SummaryExport } from '../../shared/exportSchema';
import { sectionHeading, type RenderContext } from '../../shared/summary/documentModel';
import { summarySections } from '../../shared/summary/sections';
import { keyMessageLayout } from '../../shared/summary/sections';
import { objectiveParts } from '../../shared/summary/summaryModel';
import { printedThemes } from '../../shared/summary/themeDecisions';
import { cardExportRows } from './cardRows';
import type { ExportOptions, ExportSource } from './exportFormats';
import { printedContext, provenanceLine } from './summaryDocument';

// "All data (JSON)": the whole summary as printed (sections, key messages, themes and next steps with
// their source cards), every card and every vote, in the shape of shared/exportSchema.ts. Internal ids
// of messages, themes and actions are left out: they are made from card ids.

type Sources = SummaryExport['summary']['keyMessages'][number]['sources'];

export function summaryJson(source: ExportSource, options: ExportOptions): string {
  const context = printedContext(source, options);
  const { summary } = context;
  const sources = sourcesIn(context, options);
  const refs = new Map([...context.cards].map(([id, card]) => [id, card.ref]));
  const data: SummaryExport = {
    schemaVersion: exportSchemaVersion,
    generatedAt: options.generatedAt.toISOString(),
    generator: 'Roundtable',
    provenance: provenanceLine(context, options),
    includesNames: options.includeNames,
    event: {
      title: summary.title,
      date: summary.date,
      organiser: summary.organiser,
      introduction: summary.introduction,
      objectives: summary.objectives.map(objectiveParts),
      agenda: summary.agenda.map(({ item, who }) => ({ item, who })),
      questions: source.input.event.questions.map(({ id, prompt, secondField }) => ({ id, prompt, ...(secondField ? { secondField } : {}) })),
      rooms: source.input.event.rooms.map(({ id, topic }) => ({ id, topic })),
      namesMode: options.namesMode,
    },
    summary: {
      sections: summarySections(summary).map((section) =>
        section.kind === 'free'
          ? { kind: 'free', heading: section.heading, blocks: section.blocks }
          : { kind: section.kind, heading: sectionHeading(summary, section) },
      ),
      layout: keyMessageLayout(summary),
      sessionNotes: summary.sessionNotes,
      method: { ...summary.thinkingAppreciatively, text: summary.appendix.method },
      keyMessages: summary.groups.flatMap((group) =>
        group.byQuestion.flatMap((q) =>
          q.messages.map((m) => ({
            roomId: group.roomId,
            room: group.topic,
            questionId: q.questionId,
            question: q.prompt,
            text: m.text,
            votes: m.votes,
            edited: m.edited,
            sources: sources(m.sourceCardIds),
          })),
        ),
      ),
      themes: printedThemes(summary).map((t) => ({ label: t.label, description: t.description, roomIds: t.roomIds, votes: t.votes, sources: sources(t.sourceCardIds) })),
      nextSteps: {
        closingText: summary.nextSteps.closingText,
        actions: summary.nextSteps.actions.map((a) => ({ what: a.what, who: a.who, when: a.when, sources: sources(a.sourceCardIds) })),
      },
      participation: summary.appendix.participation.map(({ roomId, topic, participants, cards, votes }) => ({ roomId, topic, participants, cards, votes })),
    },
    cards: cardExportRows(source.input, { pseudonyms: options.pseudonyms, includeNames: options.includeNames, refs }).map((row) => ({
      id: row.cardId,
      ref: row.ref ?? null,
      roomId: row.roomId,
      room: row.room,
      questionId: row.questionId,
      question: row.question,
      text: row.text,
      secondField: row.detail,
      votes: row.votes,
      hidden: row.hidden,
      createdAt: row.createdAt,
      authorRef: row.authorRef,
      ...(row.author === undefined ? {} : { author: row.author }),
    })),
    votes: source.votes
      .filter((v) => v.count > 0)
      .map((v) => ({ cardId: options.pseudonyms.card(v.cardId), voterRef: options.pseudonyms.person(v.voterId), count: v.count }))
      .sort((a, b) => a.cardId.localeCompare(b.cardId) || a.voterRef.localeCompare(b.voterRef)),
  };
  // Built through the schema, so an export never drifts from docs/export-schema.json.
  return `${JSON.stringify(summaryExportSchema.parse(data), null, 2)}\n`;
}

/** Printed source cards as pseudonymous ids and appendix numbers. */
function sourcesIn(context: RenderContext, options: ExportOptions): (cardIds: readonly string[]) => Sources {
  return (cardIds) =>
    [...new Set(cardIds)].flatMap((id) => {
      const card = context.cards.get(id);
      return card ? [{ cardId: options.pseudonyms.card(id), ref: Number(card.ref) }] : [];
    });
}
