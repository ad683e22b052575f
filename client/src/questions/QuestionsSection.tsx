import { useEffect, useState, type FormEvent } from 'react';
import type { Socket } from 'socket.io-client';
import type { RoomOverview } from '../../../shared/overview';
import type { EventInfo, Question } from '../../../shared/types';
import { runCommand } from '../control/socket';
import { QuestionEditor } from '../newEvent/QuestionEditor';
import { hasErrors, validateDrafts, type QuestionDraft } from '../newEvent/questionDrafts';
import { ErrorMessage } from '../ui/ErrorMessage';
import { useSaveCommand } from '../ui/useSaveCommand';
import { cardsPerQuestion, draftsOfEvent, questionsPayload, sameQuestions } from './questionsDraft';
import { SaveTemplateForm } from './SaveTemplateForm';

interface Props {
  event: EventInfo;
  rooms: readonly RoomOverview[];
  socket: Socket | null;
}

/**
 * The event's questions, editable during the event: rename, reorder, add, and remove those without cards.
 * Boards re-render their columns from the pushed event. Saving the event as a template sits here too, as it
 * is the questions (and rooms) a template keeps.
 */
export function QuestionsSection({ event, rooms, socket }: Props) {
  const [base, setBase] = useState(() => draftsOfEvent(event.questions));
  const [drafts, setDrafts] = useState(base);
  const { tried, setTried, saving, status, setStatus, error, save: saveWith } = useSaveCommand();

  // Another facilitator saved (a push): follow them unless this form holds unsaved edits.
  useEffect(() => {
    const incoming = draftsOfEvent(event.questions);
    if (sameQuestions(incoming, base)) return;
    const edited = !sameQuestions(drafts, base);
    setBase(incoming);
    if (!edited) setDrafts(incoming);
    // eslint-disable-next-line react-hooks/exhaustive-deps -- on new questions only; drafts and base are read as they are now
  }, [event.questions]);

  const counts = cardsPerQuestion(rooms);
  const removeBlocked = (draft: QuestionDraft) => {
    const count = draft.id ? (counts.get(draft.id) ?? 0) : 0;
    if (!count) return undefined;
    return `This question has ${count} card${count === 1 ? '' : 's'}, so it cannot be removed. You can rename it.`;
  };
  const errors = tried ? validateDrafts(drafts) : [];

  const save = async (e: FormEvent) => {
    e.preventDefault();
    await saveWith(Boolean(socket) && !hasErrors(validateDrafts(drafts)), async () => {
      const saved = await runCommand<'questions:set', Question[]>(socket!, 'questions:set', questionsPayload(drafts));
      const next = draftsOfEvent(saved);
      setBase(next);
      setDrafts(next);
      return 'Saved. Every board shows the new questions.';
    });
  };

  return (
    <section className="panel" aria-labelledby="questions-heading">
      <details className="event-details">
        <summary>
          <h2 id="questions-heading">Questions</h2>
        </summary>
        <form className="stack" noValidate onSubmit={(e) => void save(e)}>
          <p className="hint">Renaming a question keeps its cards. A question with cards cannot be removed.</p>
          <QuestionEditor
            drafts={drafts}
            errors={errors}
            removeBlocked={removeBlocked}
            onChange={(next) => {
              setStatus('');
              setDrafts(next);
            }}
          />
          {tried && hasErrors(errors) && <p className="error">Please correct the fields marked above.</p>}
          <ErrorMessage message={error} />
          <div className="row">
            <button type="submit" disabled={saving || !socket}>
              {saving ? 'Saving…' : 'Save questions'}
            </button>
            <button type="button" className="secondary" disabled={saving || sameQuestions(drafts, base)} onClick={() => { setDrafts(base); setTried(false); }}>
              Undo changes
            </button>
          </div>
          <p role="status" aria-live="polite" className="hint">
            {status}
          </p>
        </form>
        <SaveTemplateForm socket={socket} />
      </details>
    </section>
  );
}
