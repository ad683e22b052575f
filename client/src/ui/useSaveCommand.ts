import { useState } from 'react';
import { CommandFailed } from '../control/socket';

/**
 * The life of a form that saves with one command: whether a save was tried (so field errors show), saving,
 * the announced status line and the server's refusal. `save(valid, run)` marks the try, stops at invalid
 * input, and otherwise runs the command; `run` returns the status to announce.
 */
export function useSaveCommand() {
  const [tried, setTried] = useState(false);
  const [saving, setSaving] = useState(false);
  const [status, setStatus] = useState('');
  const [error, setError] = useState<string | null>(null);

  const save = async (valid: boolean, run: () => Promise<string>): Promise<void> => {
    setTried(true);
    setError(null);
    setStatus('');
    if (!valid) return;
    setSaving(true);
    try {
      setStatus(await run());
      setTried(false);
    } catch (failure) {
      setError(failure instanceof CommandFailed ? failure.message : String(failure));
    } finally {
      setSaving(false);
    }
  };

  return { tried, setTried, saving, status, setStatus, error, save };
}
