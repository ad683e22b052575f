import { useEffect, useId, useState } from 'react';
import { anonymousJoinExplanation, hiddenJoinExplanation } from '../../../shared/namesMode';
import { joinPlacementWording } from '../../../shared/placement';
import type { AssignmentMode, NamesMode, Room } from '../../../shared/types';
import { api, ApiError } from '../api';
import { navigate } from '../router';
import { ErrorMessage } from '../ui/ErrorMessage';
import { Layout } from '../ui/Layout';

interface JoinInfo {
  eventId: string;
  title: string;
  date: string;
  rooms: Room[];
  assignmentMode: AssignmentMode;
  /** Absent from servers before names settings: names shown. */
  namesMode?: NamesMode;
}

export const rememberedNameKey = 'roundtable:displayName';

export function JoinPage({ code }: { code: string }) {
  const [info, setInfo] = useState<JoinInfo | null>(null);
  const [loadError, setLoadError] = useState<string | null>(null);
  const [name, setName] = useState(() => localStorage.getItem(rememberedNameKey) ?? '');
  const [roomId, setRoomId] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const nameId = useId();

  useEffect(() => {
    api<JoinInfo>('GET', `/api/join/${encodeURIComponent(code)}`)
      .then(async (data) => {
        setInfo(data);
        // Someone who closed the tab goes straight back to their room.
        const { me } = await api<{ me: { role: string; name: string } | null }>('GET', `/api/events/${data.eventId}/me`);
        if (me?.role === 'participant') navigate(`/e/${data.eventId}/board`, { replace: true });
      })
      .catch((e: ApiError) => setLoadError(e.message));
  }, [code]);

  const join = async () => {
    if (!info) return;
    setError(null);
    const asksName = info.namesMode !== 'anonymous';
    if (asksName && !name.trim()) return setError('Please type your name so others know who wrote what.');
    if (info.assignmentMode === 'self-select' && !roomId) return setError('Please choose a room.');
    setBusy(true);
    try {
      // An anonymous workshop gets no name at all, not even one remembered on this device.
      await api('POST', '/api/join', { joinCode: code, ...(asksName ? { name } : {}), roomId: info.assignmentMode === 'self-select' ? roomId : undefined });
      if (asksName) localStorage.setItem(rememberedNameKey, name.trim());
      navigate(`/e/${info.eventId}/board`);
    } catch (e) {
      setError(e instanceof ApiError ? e.message : String(e));
      setBusy(false);
    }
  };

  if (loadError) {
    return (
      <Layout title="Join a workshop">
        <ErrorMessage message={loadError} />
        <p>
          <a href="/">Try another code</a>
        </p>
      </Layout>
    );
  }
  if (!info) {
    return (
      <Layout title="Join a workshop">
        <p role="status">Loading…</p>
      </Layout>
    );
  }
  return (
    <Layout title={`Join: ${info.title}`} subtitle={formatDate(info.date)}>
      <form
        className="panel stack"
        noValidate
        onSubmit={(e) => {
          e.preventDefault();
          void join();
        }}
      >
        {info.namesMode === 'anonymous' ? (
          <p className="notice">{anonymousJoinExplanation}</p>
        ) : (
          <>
            <label htmlFor={nameId}>Your name</label>
            <p className="hint" id={`${nameId}-hint`}>
              {info.namesMode === 'hidden' ? `${hiddenJoinExplanation} A first name is fine.` : 'Shown next to your cards. A first name is fine.'}
            </p>
            <input
              id={nameId}
              value={name}
              onChange={(e) => setName(e.target.value)}
              maxLength={60}
              autoComplete="given-name"
              aria-describedby={`${nameId}-hint`}
              required
            />
          </>
        )}
        {info.assignmentMode === 'self-select' ? (
          <fieldset>
            <legend>Choose a room</legend>
            {info.rooms.map((room) => (
              <label key={room.id} className="choice">
                <input type="radio" name="room" value={room.id} checked={roomId === room.id} onChange={() => setRoomId(room.id)} />
                {room.topic}
              </label>
            ))}
          </fieldset>
        ) : (
          <p className="placement-wording">{joinPlacementWording[info.assignmentMode]}</p>
        )}
        <ErrorMessage message={error} />
        <button type="submit" disabled={busy}>
          {busy ? 'Joining…' : 'Join'}
        </button>
      </form>
    </Layout>
  );
}

export function formatDate(iso: string): string {
  const date = new Date(`${iso}T12:00:00`);
  return Number.isNaN(date.getTime()) ? iso : date.toLocaleDateString('en-GB', { day: 'numeric', month: 'long', year: 'numeric' });
}
