import { useState, type FormEvent } from 'react';
import type { Socket } from 'socket.io-client';
import { limits } from '../../../shared/limits';
import { templateSaveSchema } from '../../../shared/schemas';
import type { Template } from '../../../shared/types';
import { CommandFailed, runCommand } from '../control/socket';
import { TextField } from '../eventDetails/TextField';
import { ErrorMessage } from '../ui/ErrorMessage';

/** Saves the event's saved questions and rooms as a template that /new on this server then offers. */
export function SaveTemplateForm({ socket }: { socket: Socket | null }) {
  const [name, setName] = useState('');
  const [description, setDescription] = useState('');
  const [nameError, setNameError] = useState<string | undefined>();
  const [saving, setSaving] = useState(false);
  const [status, setStatus] = useState('');
  const [error, setError] = useState<string | null>(null);

  const save = async (e: FormEvent) => {
    e.preventDefault();
    setError(null);
    setStatus('');
    const input = templateSaveSchema.safeParse({ name, description });
    setNameError(input.error?.issues[0]?.message);
    if (!socket || !input.success) return;
    setSaving(true);
    try {
      const template = await runCommand<'template:save', Template>(socket, 'template:save', input.data);
      setName('');
      setDescription('');
      setStatus(`Saved “${template.name}”. It is offered when creating a new event on this server.`);
    } catch (failure) {
      setError(failure instanceof CommandFailed ? failure.message : String(failure));
    } finally {
      setSaving(false);
    }
  };

  return (
    <form className="stack" noValidate aria-labelledby="save-template-heading" onSubmit={(e) => void save(e)}>
      <h3 id="save-template-heading">Save as a template</h3>
      <p className="hint">Keeps the saved questions and rooms of this event for future events on this server.</p>
      <TextField label="Template name" value={name} maxLength={limits.shortTextChars} error={nameError} onChange={setName} />
      <TextField label="Description (optional)" value={description} maxLength={limits.shortTextChars * 2} onChange={setDescription} />
      <ErrorMessage message={error} />
      <div className="row">
        <button type="submit" className="secondary" disabled={saving || !socket}>
          {saving ? 'Saving…' : 'Save as template'}
        </button>
      </div>
      <p role="status" aria-live="polite" className="hint">
        {status}
      </p>
    </form>
  );
}
