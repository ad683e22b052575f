import { useId, useLayoutEffect, useRef, useState, type KeyboardEvent } from 'react';
import { limits } from '../../../shared/limits';

interface Props {
  prompt: string;
  /** The question's second field (e.g. "What enabled it?"): asked for on each card when given. */
  secondField?: string | undefined;
  draftKey: string;
  /** `detail` is the second field's answer, given (even empty) whenever the question has one. */
  onAdd(text: string, detail?: string): void;
}

/** Adding a card. The draft is kept on this device until added, so a reload or crash loses nothing. */
export function AddCardForm({ prompt, secondField, draftKey, onAdd }: Props) {
  const id = useId();
  const [text, update] = useDraft(draftKey);
  const [detail, updateDetail] = useDraft(`${draftKey}:detail`);
  const textRef = useGrowToFit(text);
  const detailRef = useGrowToFit(detail);
  // Beside the last box, so adding a card costs no line of its own.
  const addButton = (
    <button type="submit" disabled={!text.trim()}>
      Add card
    </button>
  );
  const submit = () => {
    const trimmed = text.trim();
    if (!trimmed) return;
    onAdd(trimmed, secondField ? detail.trim() : undefined);
    update('');
    updateDetail('');
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
      <div className="add-card-row">
        <textarea
          ref={textRef}
          id={id}
          value={text}
          rows={1}
          maxLength={limits.cardChars}
          onChange={(e) => update(e.target.value)}
          onKeyDown={(e) => {
            // Enter adds, Shift+Enter makes a new line: what people expect from chat tools. With a second
            // field, Enter goes on to it first, so nobody adds a card before they had the chance to fill it.
            if (!isPlainEnter(e)) return;
            e.preventDefault();
            if (secondField) document.getElementById(`${id}-detail`)?.focus();
            else submit();
          }}
          aria-describedby={`${id}-hint`}
          placeholder={secondField ? 'Enter goes on · Shift+Enter: new line' : 'Enter adds · Shift+Enter: new line'}
        />
        {!secondField && addButton}
      </div>
      {/* Said in full to screen readers; shown in short as the box's placeholder, which takes no line of its own. */}
      <p className="visually-hidden" id={`${id}-hint`}>
        {secondField ? `Press Enter to go on to “${secondField}”, Shift+Enter for a new line.` : 'Press Enter to add, Shift+Enter for a new line.'}
      </p>
      {secondField && (
        <>
          <label htmlFor={`${id}-detail`}>
            {secondField} <span className="hint">(optional)</span>
          </label>
          <div className="add-card-row">
            <textarea
              ref={detailRef}
              id={`${id}-detail`}
              value={detail}
              rows={1}
              maxLength={limits.cardChars}
              onChange={(e) => updateDetail(e.target.value)}
              onKeyDown={(e) => {
                if (!isPlainEnter(e)) return;
                e.preventDefault();
                submit();
              }}
              aria-describedby={`${id}-detail-hint`}
              placeholder="Enter adds the card"
            />
            {addButton}
          </div>
          <p className="visually-hidden" id={`${id}-detail-hint`}>
            Press Enter to add the card.
          </p>
        </>
      )}
    </form>
  );
}

/** A box one line high at rest that grows with what is typed (and shrinks back once the card is added). */
function useGrowToFit(value: string) {
  const ref = useRef<HTMLTextAreaElement>(null);
  useLayoutEffect(() => {
    const el = ref.current;
    if (!el) return;
    el.style.height = '';
    if (el.scrollHeight > el.clientHeight) el.style.height = `${el.scrollHeight + el.offsetHeight - el.clientHeight}px`;
  }, [value]);
  return ref;
}

/** A text kept on this device until it is added, so a reload or crash loses nothing. */
function useDraft(key: string): [string, (value: string) => void] {
  const [value, setValue] = useState(() => localStorage.getItem(key) ?? '');
  const update = (next: string) => {
    setValue(next);
    if (next) localStorage.setItem(key, next);
    else localStorage.removeItem(key);
  };
  return [value, update];
}

function isPlainEnter(e: KeyboardEvent<HTMLTextAreaElement>): boolean {
  return e.key === 'Enter' && !e.shiftKey && !e.nativeEvent.isComposing;
}
