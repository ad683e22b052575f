import { act, cleanup, fireEvent, render, screen } from '@testing-library/react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { UndoToasts } from '../../client/src/ui/UndoToasts';
import { showUndoToast, useUndoToasts } from '../../client/src/ui/undoToasts';

afterEach(() => {
  cleanup();
  useUndoToasts.setState({ toasts: [], failure: null });
  vi.useRealTimers();
});

describe('undo toasts', () => {
  it('says what happened in a live region and puts it back on Undo', async () => {
    const undo = vi.fn();
    render(<UndoToasts />);
    act(() => void showUndoToast('Card deleted', undo));
    expect(screen.getByRole('status').textContent).toContain('Card deleted');
    await act(async () => fireEvent.click(screen.getByRole('button', { name: 'Undo' })));
    expect(undo).toHaveBeenCalledTimes(1);
    expect(screen.queryByText('Card deleted')).toBeNull();
  });

  it('says so when undoing fails', async () => {
    render(<UndoToasts />);
    act(() => void showUndoToast('Theme removed', () => Promise.reject(new Error('the summary was erased'))));
    await act(async () => fireEvent.click(screen.getByRole('button', { name: 'Undo' })));
    expect(screen.getByRole('status').textContent).toContain('Could not undo: the summary was erased');
  });

  it('goes by itself after a while, or when dismissed', () => {
    vi.useFakeTimers();
    render(<UndoToasts />);
    act(() => void showUndoToast('Room removed', () => undefined));
    act(() => void showUndoToast('Card hidden', () => undefined));
    act(() => fireEvent.click(screen.getByRole('button', { name: 'Dismiss: Card hidden' })));
    expect(screen.queryByText('Card hidden')).toBeNull();
    expect(screen.getByText('Room removed')).toBeTruthy();
    act(() => vi.advanceTimersByTime(13_000));
    expect(screen.queryByText('Room removed')).toBeNull();
  });
});
