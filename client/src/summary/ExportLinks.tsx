const formats = [
  ['docx', 'Word (.docx)'],
  ['pdf', 'PDF'],
  ['md', 'Markdown'],
  ['html', 'Printable web page'],
  ['csv', 'All cards (CSV)'],
  ['json', 'All data (JSON)'],
] as const;

export function ExportLinks({ eventId }: { eventId: string }) {
  return (
    <section className="panel stack" aria-labelledby="export-heading">
      <h2 id="export-heading">Export</h2>
      <ul className="export-list">
        {formats.map(([format, label]) => (
          <li key={format}>
            <a className="button secondary" href={`/api/events/${eventId}/export/${format}`} download>
              Download {label}
            </a>
          </li>
        ))}
      </ul>
    </section>
  );
}
