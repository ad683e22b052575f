import { eventDetailsSchema, type EventDetailsInput } from '../../../shared/schemas';
import { objectiveParts } from '../../../shared/summary/summaryModel';
import type { AgendaItem, EventInfo, ObjectiveWithPoints } from '../../../shared/types';

// The event details form's state and the pure steps on it, kept out of the components so the rules
// (what is blank, what is sent, which field an error belongs to) live in one place.

export interface DetailsDraft {
  title: string;
  date: string;
  organiser: string;
  introduction: string;
  /** Every objective as text and points while editing; plain-text ones go back as text (objectiveSchema). */
  objectives: ObjectiveWithPoints[];
  agenda: AgendaItem[];
}

/** Field path ("objectives.1.points.0") → the message to show next to that field. */
export type FieldErrors = Record<string, string>;

export function draftOf(event: EventInfo): DetailsDraft {
  const { title, date, organiser, introduction, agenda } = event;
  // Copies, so the draft never shares a list with the event it came from.
  const objectives = event.objectives.map(objectiveParts).map(({ text, points }) => ({ text, points: [...points] }));
  return { title, date, organiser, introduction, objectives, agenda: agenda.map((row) => ({ ...row })) };
}

export function payloadOf(draft: DetailsDraft): EventDetailsInput {
  return { ...draft };
}

/** A copy of the list with one item moved; out-of-range moves leave it as it is. */
export function moveItem<T>(list: readonly T[], from: number, to: number): T[] {
  if (to < 0 || to >= list.length || from === to) return [...list];
  const next = [...list];
  const [item] = next.splice(from, 1);
  next.splice(to, 0, item as T);
  return next;
}

export function replaceItem<T>(list: readonly T[], index: number, item: T): T[] {
  return list.map((old, i) => (i === index ? item : old));
}

export function removeItem<T>(list: readonly T[], index: number): T[] {
  return list.filter((_, i) => i !== index);
}

/**
 * What the server would refuse, plus blank rows: an added row left empty is far more likely a slip than
 * meant to print as an empty bullet, so it is pointed out rather than sent or silently dropped.
 */
export function fieldErrors(draft: DetailsDraft): FieldErrors {
  const errors: FieldErrors = {};
  draft.objectives.forEach((objective, i) => {
    if (!objective.text.trim()) errors[`objectives.${i}.text`] = 'Write the objective or remove it.';
    objective.points.forEach((point, j) => {
      if (!point.trim()) errors[`objectives.${i}.points.${j}`] = 'Write the sub-point or remove it.';
    });
  });
  draft.agenda.forEach((row, i) => {
    if (!row.item.trim()) errors[`agenda.${i}.item`] = 'Write the agenda item or remove the row.';
  });
  const parsed = eventDetailsSchema.safeParse(payloadOf(draft));
  for (const issue of parsed.success ? [] : parsed.error.issues) {
    const path = issue.path.join('.');
    errors[path] ??= issue.message;
  }
  return errors;
}

/** The same details? Compared on what would be sent, so a pushed update does not discard real edits. */
export function sameDraft(a: DetailsDraft, b: DetailsDraft): boolean {
  return JSON.stringify(a) === JSON.stringify(b);
}
