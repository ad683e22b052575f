import { useEffect } from 'react';
import { undoToastMs, useUndoToasts, type UndoToast } from './undoToasts';

/** The page's undo offers, in a polite live region at the foot of the screen (one per page, in Layout). */
export function UndoToasts() {
  const toasts = useUndoToasts((s) => s.toasts);
  const failure = useUndoToasts((s) => s.failure);
  return (
    <div className="undo-toasts" role="status" aria-live="polite">
      {toasts.map((toast) => (
        <ToastItem key={toast.id} toast={toast} />
      ))}
      {failure && <p className="undo-toast undo-toast-failure">{failure}</p>}
    </div>
  );
}

function ToastItem({ toast }: { toast: UndoToast }) {
  const dismiss = useUndoToasts((s) => s.dismiss);
  const undo = useUndoToasts((s) => s.undo);
  useEffect(() => {
    const timer = setTimeout(() => dismiss(toast.id), undoToastMs);
    return () => clearTimeout(timer);
  }, [dismiss, toast.id]);
  return (
    <div className="undo-toast">
      <span>{toast.message}</span>
      <button type="button" onClick={() => void undo(toast.id)}>
        Undo
      </button>
      <button type="button" className="link-button" aria-label={`Dismiss: ${toast.message}`} onClick={() => dismiss(toast.id)}>
        ×
      </button>
    </div>
  );
}
