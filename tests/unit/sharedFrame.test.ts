import { createRequire } from 'node:module';
import type { Writable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { binaryFrame, SharedFrame } from '../../server/yjs/sharedFrame';

// ws's frame parser, which @types/ws does not declare.
type ReceiverLike = Writable & { on(event: 'message', listener: (data: Buffer, isBinary: boolean) => void): ReceiverLike };
const { Receiver } = createRequire(import.meta.url)('ws') as { Receiver: new (options: { isServer: boolean }) => ReceiverLike };

/** What ws's own receiver (as a client reads server frames: unmasked) makes of the bytes. */
function received(bytes: Buffer): Promise<{ data: Buffer; isBinary: boolean }> {
  return new Promise((resolve, reject) => {
    const receiver = new Receiver({ isServer: false });
    receiver.on('message', (data: Buffer, isBinary: boolean) => resolve({ data, isBinary }));
    receiver.on('error', reject);
    receiver.write(bytes);
  });
}

describe('a shared WebSocket frame', () => {
  it.each([0, 5, 125, 126, 65_535, 65_536, 300_000])('carries a %i-byte payload that ws reads back as one binary message', async (length) => {
    const payload = Uint8Array.from({ length }, (_, i) => (i * 7) % 256);
    const { data, isBinary } = await received(binaryFrame(payload));
    expect(isBinary).toBe(true);
    expect(data.equals(Buffer.from(payload))).toBe(true);
  });

  it('is built once, however many peers it goes to', () => {
    const shared = new SharedFrame(Uint8Array.of(0, 2, 1));
    expect(shared.frame).toBe(shared.frame);
  });
});
