import { useState } from 'react';
import type { Socket } from 'socket.io-client';
import type { CommandInput, CommandName } from '../../../shared/commands';
import { CommandFailed, runCommand } from '../control/socket';

/** Runs facilitator commands, keeping the last error to show next to the controls. */
export function useCommand(socket: Socket | null) {
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  async function run<N extends CommandName, T = unknown>(name: N, payload?: CommandInput<N>): Promise<T | undefined> {
    if (!socket) return undefined;
    setError(null);
    setBusy(true);
    try {
      return await runCommand<N, T>(socket, name, payload);
    } catch (e) {
      setError(e instanceof CommandFailed ? e.message : String(e));
      return undefined;
    } finally {
      setBusy(false);
    }
  }
  return { run, error, busy };
}
