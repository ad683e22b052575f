import { useEffect, useLayoutEffect, useRef } from 'react';
import * as Y from 'yjs';

interface Props {
  text: Y.Text;
  label: string;
  readOnly: boolean;
  onFocusChange?(focused: boolean): void;
  id?: string;
}

const localOrigin = Symbol('local-typing');

/**
 * A plain textarea bound to a Y.Text. Typing is applied locally at once (never waits for the
 * network); remote edits are merged in while keeping the caret where the writer left it.
 */
export function CardTextEditor({ text, label, readOnly, onFocusChange, id }: Props) {
  const ref = useRef<HTMLTextAreaElement>(null);
  // The caret as positions inside the shared text, so a remote edit before it does not move it.
  const caret = useRef<{ start: Y.RelativePosition; end: Y.RelativePosition } | null>(null);
  const rememberCaret = () => {
    const el = ref.current!;
    caret.current = {
      start: Y.createRelativePositionFromTypeIndex(text, el.selectionStart),
      end: Y.createRelativePositionFromTypeIndex(text, el.selectionEnd),
    };
  };

  useLayoutEffect(() => {
    const el = ref.current!;
    el.value = text.toString();
    // A first mount starts at the resting height, so the text can only need more; a new text may need less.
    fitToText(el, el.style.height !== '');
    const onRemote = (event: Y.YTextEvent, tx: Y.Transaction) => {
      if (tx.origin === localOrigin) return;
      el.value = text.toString();
      if (document.activeElement === el && caret.current) {
        const s = Y.createAbsolutePositionFromRelativePosition(caret.current.start, text.doc!);
        const e = Y.createAbsolutePositionFromRelativePosition(caret.current.end, text.doc!);
        if (s && e) el.setSelectionRange(s.index, e.index);
      }
      fitToText(el, event.delta.some((op) => op.delete !== undefined));
    };
    text.observe(onRemote);
    return () => text.unobserve(onRemote);
  }, [text]);

  useEffect(() => {
    ref.current!.readOnly = readOnly;
  }, [readOnly]);

  const onInput = () => {
    const el = ref.current!;
    const before = text.toString();
    const after = el.value;
    let start = 0;
    while (start < before.length && start < after.length && before[start] === after[start]) start++;
    let endBefore = before.length;
    let endAfter = after.length;
    while (endBefore > start && endAfter > start && before[endBefore - 1] === after[endAfter - 1]) {
      endBefore--;
      endAfter--;
    }
    text.doc!.transact(() => {
      if (endBefore > start) text.delete(start, endBefore - start);
      if (endAfter > start) text.insert(start, after.slice(start, endAfter));
    }, localOrigin);
    rememberCaret();
    fitToText(el, endBefore > start);
  };

  return (
    <textarea
      ref={ref}
      id={id}
      className="card-text"
      aria-label={label}
      rows={1}
      maxLength={1000}
      onInput={onInput}
      onSelect={rememberCaret}
      onFocus={() => {
        rememberCaret();
        onFocusChange?.(true);
      }}
      onBlur={() => onFocusChange?.(false)}
    />
  );
}

/**
 * Grows the box to fit its text, and shrinks it back only when something was deleted (inserting text never
 * needs fewer lines). Shrinking resets it to its resting height first, which lays out the column around it,
 * so typing forward never pays for that. (CSS containment of each card made keys cheaper still, but gave a
 * 500-card board 24 long tasks while scrolling instead of 2: BENCHMARKS.md.)
 */
function fitToText(el: HTMLTextAreaElement, mayShrink: boolean): void {
  if (mayShrink) el.style.height = '';
  if (mayShrink || el.scrollHeight > el.clientHeight) el.style.height = `${el.scrollHeight + 2}px`;
}
