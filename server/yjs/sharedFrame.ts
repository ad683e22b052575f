import type { Duplex } from 'node:stream';
import { WebSocket } from 'ws';
import { varUintBytes, writeVarUint } from '../util/varUint';
import { messageSync, syncUpdate } from './protocol';

/**
 * A message sent to many peers (a document's committed updates, presence): its whole WebSocket frame,
 * header and payload, is built once on first use and the same bytes are written to every socket. A server's
 * frames are unmasked (RFC 6455 §5.3), so one frame fits every peer; going through `ws.send` instead builds a
 * header per peer and writes two buffers through cork/uncork (writev), which measured as most of the send
 * path's own CPU at the event load (BENCHMARKS.md, issue 16).
 */
export class SharedFrame {
  private payload: Uint8Array | null;
  private wire: Buffer | null;

  /** A message to frame on first use, or (`wire` given) a frame already built whose payload starts at `payloadAt`. */
  constructor(message: Uint8Array | null, wire: Buffer | null = null, private readonly payloadAt = 0) {
    this.payload = message;
    this.wire = wire;
  }

  get message(): Uint8Array {
    this.payload ??= this.wire!.subarray(this.payloadAt);
    return this.payload;
  }

  get frame(): Buffer {
    this.wire ??= binaryFrame(this.payload!);
    return this.wire;
  }
}

/**
 * A document update's sync message (y-protocols: messageSync, syncUpdate, the update) as a shared frame, built in
 * one buffer with its WebSocket header: the broadcast of every commit, so no encoder and no second copy.
 */
export function sharedUpdateFrame(update: Uint8Array): SharedFrame {
  const messageBytes = 2 + varUintBytes(update.byteLength) + update.byteLength;
  const wire = frameBuffer(messageBytes);
  let at = wire.length - messageBytes;
  wire[at++] = messageSync;
  wire[at++] = syncUpdate;
  at = writeVarUint(wire, at, update.byteLength);
  wire.set(update, at);
  return new SharedFrame(null, wire, wire.length - messageBytes);
}

/** A complete, final, unmasked binary frame around `payload` (opcode 2, RFC 6455 §5.2). */
export function binaryFrame(payload: Uint8Array): Buffer {
  const frame = frameBuffer(payload.byteLength);
  frame.set(payload, frame.length - payload.byteLength);
  return frame;
}

/** A frame buffer for a payload of `length` bytes: the header written, the payload (at the end) still to fill. */
function frameBuffer(length: number): Buffer {
  const headerBytes = length < 126 ? 2 : length < 65_536 ? 4 : 10;
  const frame = Buffer.allocUnsafe(headerBytes + length);
  frame[0] = 0x82;
  if (length < 126) frame[1] = length;
  else if (length < 65_536) {
    frame[1] = 126;
    frame.writeUInt16BE(length, 2);
  } else {
    frame[1] = 127;
    frame.writeBigUInt64BE(BigInt(length), 2);
  }
  return frame;
}

/**
 * The socket under `ws`, while open. Writing a frame to it directly is safe because our WebSocketServer never
 * negotiates permessage-deflate (ws then queues nothing: every `ws.send` goes straight to the same socket, so
 * the order of frames is kept).
 */
export function openSocketOf(ws: WebSocket): Duplex | null {
  const socket = (ws as unknown as { _socket?: Duplex | null })._socket;
  return socket && ws.readyState === WebSocket.OPEN ? socket : null;
}

/** Writes a shared frame to the socket under `ws`; falls back to `ws.send` where the socket is not reachable. */
export function sendShared(ws: WebSocket, shared: SharedFrame): void {
  const socket = openSocketOf(ws);
  if (socket) socket.write(shared.frame);
  else ws.send(shared.message);
}

/** Several shared frames as one buffer: one write and one system call for all of them, in this order. */
export function sendSharedTogether(ws: WebSocket, shared: readonly SharedFrame[]): void {
  const socket = openSocketOf(ws);
  if (socket) socket.write(Buffer.concat(shared.map((frame) => frame.frame)));
  else for (const frame of shared) ws.send(frame.message);
}
