import { useState, type FormEvent } from 'react';
import type { Socket } from 'socket.io-client';
import { limits } from '../../../shared/limits';
import { templateSaveSchema } from '../../../shared/schemas';
import type { Template } from '../../../shared/types';
import { runCommand } from '../control/socket';
import { TextField } from '../eventDetails/TextField';
import { ErrorMessage } from '../ui/ErrorMessage';
import { useSaveCommand } from '../ui/useSaveCommand';

/** Saves the event's saved questions and rooms as a template that /new on this server then offers. */
export function SaveTemplateForm({ socket }: { socket: Socket | null }) {
  const [name, setName] = useState('');
  const [description, setDescription] = useState('');
  const [nameError, setNameError] = useState<string | undefined>();
  const { saving, status, error, save: saveWith } = useSaveCommand();

  const save = async (e: FormEvent) => {
    e.preventDefault();
    const input = templateSaveSchema.safeParse({ name, description });
    setNameError(input.error?.issues[0]?.message);
    await saveWith(Boolean(socket) && input.success, async () => {
      const template = await runCommand<'template:save', Template>(socket!, 'template:save', input.data!);
      setName('');
      setDescription('');
      return `Saved “${template.name}”. It is offered when creating a new event on this server.`;
    });
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
