import { limits } from '../../../shared/limits';
import { questionInputSchema, type QuestionInput } from '../../../shared/schemas';
import type { Question } from '../../../shared/types';

// The "write your own questions" rows as the form holds them: plain strings, plus a key React can keep
// while rows move (the index changes, the key does not, so focus and typed text stay with their row).

export interface QuestionDraft {
  key: number;
  /** An existing question's id (control panel): sent back so its cards stay with it. New rows have none. */
  id?: string;
  prompt: string;
  hint: string;
  secondField: string;
}

export type DraftField = 'prompt' | 'hint' | 'secondField';

/** Messages per row and field, from the same schema the server applies. */
export type DraftErrors = Partial<Record<DraftField, string>>[];

export const maxQuestions = limits.questionsPerTemplate;

let nextKey = 1;

export function blankDraft(): QuestionDraft {
  return { key: nextKey++, prompt: '', hint: '', secondField: '' };
}

/** Writing your own starts from the chosen template's questions, so small changes stay small. */
export function draftsFrom(questions: readonly Question[]): QuestionDraft[] {
  const drafts = questions.slice(0, maxQuestions).map((q) => ({ ...blankDraft(), prompt: q.prompt, hint: q.hint ?? '', secondField: q.secondField ?? '' }));
  return drafts.length ? drafts : [blankDraft()];
}

export function moveDraft(drafts: readonly QuestionDraft[], index: number, by: -1 | 1): QuestionDraft[] {
  const to = index + by;
  if (to < 0 || to >= drafts.length) return [...drafts];
  const next = [...drafts];
  [next[index], next[to]] = [next[to]!, next[index]!];
  return next;
}

export function validateDrafts(drafts: readonly QuestionDraft[]): DraftErrors {
  return drafts.map((draft) => {
    const result = questionInputSchema.safeParse(toInput(draft));
    const errors: Partial<Record<DraftField, string>> = {};
    for (const issue of result.error?.issues ?? []) {
      const field = issue.path[0] as DraftField;
      errors[field] ??= issue.message;
    }
    return errors;
  });
}

export function hasErrors(errors: DraftErrors): boolean {
  return errors.some((row) => Object.keys(row).length > 0);
}

/** What POST /api/events takes; empty optional texts are left out. */
export function toInput({ prompt, hint, secondField }: QuestionDraft): QuestionInput {
  return { prompt, ...(hint.trim() ? { hint } : {}), ...(secondField.trim() ? { secondField } : {}) };
}
