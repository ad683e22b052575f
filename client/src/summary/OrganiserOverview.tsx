import type { EventOverview } from '../../../shared/activity';
import { countOf } from '../../../shared/summary/counts';
import { formatEventDate } from '../../../shared/summary/documentModel';
import type { EventSummary } from '../../../shared/summary/summaryModel';
import { printedThemes } from '../../../shared/summary/themeDecisions';
import type { EventInfo } from '../../../shared/types';
import { Figures } from '../ui/Figures';
import './exports.css';

/** The organiser's first look: the event in four numbers, and whether the summary is ready to publish. */
export function OrganiserOverview({ event, overview, summary }: { event: EventInfo; overview: EventOverview | null; summary: EventSummary | null }) {
  const figures: [string, string | number][] = [
    ['Date', formatEventDate(event.date) || 'Not set'],
    ['Rooms', event.rooms.length],
    ['People', overview ? overview.totals.joined : '…'],
    ['Cards', overview ? overview.totals.cards : '…'],
  ];
  return (
    <div className="organiser-top">
      <section className="panel stack" aria-labelledby="glance-heading">
        <h2 id="glance-heading">At a glance</h2>
        <Figures className="at-a-glance" figures={figures} />
      </section>
      <section className="panel stack" aria-labelledby="state-heading">
        <h2 id="state-heading">The summary</h2>
        <SummaryState summary={summary} />
      </section>
    </div>
  );
}

function SummaryState({ summary }: { summary: EventSummary | null }) {
  if (!summary) {
    return (
      <p>
        <strong>Not drafted yet.</strong> The facilitators have not drafted the summary; exports use a fresh draft of the boards.
      </p>
    );
  }
  const messages = summary.groups.reduce((sum, g) => sum + g.byQuestion.reduce((n, q) => n + q.messages.length, 0), 0);
  const openSuggestions = summary.suggestions.filter((s) => s.status === 'open').length;
  return (
    <>
      <p>
        <strong>Drafted by the facilitators</strong>: {countOf(messages, 'key message')}, {countOf(printedThemes(summary).length, 'theme')} and{' '}
        {countOf(summary.nextSteps.actions.length, 'next step')}.
      </p>
      <p className="hint">
        {openSuggestions > 0
          ? `The facilitators still have ${countOf(openSuggestions, 'suggested merge')} to review.`
          : 'The preview below is exactly what the exports contain.'}
      </p>
    </>
  );
}
