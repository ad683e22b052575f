import { initialControlState, type ControlState } from '../../shared/control';
import type { EventStore } from '../store/store';
import { createKeyedQueue } from '../util/keyedQueue';

/**
 * Holds each event's control state in memory (so lock checks on every Yjs update are synchronous),
 * persists every change before it is published, and applies changes one at a time per event.
 */
export function createControlService(store: EventStore) {
  const cache = new Map<string, ControlState>();
  const serial = createKeyedQueue();
  const listeners = new Set<(eventId: string, state: ControlState) => void>();

  async function get(eventId: string): Promise<ControlState> {
    const cached = cache.get(eventId);
    if (cached) return cached;
    const state = (await store.getControl(eventId)) ?? initialControlState();
    // Another caller may have loaded it meanwhile; keep the first so updates are not lost.
    if (!cache.has(eventId)) cache.set(eventId, state);
    return cache.get(eventId)!;
  }

  /** Serialises changes per event: each sees the previous one's result. */
  function update(eventId: string, change: (state: ControlState) => ControlState | Promise<ControlState>): Promise<ControlState> {
    return serial(eventId, async () => {
      const current = await get(eventId);
      const changed = await change(current);
      if (changed === current) return current;
      const saved = { ...changed, version: current.version + 1 };
      await store.saveControl(eventId, saved);
      cache.set(eventId, saved);
      for (const listener of listeners) listener(eventId, saved);
      return saved;
    });
  }

  return {
    get,
    update,
    cached: (eventId: string) => cache.get(eventId),
    forget: (eventId: string) => cache.delete(eventId),
    onChange(listener: (eventId: string, state: ControlState) => void): () => void {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
  };
}

export type ControlService = ReturnType<typeof createControlService>;
