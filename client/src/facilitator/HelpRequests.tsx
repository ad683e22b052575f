import { useEffect, useRef, useState } from 'react';
import type { Socket } from 'socket.io-client';
import { helpStatusLabels, helpStepLabels, isHelpActive, nextHelpSteps, type HelpRequest } from '../../../shared/helpRequests';
import type { Room } from '../../../shared/types';
import { ErrorMessage } from '../ui/ErrorMessage';
import { useCommand } from './useCommand';

/**
 * Who is waiting for help, and where each request stands. The facilitator marks each step (Seen, On my way,
 * Mark handled) and the participant is told it in words. "Seen" is pressed, never inferred from this list
 * being on screen: a panel open on a projector or in a background tab is not a person who has read it,
 * and telling the participant otherwise would be the false reassurance issue 15 is about.
 */
export function HelpRequests({ socket, help, rooms }: { socket: Socket | null; help: HelpRequest[]; rooms: Room[] }) {
  const { run, error } = useCommand(socket);
  const active = help.filter(isHelpActive);
  const list = useRef<HTMLDivElement>(null);
  const heading = useRef<HTMLHeadingElement>(null);
  // The pressed button goes away with its step (once the pushed state shows it): focus moves to the
  // request's next step, or to the heading when the request leaves the list.
  const [refocus, setRefocus] = useState<Pick<HelpRequest, 'id' | 'status'> | null>(null);
  useEffect(() => {
    if (!refocus) return;
    if (help.find((h) => h.id === refocus.id)?.status === refocus.status) return;
    const next = list.current?.querySelector<HTMLButtonElement>(`[data-help-id="${refocus.id}"] button`);
    (next ?? heading.current)?.focus();
    setRefocus(null);
  }, [refocus, help]);

  return (
    <section className="panel stack" aria-labelledby="help-heading">
      <h2 id="help-heading" ref={heading} tabIndex={-1}>
        Help requests ({active.length})
      </h2>
      <div aria-live="polite" ref={list}>
        {active.length === 0 ? (
          <p className="empty">Nobody is waiting for help.</p>
        ) : (
          <ul className="help-list">
            {active.map((h) => (
              <li key={h.id} data-help-id={h.id}>
                <strong>{h.name}</strong> in {rooms.find((r) => r.id === h.roomId)?.topic ?? 'a removed room'} ·{' '}
                {new Date(h.at).toLocaleTimeString('en-GB', { hour: '2-digit', minute: '2-digit' })} · <span className={`help-step help-${h.status}`}>{helpStatusLabels[h.status]}</span>
                <span className="row">
                  {nextHelpSteps(h.status).map((step) => (
                    <button
                      key={step}
                      type="button"
                      className={`small${step === 'handled' ? ' secondary' : ''}`}
                      onClick={async () => {
                        if (await run('help:update', { helpId: h.id, status: step })) setRefocus({ id: h.id, status: h.status });
                      }}
                    >
                      {helpStepLabels[step]}
                      <span className="visually-hidden"> for {h.name}</span>
                    </button>
                  ))}
                </span>
              </li>
            ))}
          </ul>
        )}
      </div>
      <ErrorMessage message={error} />
    </section>
  );
}
