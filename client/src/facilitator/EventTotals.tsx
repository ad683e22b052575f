import type { EventTotals as Totals } from '../../../shared/activity';
import { Figures } from '../ui/Figures';

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
      <Figures className="event-totals" figures={figures} />
    </section>
  );
}
