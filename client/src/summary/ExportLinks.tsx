import { useId, useState } from 'react';
import './exports.css';
import type { NamesMode } from '../../../shared/types';

/** The two documents most people want, each said what it is for; the rest are data and other formats. */
const recommended = [
  ['pdf', 'PDF', 'For publishing and sharing: fixed layout, contents page, your logo.'],
  ['docx', 'Word (.docx)', 'For editing further in Word, LibreOffice or Google Docs.'],
] as const;

const otherFormats = [
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
  const href = (format: string) => `/api/events/${eventId}/export/${format}${query}`;
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
      <ul className="export-recommended">
        {recommended.map(([format, label, purpose]) => (
          <li key={format}>
            <a className="button" href={href(format)} download aria-describedby={`${warningId}-${format}`}>
              Download {label}
            </a>
            <p id={`${warningId}-${format}`} className="hint">
              {purpose}
            </p>
          </li>
        ))}
      </ul>
      <h3 className="export-other-heading">Data and other formats</h3>
      <ul className="export-list">
        {otherFormats.map(([format, label]) => (
          <li key={format}>
            <a className="button secondary" href={href(format)} download>
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
