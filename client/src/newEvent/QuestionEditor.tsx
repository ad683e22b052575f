import { useEffect, useRef, useState } from 'react';
import { limits } from '../../../shared/limits';
import { blankDraft, maxQuestions, moveDraft, type DraftErrors, type DraftField, type QuestionDraft } from './questionDrafts';

interface Props {
  drafts: QuestionDraft[];
  onChange(drafts: QuestionDraft[]): void;
  /** Shown next to their fields once the organiser has tried to create the event. */
  errors: DraftErrors;
  /** Why a row may not be removed (the control panel: its question has cards); the button is then disabled with this said next to it. */
  removeBlocked?(draft: QuestionDraft): string | undefined;
}

const fields: { field: DraftField; label: string; help?: string; max: number }[] = [
  { field: 'prompt', label: 'Question', max: limits.shortTextChars },
  { field: 'hint', label: 'Help text (optional)', help: 'Shown under the question on the board.', max: limits.shortTextChars * 2 },
  {
    field: 'secondField',
    label: 'Second field on each card (optional)',
    help: 'A label such as “What enabled it?”: each card then has a second box with this label.',
    max: limits.shortTextChars,
  },
];

/**
 * 1–8 question rows with add, remove and move up/down. Buttons name their question ("Move question 2 up"),
 * focus follows the row that moved or goes to a neighbour of one removed, and a status line says what
 * happened, so keyboard and screen reader users never lose their place.
 */
export function QuestionEditor({ drafts, onChange, errors, removeBlocked }: Props) {
  const [announcement, setAnnouncement] = useState('');
  // Where focus goes after the list re-renders: an element id.
  const focusNext = useRef<string | null>(null);
  useEffect(() => {
    if (!focusNext.current) return;
    document.getElementById(focusNext.current)?.focus();
    focusNext.current = null;
  });

  const move = (index: number, by: -1 | 1) => {
    const key = drafts[index]!.key;
    onChange(moveDraft(drafts, index, by));
    // Keep focus on the same button unless the row reached the end, where that button no longer applies.
    const to = index + by;
    const edge = to === 0 || to === drafts.length - 1;
    focusNext.current = `q-${key}-${edge ? (by < 0 ? 'down' : 'up') : by < 0 ? 'up' : 'down'}`;
    setAnnouncement(`Question ${index + 1} moved ${by < 0 ? 'up' : 'down'}: it is now question ${to + 1} of ${drafts.length}.`);
  };

  const remove = (index: number) => {
    const next = drafts.filter((_, i) => i !== index);
    onChange(next);
    const neighbour = next[Math.min(index, next.length - 1)];
    focusNext.current = neighbour ? `q-${neighbour.key}-prompt` : 'q-add';
    setAnnouncement(`Question ${index + 1} removed. ${next.length} ${next.length === 1 ? 'question' : 'questions'} left.`);
  };

  const add = () => {
    const draft = blankDraft();
    onChange([...drafts, draft]);
    focusNext.current = `q-${draft.key}-prompt`;
    setAnnouncement(`Question ${drafts.length + 1} added.`);
  };

  const edit = (index: number, field: DraftField, value: string) =>
    onChange(drafts.map((draft, i) => (i === index ? { ...draft, [field]: value } : draft)));

  return (
    <div className="stack question-editor">
      <ol className="question-rows">
        {drafts.map((draft, index) => {
          const n = index + 1;
          const blocked = removeBlocked?.(draft);
          return (
            <li key={draft.key}>
              <fieldset className="stack">
                <legend>Question {n}</legend>
                {fields.map(({ field, label, help, max }) => {
                  const id = `q-${draft.key}-${field}`;
                  const error = errors[index]?.[field];
                  const described = [help && `${id}-help`, error && `${id}-error`].filter(Boolean).join(' ') || undefined;
                  return (
                    <div key={field} className="stack">
                      <label htmlFor={id}>{label}</label>
                      {help && (
                        <p id={`${id}-help`} className="hint">
                          {help}
                        </p>
                      )}
                      <input
                        id={id}
                        value={draft[field]}
                        maxLength={max}
                        required={field === 'prompt'}
                        aria-invalid={error ? true : undefined}
                        aria-describedby={described}
                        onChange={(e) => edit(index, field, e.target.value)}
                      />
                      {error && (
                        <p id={`${id}-error`} className="error">
                          {error}
                        </p>
                      )}
                    </div>
                  );
                })}
                <div className="row">
                  {index > 0 && (
                    <button type="button" className="small secondary" id={`q-${draft.key}-up`} onClick={() => move(index, -1)}>
                      Move question {n} up
                    </button>
                  )}
                  {index < drafts.length - 1 && (
                    <button type="button" className="small secondary" id={`q-${draft.key}-down`} onClick={() => move(index, 1)}>
                      Move question {n} down
                    </button>
                  )}
                  {drafts.length > 1 && (
                    <button
                      type="button"
                      className="small danger"
                      disabled={blocked !== undefined}
                      aria-describedby={blocked ? `q-${draft.key}-blocked` : undefined}
                      onClick={() => remove(index)}
                    >
                      Remove question {n}
                    </button>
                  )}
                </div>
                {blocked && drafts.length > 1 && (
                  <p className="hint" id={`q-${draft.key}-blocked`}>
                    {blocked}
                  </p>
                )}
              </fieldset>
            </li>
          );
        })}
      </ol>
      {drafts.length < maxQuestions ? (
        <button type="button" className="secondary add-question" id="q-add" onClick={add}>
          Add a question
        </button>
      ) : (
        <p className="hint" id="q-add" tabIndex={-1}>
          An event can have up to {maxQuestions} questions.
        </p>
      )}
      <p className="visually-hidden" role="status">
        {announcement}
      </p>
    </div>
  );
}
