import { useId } from 'react';
import { limits } from '../../../shared/limits';
import type { ObjectiveWithPoints } from '../../../shared/types';
import { moveItem, removeItem, replaceItem, type FieldErrors } from './detailsDraft';
import { FieldError, errorProps } from './FieldError';
import { RowButtons } from './RowButtons';

const objectiveChars = limits.shortTextChars * 2;

/** Objectives in order, each with optional sub-points (one level, as SCIE summaries have). */
export function ObjectivesEditor({ objectives, onChange, errors }: { objectives: ObjectiveWithPoints[]; onChange(next: ObjectiveWithPoints[]): void; errors: FieldErrors }) {
  const headingId = useId();
  const set = (index: number, objective: ObjectiveWithPoints) => onChange(replaceItem(objectives, index, objective));
  return (
    <fieldset className="stack details-list">
      <legend id={headingId}>Learning objectives</legend>
      {objectives.length === 0 && <p className="hint">No objectives yet.</p>}
      <ol className="stack">
        {objectives.map((objective, i) => (
          <li key={i} className="stack">
            <LineInput
              label={`Objective ${i + 1}`}
              value={objective.text}
              error={errors[`objectives.${i}.text`] ?? errors[`objectives.${i}`]}
              onChange={(text) => set(i, { ...objective, text })}
            />
            <RowButtons what={`objective ${i + 1}`} index={i} count={objectives.length} onMove={(to) => onChange(moveItem(objectives, i, to))} onRemove={() => onChange(removeItem(objectives, i))} />
            <ul className="stack details-points">
              {objective.points.map((point, j) => (
                <li key={j} className="stack">
                  <LineInput
                    label={`Objective ${i + 1}, sub-point ${j + 1}`}
                    value={point}
                    error={errors[`objectives.${i}.points.${j}`]}
                    onChange={(text) => set(i, { ...objective, points: replaceItem(objective.points, j, text) })}
                  />
                  <RowButtons
                    what={`sub-point ${j + 1} of objective ${i + 1}`}
                    index={j}
                    count={objective.points.length}
                    onMove={(to) => set(i, { ...objective, points: moveItem(objective.points, j, to) })}
                    onRemove={() => set(i, { ...objective, points: removeItem(objective.points, j) })}
                  />
                </li>
              ))}
            </ul>
            <FieldError id={`${headingId}-${i}-points`} message={errors[`objectives.${i}.points`]} />
            <button type="button" className="small secondary" disabled={objective.points.length >= limits.listItems} onClick={() => set(i, { ...objective, points: [...objective.points, ''] })}>
              Add a sub-point<span className="visually-hidden"> to objective {i + 1}</span>
            </button>
          </li>
        ))}
      </ol>
      <FieldError id={`${headingId}-all`} message={errors.objectives} />
      <button type="button" className="secondary" disabled={objectives.length >= limits.listItems} onClick={() => onChange([...objectives, { text: '', points: [] }])}>
        Add an objective
      </button>
    </fieldset>
  );
}

/** One line of a list: its own label (visible to screen readers) and its error under it. */
interface LineInputProps {
  label: string;
  value: string;
  error: string | undefined;
  onChange(value: string): void;
  maxLength?: number;
  /** A visible cue where rows share a column (agenda item | who); the label still names the field. */
  placeholder?: string;
}

export function LineInput({ label, value, error, onChange, maxLength = objectiveChars, placeholder }: LineInputProps) {
  const id = useId();
  return (
    <span className="stack">
      <label htmlFor={id} className="visually-hidden">
        {label}
      </label>
      <input id={id} value={value} maxLength={maxLength} placeholder={placeholder} onChange={(e) => onChange(e.target.value)} {...errorProps(`${id}-error`, error)} />
      <FieldError id={`${id}-error`} message={error} />
    </span>
  );
}
