import type { EventTotals as Totals } from '../../../shared/activity';

/** The whole event in five numbers. */
export function EventTotals({ totals }: { totals: Totals }) {
  const figures: [string, string | number][] = [
    ['People joined', totals.joined],
    ['Online now', totals.online],
    ['Cards', totals.cards],
    ['Votes cast', totals.votes],
    ['Help requests open', totals.openHelp],
  ];
  return (
    <section className="panel" aria-labelledby="totals-heading">
      <h2 id="totals-heading" className="visually-hidden">
        Event totals
      </h2>
      <dl className="event-totals">
        {figures.map(([label, value]) => (
          <div key={label}>
            <dt>{label}</dt>
            <dd>{value}</dd>
          </div>
        ))}
      </dl>
    </section>
  );
}
