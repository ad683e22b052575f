import { useEffect, useState, type FormEvent } from 'react';
import type { Socket } from 'socket.io-client';
import { limits } from '../../../shared/limits';
import type { EventInfo } from '../../../shared/types';
import { runCommand } from '../control/socket';
import { ErrorMessage } from '../ui/ErrorMessage';
import { useSaveCommand } from '../ui/useSaveCommand';
import { AgendaEditor } from './AgendaEditor';
import { draftOf, fieldErrors, payloadOf, sameDraft, type DetailsDraft } from './detailsDraft';
import { ObjectivesEditor } from './ObjectivesEditor';
import { TextField } from './TextField';

/**
 * Title, date, organiser, introduction, objectives and agenda, editable after creation by facilitators
 * (control panel) and organisers (summary page). The summary's front matter follows on save.
 */
export function EventDetailsForm({ event, socket }: { event: EventInfo; socket: Socket | null }) {
  const [base, setBase] = useState(() => draftOf(event));
  const [draft, setDraft] = useState(base);
  const { tried, setTried, saving, status, setStatus, error, save: saveWith } = useSaveCommand();
  const [changedElsewhere, setChangedElsewhere] = useState(false);

  // Someone else saved (a push): follow them unless this form holds unsaved edits, which are kept.
  useEffect(() => {
    const incoming = draftOf(event);
    if (sameDraft(incoming, base)) return;
    // Runs only when a new event arrives; draft and base are this render's, so current.
    const edited = !sameDraft(draft, base);
    setBase(incoming);
    setChangedElsewhere(edited);
    if (!edited) setDraft(incoming);
    // eslint-disable-next-line react-hooks/exhaustive-deps -- on a new event only; draft and base are read as they are now
  }, [event]);

  const errors = tried ? fieldErrors(draft) : {};
  const update = (change: Partial<DetailsDraft>) => {
    setStatus('');
    setDraft((current) => ({ ...current, ...change }));
  };

  const save = async (e: FormEvent) => {
    e.preventDefault();
    await saveWith(Boolean(socket) && Object.keys(fieldErrors(draft)).length === 0, async () => {
      const saved = await runCommand<'event:details', EventInfo>(socket!, 'event:details', payloadOf(draft));
      const next = draftOf(saved);
      setBase(next);
      setDraft(next);
      setChangedElsewhere(false);
      return 'Saved. The summary shows the new details.';
    });
  };

  return (
    <section className="panel" aria-labelledby="event-details-heading">
      <details className="event-details">
        <summary>
          <h2 id="event-details-heading">Event details</h2>
        </summary>
        <form className="stack" noValidate onSubmit={(e) => void save(e)}>
          <p className="hint">Title, date, introduction, objectives and agenda as the summary prints them.</p>
          <TextField label="Title" value={draft.title} maxLength={limits.titleChars} error={errors.title} onChange={(title) => update({ title })} />
          <TextField label="Date" type="date" value={draft.date} maxLength={10} error={errors.date} onChange={(date) => update({ date })} />
          <TextField label="Organiser" value={draft.organiser} maxLength={limits.shortTextChars} error={errors.organiser} onChange={(organiser) => update({ organiser })} />
          <TextField
            label="Introduction"
            multiline
            value={draft.introduction}
            maxLength={limits.longTextChars}
            error={errors.introduction}
            onChange={(introduction) => update({ introduction })}
          />
          <ObjectivesEditor objectives={draft.objectives} errors={errors} onChange={(objectives) => update({ objectives })} />
          <AgendaEditor agenda={draft.agenda} errors={errors} onChange={(agenda) => update({ agenda })} />
          {changedElsewhere && <p className="hint">Someone else changed these details meanwhile. Saving replaces their version with yours.</p>}
          {tried && Object.keys(errors).length > 0 && <p className="error">Please correct the fields marked above.</p>}
          <ErrorMessage message={error} />
          <div className="row">
            <button type="submit" disabled={saving || !socket}>
              {saving ? 'Saving…' : 'Save details'}
            </button>
            <button type="button" className="secondary" disabled={saving || sameDraft(draft, base)} onClick={() => { setDraft(base); setTried(false); }}>
              Undo changes
            </button>
          </div>
          <p role="status" aria-live="polite" className="hint">
            {status}
          </p>
        </form>
      </details>
    </section>
  );
}
