import type { EventSummary, Theme } from '../../../../shared/summary/summaryModel';
import type { SummaryCard } from '../../../../shared/summary/summaryLookup';
import { acceptTheme, describeTheme, dismissTheme } from '../../../../shared/summary/themeDecisions';
import { countOf } from '../../../../shared/summary/counts';
import { restoreTheme } from '../../../../shared/summary/themeUndo';
import { CommitField } from '../../ui/CommitField';
import { showUndoToast } from '../../ui/undoToasts';
import type { ApplySummary } from '../useSummary';

interface Props {
  theme: Theme;
  cards: ReadonlyMap<string, SummaryCard>;
  topicOf: ReadonlyMap<string, string>;
  apply: ApplySummary;
}

/** Removes (or dismisses) a theme at once; Undo puts it back in the same place. */
function removeWithUndo(theme: Theme, apply: ApplySummary): void {
  let removed: { theme: Theme; index: number } | null = null;
  apply((s: EventSummary) => {
    const index = s.themes.findIndex((t) => t.id === theme.id);
    removed = index < 0 ? null : { theme: s.themes[index]!, index };
    return dismissTheme(s, theme.id);
  });
  const done = removed as { theme: Theme; index: number } | null;
  if (!done) return;
  const suggested = done.theme.status === 'suggested';
  showUndoToast(`${suggested ? 'Suggested theme' : 'Theme'} “${done.theme.label}” ${suggested ? 'dismissed' : 'removed'}`, () =>
    apply((s: EventSummary) => restoreTheme(s, done.theme, done.index)),
  );
}

/** One theme: a suggestion (Accept / Dismiss, not printed yet) or a theme in the summary. */
export function ThemeItem({ theme, cards, topicOf, apply }: Props) {
  const suggested = theme.status === 'suggested';
  const rooms = theme.roomIds.map((id) => topicOf.get(id) ?? id).join(' and ');
  const supporting = theme.sourceCardIds.flatMap((id) => cards.get(id) ?? []);
  return (
    <li className={`stack${suggested ? ' suggested' : ''}`}>
      {suggested && <p className="hint">Suggested, not in the summary yet</p>}
      <CommitField label="Theme" value={theme.label} onCommit={(label) => apply((s: EventSummary) => describeTheme(s, theme.id, { label }))} />
      <CommitField
        label="Description"
        multiline
        value={theme.description}
        onCommit={(description) => apply((s: EventSummary) => describeTheme(s, theme.id, { description }))}
      />
      {supporting.length > 0 && (
        <details>
          <summary>
            Raised in {rooms} ({countOf(supporting.length, 'card')})
          </summary>
          <ul>
            {supporting.map((card) => (
              <li key={card.id}>
                {card.text} <span className="hint">({topicOf.get(card.roomId) ?? card.roomId})</span>
              </li>
            ))}
          </ul>
        </details>
      )}
      <div className="row">
        {suggested && (
          <button type="button" className="small" onClick={() => apply((s: EventSummary) => acceptTheme(s, theme.id))}>
            Accept<span className="visually-hidden"> theme {theme.label}</span>
          </button>
        )}
        <button type="button" className="small danger" onClick={() => removeWithUndo(theme, apply)}>
          {suggested ? 'Dismiss' : 'Remove theme'}
          <span className="visually-hidden"> {theme.label}</span>
        </button>
      </div>
    </li>
  );
}
