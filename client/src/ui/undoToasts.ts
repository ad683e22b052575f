import { create } from 'zustand';

// Undo instead of "are you sure?": a destructive action happens at once and offers Undo for a while.
// One store for the whole page, so every page shows its toasts in one live region (UndoToasts.tsx).

export interface UndoToast {
  id: number;
  /** What happened, in words: "Card deleted", "Theme “Housing” removed". */
  message: string;
  /** Puts it back; may fail (the server refuses), which the toast then says. */
  undo: () => unknown;
}

interface UndoToastState {
  toasts: UndoToast[];
  /** Why the last undo failed, shown in the toast region until the next toast. */
  failure: string | null;
  show(toast: Omit<UndoToast, 'id'>): number;
  dismiss(id: number): void;
  undo(id: number): Promise<void>;
}

/** How long Undo stays offered: long enough to read, find the button and press it with a keyboard. */
export const undoToastMs = 12_000;
let nextId = 1;

export const useUndoToasts = create<UndoToastState>((set, get) => ({
  toasts: [],
  failure: null,
  show(toast) {
    const id = nextId++;
    set((s) => ({ toasts: [...s.toasts.slice(-2), { ...toast, id }], failure: null }));
    return id;
  },
  dismiss(id) {
    set((s) => ({ toasts: s.toasts.filter((t) => t.id !== id) }));
  },
  async undo(id) {
    const toast = get().toasts.find((t) => t.id === id);
    if (!toast) return;
    get().dismiss(id);
    try {
      await toast.undo();
    } catch (error) {
      set({ failure: `Could not undo: ${error instanceof Error ? error.message : String(error)}` });
    }
  },
}));

/** Offers Undo for something just done. */
export function showUndoToast(message: string, undo: () => unknown): number {
  return useUndoToasts.getState().show({ message, undo });
}
