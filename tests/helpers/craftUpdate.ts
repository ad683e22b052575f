import * as encoding from 'lib0/encoding';
import * as Y from 'yjs';

// Hand-built Yjs updates, as a malicious client would send them: decoded structs re-encoded after
// changing what an honest client never would (the content kind, the delete set, the neighbours).

type Struct = ReturnType<typeof Y.decodeUpdate>['structs'][number];
export type DeleteRanges = Array<{ client: number; clock: number; len: number }>;

/** Encodes structs (Items, GCs) and a delete set as a version-1 update. */
export function encodeUpdate(structs: readonly Struct[], deletes: DeleteRanges = []): Uint8Array {
  const encoder = new Y.UpdateEncoderV1();
  const byClient = new Map<number, Struct[]>();
  for (const struct of structs) byClient.set(struct.id.client, [...(byClient.get(struct.id.client) ?? []), struct]);
  encoding.writeVarUint(encoder.restEncoder, byClient.size);
  for (const [client, list] of byClient) {
    list.sort((a, b) => a.id.clock - b.id.clock);
    encoding.writeVarUint(encoder.restEncoder, list.length);
    encoder.writeClient(client);
    encoding.writeVarUint(encoder.restEncoder, list[0]!.id.clock);
    for (const struct of list) struct.write(encoder, 0);
  }
  const dsByClient = new Map<number, DeleteRanges>();
  for (const range of deletes) dsByClient.set(range.client, [...(dsByClient.get(range.client) ?? []), range]);
  encoding.writeVarUint(encoder.restEncoder, dsByClient.size);
  for (const [client, ranges] of dsByClient) {
    encoder.resetDsCurVal();
    encoding.writeVarUint(encoder.restEncoder, client);
    encoding.writeVarUint(encoder.restEncoder, ranges.length);
    for (const { clock, len } of ranges) {
      encoder.writeDsClock(clock);
      encoder.writeDsLen(len);
    }
  }
  return encoder.toUint8Array();
}

/** Decodes an update, lets `change` edit its structs, and re-encodes it (the delete set is dropped unless given). */
export function rewriteUpdate(update: Uint8Array, change: (structs: Struct[]) => Struct[], deletes: DeleteRanges = []): Uint8Array {
  const { structs } = Y.decodeUpdate(update);
  return encodeUpdate(change(structs), deletes);
}

/** The delete set of an update as plain ranges. */
export function deleteRangesOf(update: Uint8Array): DeleteRanges {
  const { ds } = Y.decodeUpdate(update);
  const ranges: DeleteRanges = [];
  for (const [client, list] of ds.clients) for (const { clock, len } of list) ranges.push({ client, clock, len });
  return ranges;
}

/** The item of an update that writes `key` (a map entry), for swapping its content. */
export function itemWithKey(structs: readonly Struct[], key: string): Y.Item {
  const item = structs.find((s): s is Y.Item => s instanceof Y.Item && s.parentSub === key);
  if (!item) throw new Error(`no item writes '${key}'`);
  return item;
}
