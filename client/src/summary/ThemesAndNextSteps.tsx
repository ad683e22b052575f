import type { EventSummary } from '../../../shared/summary/summaryModel';
import { editAction, editTheme, removeAction, removeTheme, setSummaryText } from '../../../shared/summary/synthesis';
import { CommitField } from '../ui/CommitField';
import type { ApplySummary } from './useSummary';

export function ThemesEditor({ summary, apply }: { summary: EventSummary; apply: ApplySummary }) {
  return (
    <section className="panel stack" aria-labelledby="themes-heading">
      <h2 id="themes-heading">Cross-cutting themes</h2>
      <p className="hint">Suggested from words several rooms used. Reword them, remove weak ones, or promote a key message.</p>
      {summary.themes.length === 0 && <p className="empty">No themes yet.</p>}
      <ul className="theme-list">
        {summary.themes.map((theme) => (
          <li key={theme.id} className="stack">
            <CommitField label="Theme" value={theme.label} onCommit={(label) => apply((s) => editTheme(s, theme.id, { label }))} />
            <CommitField label="Description" multiline value={theme.description} onCommit={(description) => apply((s) => editTheme(s, theme.id, { description }))} />
            <p className="hint">
              From {theme.sourceCardIds.length} cards in {theme.roomIds.length} rooms
            </p>
            <button type="button" className="small danger" onClick={() => apply((s) => removeTheme(s, theme.id))}>
              Remove theme<span className="visually-hidden"> {theme.label}</span>
            </button>
          </li>
        ))}
      </ul>
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
        label="Thinking appreciatively: introduction"
        multiline
        value={summary.thinkingAppreciatively.intro}
        onCommit={(t) => apply((s) => setSummaryText(s, 'thinkingIntro', t))}
      />
      <CommitField label="Appendix: the method" multiline value={summary.appendix.method} onCommit={(t) => apply((s) => setSummaryText(s, 'method', t))} />
    </section>
  );
}
