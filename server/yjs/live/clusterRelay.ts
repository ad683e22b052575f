import type { ClusterBus } from '../../cluster/clusterBus';

/** What documents tell the other servers of a deployment, over the ClusterBus (a no-op on one server). */
export interface ClusterRelay {
  readonly clustered: boolean;
  /**
   * Receives a document's updates and presence from other servers. Called before the stored state is
   * read, so no update another server commits meanwhile is missed (applying one twice is harmless).
   */
  follow(name: string, handlers: { update(update: Uint8Array): void; awareness(update: Uint8Array): void }): Promise<void>;
  /**
   * Stops receiving for that name. Synchronous up to the bus call, so that a newer document of the same
   * name, which can only subscribe later, is never unsubscribed by an older one's late cleanup.
   */
  unfollow(name: string): void;
  /** Updates committed here (never those that came from another server). */
  publishUpdate(name: string, update: Uint8Array): void;
  publishAwareness(name: string, update: Uint8Array): void;
  /** Asks every other server to drop the document unsaved (see LiveDocs.discard). */
  publishDiscard(name: string, code: number, reason: string): void;
  onDiscard(handler: (name: string, code: number, reason: string) => void): void;
}

export const updateChannel = (name: string) => `rt:yjs:${name}`;
export const awarenessChannel = (name: string) => `rt:aw:${name}`;
const docsChannel = 'rt:docs';

export function createClusterRelay(bus: ClusterBus): ClusterRelay {
  return {
    clustered: bus.clustered,
    async follow(name, handlers) {
      await Promise.all([bus.subscribe(updateChannel(name), handlers.update), bus.subscribe(awarenessChannel(name), handlers.awareness)]);
    },
    unfollow(name) {
      Promise.all([bus.unsubscribe(updateChannel(name)), bus.unsubscribe(awarenessChannel(name))]).catch(() => undefined);
    },
    publishUpdate(name, update) {
      if (bus.clustered) bus.publish(updateChannel(name), update);
    },
    publishAwareness(name, update) {
      bus.publish(awarenessChannel(name), update);
    },
    publishDiscard(name, code, reason) {
      if (bus.clustered) bus.publish(docsChannel, Buffer.from(JSON.stringify({ name, code, reason })));
    },
    onDiscard(handler) {
      void bus.subscribe(docsChannel, (payload) => {
        const { name, code, reason } = JSON.parse(Buffer.from(payload).toString('utf8')) as { name: string; code: number; reason: string };
        handler(name, code, reason);
      });
    },
  };
}
