import { useId, useMemo, useState } from 'react';
import { countOf } from '../../../shared/summary/counts';
import { summaryCards } from '../../../shared/summary/summaryLookup';
import type { EventSummary, QuestionMessages } from '../../../shared/summary/summaryModel';
import { acceptSuggestion, mergeMessages, rejectSuggestion } from '../../../shared/summary/synthesis';
import { MessageItem } from './MessageItem';
import type { ApplySummary } from './useSummary';

/** Facilitators turn each room's cards into key messages: merge, reword, reorder, promote. */
export function SynthesisView({ summary, apply }: { summary: EventSummary; apply: ApplySummary }) {
  const cards = useMemo(() => summaryCards(summary), [summary]);
  return (
    <section className="stack" aria-labelledby="synthesis-heading">
      <h2 id="synthesis-heading">Key messages from groups</h2>
      <p className="hint">Select two or more messages under one question to merge them. Every message keeps links to the cards it came from.</p>
      {summary.groups.map((group) => (
        <section key={group.roomId} className="panel stack" aria-labelledby={`group-${group.roomId}`}>
          <h3 id={`group-${group.roomId}`}>{group.topic}</h3>
          {group.byQuestion.map((q) => (
            <QuestionBlock key={q.questionId} roomId={group.roomId} question={q} summary={summary} cards={cards} apply={apply} />
          ))}
        </section>
      ))}
    </section>
  );
}

function QuestionBlock({ roomId, question, summary, cards, apply }: { roomId: string; question: QuestionMessages; summary: EventSummary; cards: ReturnType<typeof summaryCards>; apply: ApplySummary }) {
  const [selected, setSelected] = useState<string[]>([]);
  const [wording, setWording] = useState('');
  const wordingId = useId();
  const suggestions = summary.suggestions.filter((s) => s.roomId === roomId && s.questionId === question.questionId && s.status === 'open');
  const merge = () => {
    apply((s) => mergeMessages(s, selected, wording.trim() || undefined));
    setSelected([]);
    setWording('');
  };
  return (
    <div className="question-block">
      <h4>{question.prompt}</h4>
      {suggestions.map((s) => (
        <div key={s.id} className="suggestion" role="group" aria-label="Suggested merge">
          <p>
            <strong>These look alike</strong> ({s.reason}):
          </p>
          <ul>
            {s.cardIds.map((id) => (
              <li key={id}>“{cards.get(id)?.text ?? id}”</li>
            ))}
          </ul>
          <div className="row">
            <button type="button" className="small" onClick={() => apply((x) => acceptSuggestion(x, s.id))}>
              Merge them
            </button>
            <button type="button" className="small secondary" onClick={() => apply((x) => rejectSuggestion(x, s.id))}>
              Keep separate
            </button>
          </div>
        </div>
      ))}
      {question.messages.length === 0 ? (
        <p className="empty">No cards under this question.</p>
      ) : (
        <ol className="messages">
          {question.messages.map((m, i) => (
            <MessageItem
              key={m.id}
              message={m}
              cards={cards}
              apply={apply}
              first={i === 0}
              last={i === question.messages.length - 1}
              selected={selected.includes(m.id)}
              onSelect={(on) => setSelected((ids) => (on ? [...ids, m.id] : ids.filter((x) => x !== m.id)))}
            />
          ))}
        </ol>
      )}
      {selected.length >= 2 && (
        <div className="merge-bar panel stack" role="group" aria-label="Merge selected messages">
          <label htmlFor={wordingId}>Wording for the merged message (leave empty to keep the most-voted card’s words)</label>
          <textarea id={wordingId} rows={2} value={wording} onChange={(e) => setWording(e.target.value)} />
          <div className="row">
            <button type="button" onClick={merge}>
              Merge {countOf(selected.length, 'message')}
            </button>
            <button type="button" className="secondary" onClick={() => setSelected([])}>
              Clear selection
            </button>
          </div>
        </div>
      )}
    </div>
  );
}
