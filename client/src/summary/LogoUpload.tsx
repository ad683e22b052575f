import { useCallback, useEffect, useId, useRef, useState } from 'react';
import { logoAltText } from '../../../shared/summary/logoAlt';

// The organisation's logo for the exports' title block. The file goes to the server as it is; the server
// checks it (type, size, pixels) and says what is wrong, shown next to the control.

const maxBytes = 512 * 1024;
const accepted = ['image/png', 'image/jpeg', 'image/svg+xml'];

async function serverMessage(res: Response): Promise<string> {
  const data = (await res.json().catch(() => ({}))) as { error?: { message?: string } };
  return data.error?.message ?? 'Something went wrong. Please try again.';
}

export function LogoUpload({ eventId, organiser }: { eventId: string; organiser: string }) {
  const path = `/api/events/${eventId}/logo`;
  const inputId = useId();
  const hintId = useId();
  const errorId = useId();
  const input = useRef<HTMLInputElement>(null);
  const [preview, setPreview] = useState<string | null>(null);
  const shown = useRef<string | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [status, setStatus] = useState('');
  const [busy, setBusy] = useState(false);

  /** Shows the stored logo (a blob URL: the response is private and never cached). */
  const load = useCallback(async () => {
    const res = await fetch(path, { credentials: 'same-origin' }).catch(() => null);
    const url = res?.ok ? URL.createObjectURL(await res.blob()) : null;
    if (shown.current) URL.revokeObjectURL(shown.current);
    shown.current = url;
    setPreview(url);
  }, [path]);

  useEffect(() => {
    void load();
    return () => {
      if (shown.current) URL.revokeObjectURL(shown.current);
      shown.current = null;
    };
  }, [load]);

  const send = async (method: 'PUT' | 'DELETE', file?: File) => {
    setBusy(true);
    setError(null);
    setStatus('');
    try {
      const res = await fetch(path, {
        method,
        credentials: 'same-origin',
        ...(file ? { headers: { 'content-type': file.type || 'application/octet-stream' }, body: file } : { headers: { 'content-type': 'application/json' }, body: '{}' }),
      });
      if (!res.ok) {
        setError(await serverMessage(res));
        return;
      }
      await load();
      setStatus(file ? 'Logo saved. It appears on the title page of Word, PDF and web page exports.' : 'Logo removed.');
    } catch {
      setError('We could not reach the server. Check your connection and try again.');
    } finally {
      setBusy(false);
      if (input.current) input.current.value = '';
    }
  };

  const chosen = (file: File | undefined) => {
    if (!file) return;
    if (file.size > maxBytes) setError('The logo is larger than 512 KB. Please choose a smaller file.');
    else if (!accepted.includes(file.type)) setError('Logos can be PNG, JPEG or SVG images.');
    else void send('PUT', file);
  };

  const alt = logoAltText(organiser);
  return (
    <section className="panel stack" aria-labelledby={`${inputId}-heading`}>
      <h2 id={`${inputId}-heading`}>Logo</h2>
      <label htmlFor={inputId}>Organisation logo (PNG, JPEG or SVG, up to 512 KB)</label>
      <input
        ref={input}
        id={inputId}
        type="file"
        accept={accepted.join(',')}
        disabled={busy}
        aria-invalid={error ? true : undefined}
        aria-describedby={error ? `${hintId} ${errorId}` : hintId}
        onChange={(e) => chosen(e.target.files?.[0])}
      />
      <p id={hintId} className="hint">
        Printed on the title page of the Word, PDF and web page exports, described to screen readers as “{alt}”.
      </p>
      {error && (
        <p id={errorId} className="error" role="alert">
          {error}
        </p>
      )}
      {preview && (
        <div className="row">
          <img className="logo-preview" src={preview} alt={alt} />
          <button type="button" className="secondary" onClick={() => void send('DELETE')} disabled={busy}>
            Remove logo
          </button>
        </div>
      )}
      <p role="status" className="hint">
        {busy ? 'Uploading…' : status}
      </p>
    </section>
  );
}
