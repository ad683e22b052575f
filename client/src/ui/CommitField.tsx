import { useEffect, useId, useState } from 'react';

interface Props {
  label: string;
  value: string;
  onCommit(value: string): void;
  multiline?: boolean;
  hideLabel?: boolean;
  className?: string;
  maxLength?: number;
}

/** A field edited locally and saved when the writer leaves it, so half-typed words are not shared. */
export function CommitField({ label, value, onCommit, multiline, hideLabel, className, maxLength = 5000 }: Props) {
  const id = useId();
  const [draft, setDraft] = useState(value);
  useEffect(() => setDraft(value), [value]);
  const commit = () => {
    if (draft !== value) onCommit(draft);
  };
  return (
    <div className={`commit-field ${className ?? ''}`}>
      <label htmlFor={id} className={hideLabel ? 'visually-hidden' : undefined}>
        {label}
      </label>
      {multiline ? (
        <textarea id={id} rows={3} value={draft} maxLength={maxLength} onChange={(e) => setDraft(e.target.value)} onBlur={commit} />
      ) : (
        <input id={id} value={draft} maxLength={maxLength} onChange={(e) => setDraft(e.target.value)} onBlur={commit} />
      )}
    </div>
  );
}
