import { useId, useState } from 'react';
import { limits } from '../../../shared/limits';

interface Props {
  prompt: string;
  draftKey: string;
  onAdd(text: string): void;
}

/** Adding a card. The draft is kept on this device until added, so a reload or crash loses nothing. */
export function AddCardForm({ prompt, draftKey, onAdd }: Props) {
  const id = useId();
  const [text, setText] = useState(() => localStorage.getItem(draftKey) ?? '');
  const update = (value: string) => {
    setText(value);
    if (value) localStorage.setItem(draftKey, value);
    else localStorage.removeItem(draftKey);
  };
  const submit = () => {
    const trimmed = text.trim();
    if (!trimmed) return;
    onAdd(trimmed);
    update('');
  };
  return (
    <form
      className="add-card"
      onSubmit={(e) => {
        e.preventDefault();
        submit();
      }}
    >
      <label htmlFor={id}>Add a card to “{prompt}”</label>
      <textarea
        id={id}
        value={text}
        rows={2}
        maxLength={limits.cardChars}
        onChange={(e) => update(e.target.value)}
        onKeyDown={(e) => {
          // Enter adds, Shift+Enter makes a new line: what people expect from chat tools.
          if (e.key === 'Enter' && !e.shiftKey && !e.nativeEvent.isComposing) {
            e.preventDefault();
            submit();
          }
        }}
        aria-describedby={`${id}-hint`}
      />
      <p className="hint" id={`${id}-hint`}>
        Press Enter to add, Shift+Enter for a new line.
      </p>
      <button type="submit" disabled={!text.trim()}>
        Add card
      </button>
    </form>
  );
}
