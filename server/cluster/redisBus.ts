import type { Logger } from 'pino';
import { createShardedAdapter } from '@socket.io/redis-adapter';
import { createClient } from 'redis';
import { frame, newServerId, unframe, type ClusterBus } from './clusterBus';


/**
 * The bus over Redis 7 sharded pub/sub (SPUBLISH/SSUBSCRIBE): each document's channel lives on one
 * shard, so traffic spreads across a Redis cluster as rooms grow. Pub/sub is at-most-once, which is
 * why nothing here is the source of truth: updates are committed to the database before they are
 * published, and clients resync with their server on every reconnect.
 */
function connectRedis(url: string) {
  return createClient({ url });
}
export type RedisClient = ReturnType<typeof connectRedis>;

export interface RedisBus extends ClusterBus {
  pub: RedisClient;
  sub: RedisClient;
  socketAdapter(): Promise<ReturnType<typeof createShardedAdapter>>;
}

export async function openRedisBus(url: string, log: Logger): Promise<RedisBus> {
  const pub = connectRedis(url);
  const sub = pub.duplicate();
  for (const client of [pub, sub]) client.on('error', (err) => log.warn({ err }, 'redis connection problem'));
  await Promise.all([pub.connect(), sub.connect()]);
  const serverId = newServerId();
  const handlers = new Map<string, (payload: Uint8Array) => void>();
  const adapterClients: RedisClient[] = [];

  return {
    serverId,
    clustered: true,
    pub,
    sub,
    publish(channel, payload) {
      pub.sPublish(channel, frame(serverId, payload)).catch((err: unknown) => log.warn({ err, channel }, 'could not publish to the cluster'));
    },
    async subscribe(channel, handler) {
      const first = !handlers.has(channel);
      handlers.set(channel, handler);
      if (!first) return;
      await sub.sSubscribe(
        channel,
        (message: Buffer) => {
          const { serverId: from, payload } = unframe(message);
          if (from !== serverId) handlers.get(channel)?.(payload);
        },
        true,
      );
    },
    async unsubscribe(channel) {
      if (!handlers.delete(channel)) return;
      await sub.sUnsubscribe(channel);
    },
    async close() {
      handlers.clear();
      await Promise.allSettled([sub.quit(), pub.quit(), ...adapterClients.map((c) => c.quit())]);
    },
    /**
     * socket.io's sharded Redis adapter (Redis 7 SPUBLISH), on its own connections. Chosen over the
     * streams adapter: we never rely on connection-state recovery (clients re-fetch state on every
     * reconnect), so at-most-once pub/sub is enough and sharding spreads load across a Redis cluster.
     */
    async socketAdapter() {
      const adapterPub = pub.duplicate();
      const adapterSub = pub.duplicate();
      for (const client of [adapterPub, adapterSub]) client.on('error', (err) => log.warn({ err }, 'redis connection problem'));
      await Promise.all([adapterPub.connect(), adapterSub.connect()]);
      adapterClients.push(adapterPub, adapterSub);
      return createShardedAdapter(adapterPub, adapterSub);
    },
  };
}
