import { initialControlState, normaliseControlState, type ControlState } from '../../shared/control';
import { soloBus, type ClusterBus } from '../cluster/clusterBus';
import type { EventStore } from '../store/store';
import { createKeyedQueue } from '../util/keyedQueue';

const controlChannel = 'rt:control';
const maxConflictRetries = 8;

/**
 * Holds each event's control state in memory (so lock checks on every Yjs update are synchronous),
 * persists every change before it is published, and applies changes one at a time per event.
 * With several servers, a save only succeeds over the version it read (else it re-reads and
 * retries), and every saved state is announced so the other servers' caches follow at once.
 */
export function createControlService(store: EventStore, bus: ClusterBus = soloBus()) {
  const cache = new Map<string, ControlState>();
  const serial = createKeyedQueue();
  const listeners = new Set<(eventId: string, state: ControlState) => void>();

  async function get(eventId: string): Promise<ControlState> {
    const cached = cache.get(eventId);
    if (cached) return cached;
    const stored = await store.getControl(eventId);
    const state = stored ? normaliseControlState(stored) : initialControlState();
    // Another caller may have loaded it meanwhile; keep the first so updates are not lost.
    if (!cache.has(eventId)) cache.set(eventId, state);
    return cache.get(eventId)!;
  }

  /** Serialises changes per event: each sees the previous one's result. */
  function update(eventId: string, change: (state: ControlState) => ControlState | Promise<ControlState>): Promise<ControlState> {
    return serial(eventId, async () => {
      for (let attempt = 0; ; attempt++) {
        const current = await get(eventId);
        const changed = await change(current);
        if (changed === current) return current;
        const saved = { ...changed, version: current.version + 1 };
        if (await store.saveControl(eventId, saved, current.version)) {
          cache.set(eventId, saved);
          if (bus.clustered) bus.publish(controlChannel, Buffer.from(JSON.stringify({ eventId, state: saved })));
          for (const listener of listeners) listener(eventId, saved);
          return saved;
        }
        if (attempt >= maxConflictRetries) throw new Error(`control state of ${eventId} kept changing underneath`);
        // Another server saved first: take its state and apply this change on top of it.
        const stored = await store.getControl(eventId);
        cache.set(eventId, stored ? normaliseControlState(stored) : initialControlState());
      }
    });
  }

  void bus.subscribe(controlChannel, (payload) => {
    const { eventId, state } = JSON.parse(Buffer.from(payload).toString('utf8')) as { eventId: string; state: ControlState };
    const cached = cache.get(eventId);
    if (cached && cached.version < state.version) cache.set(eventId, state);
  });

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
