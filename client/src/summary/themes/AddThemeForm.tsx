import { useId, useState } from 'react';
import { addTheme } from '../../../../shared/summary/themeDecisions';
import type { ApplySummary } from '../useSummary';

/** "Add theme" by hand: a label and an optional description; printed at once. */
export function AddThemeForm({ apply }: { apply: ApplySummary }) {
  const id = useId();
  const [label, setLabel] = useState('');
  const [description, setDescription] = useState('');
  return (
    <form
      className="stack"
      onSubmit={(e) => {
        e.preventDefault();
        if (!label.trim()) return;
        apply((s) => addTheme(s, label, description));
        setLabel('');
        setDescription('');
      }}
    >
      <label htmlFor={`${id}-label`}>New theme</label>
      <input id={`${id}-label`} value={label} maxLength={200} onChange={(e) => setLabel(e.target.value)} />
      <label htmlFor={`${id}-description`}>Its description</label>
      <textarea id={`${id}-description`} rows={2} value={description} maxLength={2000} onChange={(e) => setDescription(e.target.value)} />
      <button type="submit" className="small secondary" disabled={!label.trim()}>
        Add theme
      </button>
    </form>
  );
}
