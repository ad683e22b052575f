import { useEffect, useId, useRef, useState, type FormEvent } from 'react';
import type { Socket } from 'socket.io-client';
import { inviteFileName, inviteMailto, inviteText, type Invite } from '../../../shared/inviteText';
import { linkLimits, linkTitle, type EventLinkInfo, type EventLinksView } from '../../../shared/links';
import { useSession } from '../state/sessionStore';
import { CopyField } from '../ui/CopyField';
import { ErrorMessage } from '../ui/ErrorMessage';
import type { KeptLinks } from './keptLinks';
import { useInviteLinks, type InviteLinks } from './useInviteLinks';
import './invitePanel.css';

interface Props {
  eventId: string;
  eventTitle: string;
  /** The page's control socket: when the server ends this session (its link was stopped), the page says why. */
  socket: Socket | null;
}

/** Get the event's links again, share them, add co-facilitators, and replace or stop any link. */
export function InvitePanel({ eventId, eventTitle, socket }: Props) {
  const links = useInviteLinks(eventId);
  const [said, say] = useState('');
  const heading = useRef<HTMLHeadingElement>(null);
  useSessionEndedBy(socket, eventId);
  const { state } = links;
  return (
    <section className="panel invite-panel stack" aria-labelledby="invite-heading">
      <h2 id="invite-heading" tabIndex={-1} ref={heading}>
        Invite
      </h2>
      <p role="status" className="hint">
        {said}
      </p>
      {state.status === 'loading' && <p className="hint">Loading the links…</p>}
      <ErrorMessage message={state.status === 'failed' ? state.message : null} />
      {state.status === 'ready' && (
        <>
          <CopyField label="Participant link" value={state.view.participant.url} />
          <CopyField label="Join code" value={state.view.participant.joinCode} />
          <p className="hint">The links below are secret: anyone with one can run the event. Links made or opened in this browser are kept here.</p>
          <ul className="invite-links">
            {state.view.links.map((link) => (
              <li key={link.id}>
                <LinkRow
                  link={link}
                  url={state.kept[link.id]}
                  mine={state.view.mine === link.id}
                  links={links}
                  said={(text) => {
                    say(text);
                    heading.current?.focus();
                  }}
                />
              </li>
            ))}
          </ul>
          <CoFacilitatorForm create={links.create} said={say} />
          <ShareLinks eventTitle={eventTitle} view={state.view} kept={state.kept} forgetAll={links.forgetAll} />
        </>
      )}
    </section>
  );
}

/** The server disconnects every socket of a stopped link; the page then asks who it is and shows why it cannot go on. */
function useSessionEndedBy(socket: Socket | null, eventId: string): void {
  useEffect(() => {
    if (!socket) return;
    const ended = (why: string) => {
      if (why === 'io server disconnect') void useSession.getState().load(eventId);
    };
    socket.on('disconnect', ended);
    return () => {
      socket.off('disconnect', ended);
    };
  }, [socket, eventId]);
}

const when = (iso: string) => new Date(iso).toLocaleString(undefined, { dateStyle: 'medium', timeStyle: 'short' });

interface RowProps {
  link: EventLinkInfo;
  url: string | undefined;
  mine: boolean;
  links: InviteLinks;
  said(text: string): void;
}

/** Replacing and stopping are deliberate: a second "Yes, …" button inside the row, not a browser dialog. */
function LinkRow({ link, url, mine, links, said }: RowProps) {
  const [asking, setAsking] = useState<'regenerate' | 'revoke' | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const question = useRef<HTMLParagraphElement>(null);
  const title = linkTitle(link);
  useEffect(() => {
    if (asking) question.current?.focus();
  }, [asking]);

  const confirm = async () => {
    setBusy(true);
    const failed = asking === 'revoke' ? await links.revoke(link.id) : await links.regenerate(link.id);
    setBusy(false);
    setError(failed);
    if (failed) return;
    setAsking(null);
    said(asking === 'revoke' ? `${title} was stopped. Anyone using it has been signed out.` : `${title}: a new link is ready to copy. The old one no longer works.`);
  };

  return (
    <div className="invite-link stack">
      <h3>
        {title}
        {mine && <span className="badge">You are using this link</span>}
      </h3>
      <p className="hint">
        Made {when(link.createdAt)} · {link.lastUsedAt ? `last opened ${when(link.lastUsedAt)}` : 'not opened yet'}
      </p>
      {url ? (
        <CopyField label={title} value={url} />
      ) : (
        <p className="hint">This browser does not have this link. Make a new one to share it: the old one will stop working.</p>
      )}
      {asking ? (
        <div className="invite-confirm stack">
          <p tabIndex={-1} ref={question}>
            {asking === 'revoke'
              ? `Stop ${title}? It stops working at once and anyone using it is signed out.`
              : `Make a new ${title.toLowerCase()}? The old one stops working at once and anyone using it is signed out${mine ? ', except you on this page' : ''}.`}
          </p>
          <div className="row">
            <button type="button" className="danger" disabled={busy} onClick={() => void confirm()}>
              {asking === 'revoke' ? 'Yes, stop this link' : 'Yes, make a new link'}
            </button>
            <button type="button" className="secondary" disabled={busy} onClick={() => setAsking(null)}>
              Cancel
            </button>
          </div>
        </div>
      ) : (
        <div className="row">
          <button type="button" className="secondary small" onClick={() => setAsking('regenerate')} aria-label={`Make a new link: ${title}`}>
            Make a new link
          </button>
          {!link.main && (
            <button type="button" className="danger small" onClick={() => setAsking('revoke')} aria-label={`Stop this link: ${title}`}>
              Stop this link
            </button>
          )}
        </div>
      )}
      <ErrorMessage message={error} />
    </div>
  );
}

function CoFacilitatorForm({ create, said }: { create: InviteLinks['create']; said(text: string): void }) {
  const id = useId();
  const [label, setLabel] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const submit = async (e: FormEvent) => {
    e.preventDefault();
    setBusy(true);
    const failed = await create(label.trim());
    setBusy(false);
    setError(failed);
    if (failed) return;
    said(`Co-facilitator link for ${label.trim()} is ready to copy.`);
    setLabel('');
  };
  return (
    <form className="stack" onSubmit={(e) => void submit(e)} aria-labelledby={`${id}-heading`}>
      <h3 id={`${id}-heading`}>Add a co-facilitator</h3>
      <label htmlFor={id}>Co-facilitator’s name</label>
      <div className="row">
        <input id={id} value={label} maxLength={linkLimits.labelChars} required onChange={(e) => setLabel(e.target.value)} />
        <button type="submit" disabled={busy}>
          Create link
        </button>
      </div>
      <p className="hint">They get their own facilitator link, which you can stop at any time without affecting yours.</p>
      <ErrorMessage message={error} />
    </form>
  );
}

function ShareLinks({ eventTitle, view, kept, forgetAll }: { eventTitle: string; view: EventLinksView; kept: KeptLinks; forgetAll(): void }) {
  const invite: Invite = {
    eventTitle,
    joinCode: view.participant.joinCode,
    participantUrl: view.participant.url,
    secret: view.links.flatMap((link) => {
      const url = kept[link.id];
      if (!url) return [];
      const note = link.role === 'organiser' ? 'For the organiser: review and export the summary.' : 'For facilitators: opens the control panel.';
      return [{ title: linkTitle(link), url, note }];
    }),
  };
  const download = () => {
    const url = URL.createObjectURL(new Blob([inviteText(invite)], { type: 'text/plain;charset=utf-8' }));
    const a = document.createElement('a');
    a.href = url;
    a.download = inviteFileName(eventTitle);
    a.click();
    URL.revokeObjectURL(url);
  };
  return (
    <div className="stack">
      <h3>Share or save</h3>
      <div className="row">
        <button type="button" className="secondary" onClick={download}>
          Download as a text file
        </button>
        <a className="button secondary" href={inviteMailto(invite)}>
          Send by e-mail
        </a>
      </div>
      {invite.secret.length > 0 && (
        <div className="row">
          <button type="button" className="secondary small" onClick={forgetAll}>
            Forget the secret links on this computer
          </button>
        </div>
      )}
    </div>
  );
}
