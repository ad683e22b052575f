import { methodHeading } from '../../../shared/summary/method';
import type { EventSummary } from '../../../shared/summary/summaryModel';
import { summaryCards } from '../../../shared/summary/summaryLookup';
import { editAction, removeAction, setSummaryText } from '../../../shared/summary/synthesis';
import { isPrintedTheme } from '../../../shared/summary/themeDecisions';
import { CommitField } from '../ui/CommitField';
import { AddThemeForm } from './themes/AddThemeForm';
import { ThemeItem } from './themes/ThemeItem';
import type { ApplySummary } from './useSummary';

export function ThemesEditor({ summary, apply }: { summary: EventSummary; apply: ApplySummary }) {
  const cards = summaryCards(summary);
  const topicOf = new Map(summary.groups.map((g) => [g.roomId, g.topic]));
  const suggested = summary.themes.filter((t) => !isPrintedTheme(t));
  const printed = summary.themes.filter(isPrintedTheme);
  return (
    <section className="panel stack" aria-labelledby="themes-heading">
      <h2 id="themes-heading">Cross-cutting themes</h2>
      <p className="hint">Only accepted or described themes go into the summary. Suggestions are phrases cards of two or more rooms share.</p>
      {printed.length === 0 && <p className="empty">No themes in the summary yet.</p>}
      <ul className="theme-list">
        {printed.map((theme) => (
          <ThemeItem key={theme.id} theme={theme} cards={cards} topicOf={topicOf} apply={apply} />
        ))}
      </ul>
      <AddThemeForm apply={apply} />
      {suggested.length > 0 && (
        <>
          <h3>Suggested themes</h3>
          <ul className="theme-list">
            {suggested.map((theme) => (
              <ThemeItem key={theme.id} theme={theme} cards={cards} topicOf={topicOf} apply={apply} />
            ))}
          </ul>
        </>
      )}
    </section>
  );
}

export function NextStepsEditor({ summary, apply }: { summary: EventSummary; apply: ApplySummary }) {
  return (
    <section className="panel stack" aria-labelledby="next-heading">
      <h2 id="next-heading">Close and next steps</h2>
      <CommitField label="Closing remarks" multiline value={summary.nextSteps.closingText} onCommit={(t) => apply((s) => setSummaryText(s, 'closingText', t))} />
      <h3>Actions</h3>
      {summary.nextSteps.actions.length === 0 && <p className="empty">No actions yet. Promote a key message with “Make a next step”.</p>}
      <ul className="action-list">
        {summary.nextSteps.actions.map((action, i) => (
          <li key={action.id} className="action-row">
            <CommitField label={`Action ${i + 1}: what`} value={action.what} onCommit={(what) => apply((s) => editAction(s, action.id, { what }))} className="grow" />
            <CommitField label="Who" value={action.who} onCommit={(who) => apply((s) => editAction(s, action.id, { who }))} />
            <CommitField label="When" value={action.when} onCommit={(when) => apply((s) => editAction(s, action.id, { when }))} />
            <button type="button" className="small danger" onClick={() => apply((s) => removeAction(s, action.id))}>
              Remove<span className="visually-hidden"> action {i + 1}</span>
            </button>
          </li>
        ))}
      </ul>
    </section>
  );
}

export function TextSections({ summary, apply }: { summary: EventSummary; apply: ApplySummary }) {
  return (
    <section className="panel stack" aria-labelledby="texts-heading">
      <h2 id="texts-heading">Sessions and method</h2>
      <CommitField label="Speaker and session notes" multiline value={summary.sessionNotes} onCommit={(t) => apply((s) => setSummaryText(s, 'sessionNotes', t))} />
      <CommitField
        label={`${methodHeading(summary)}: introduction`}
        multiline
        value={summary.thinkingAppreciatively.intro}
        onCommit={(t) => apply((s) => setSummaryText(s, 'thinkingIntro', t))}
      />
      <CommitField label="Appendix: the method" multiline value={summary.appendix.method} onCommit={(t) => apply((s) => setSummaryText(s, 'method', t))} />
    </section>
  );
}
