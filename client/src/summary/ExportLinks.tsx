import { useId, useState } from 'react';
import type { NamesMode } from '../../../shared/types';

const formats = [
  ['docx', 'Word (.docx)'],
  ['pdf', 'PDF'],
  ['md', 'Markdown'],
  ['html', 'Printable web page'],
  ['csv', 'All cards (CSV)'],
  ['json', 'All data (JSON)'],
] as const;

/** The export downloads, with the names switch: off by default, and absent for anonymous events. */
export function ExportLinks({ eventId, namesMode }: { eventId: string; namesMode: NamesMode }) {
  const [includeNames, setIncludeNames] = useState(false);
  const warningId = useId();
  const anonymous = namesMode === 'anonymous';
  const query = includeNames && !anonymous ? '?names=include' : '';
  return (
    <section className="panel stack" aria-labelledby="export-heading">
      <h2 id="export-heading">Export</h2>
      {anonymous ? (
        <p className="hint">This event is anonymous: no names were collected, so exports never contain any.</p>
      ) : (
        <div className="stack">
          <label className="choice">
            <input type="checkbox" checked={includeNames} onChange={(e) => setIncludeNames(e.target.checked)} aria-describedby={warningId} />
            Include names of card writers
          </label>
          <p id={warningId} className="hint">
            Off by default. Names can identify people who draw on care and support: include them only if every writer agreed to be named in
            what you share or publish.
          </p>
        </div>
      )}
      <ul className="export-list">
        {formats.map(([format, label]) => (
          <li key={format}>
            <a className="button secondary" href={`/api/events/${eventId}/export/${format}${query}`} download>
              Download {label}
            </a>
          </li>
        ))}
      </ul>
      <p className="hint" role="status">
        {anonymous || !includeNames ? 'Downloads do not include names.' : 'Downloads include the names of card writers.'}
      </p>
    </section>
  );
}
