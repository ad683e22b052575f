import { varUintBytes, writeVarUint } from '../util/varUint';

/**
 * One document's updates while they wait for the fold (up to 30 s): their bytes back to back in one growing
 * buffer, with their seqs and end offsets in two number arrays. Kept as an object each, a busy event's
 * ~30,000 waiting updates lived long enough to be promoted and then traced and collected by the major
 * garbage collector, on the event loop (BENCHMARKS.md, issue 16); packed they are three objects per document.
 */
export class PackedUpdates {
  private bytes = Buffer.allocUnsafeSlow(1024);
  private used = 0;
  private readonly seqs: number[] = [];
  private readonly ends: number[] = [];

  get count(): number {
    return this.seqs.length;
  }

  /** Appends an update (seqs only grow). Bytes once written never change: earlier views stay valid. */
  push(seq: number, update: Uint8Array): void {
    if (this.used + update.byteLength > this.bytes.length) {
      const grown = Buffer.allocUnsafeSlow(Math.max(2 * this.bytes.length, this.used + update.byteLength));
      this.bytes.copy(grown, 0, 0, this.used);
      this.bytes = grown;
    }
    this.bytes.set(update, this.used);
    this.used += update.byteLength;
    this.seqs.push(seq);
    this.ends.push(this.used);
  }

  /**
   * The updates with a seq above `seq` in a fold row's list encoding (rowCodec.ts: a varUint count, then each
   * update as a varUint length and its bytes), written straight from the packed bytes: a fold of 30,000 updates
   * allocates one buffer, not an object per update. Null when there are none.
   */
  listAfter(seq: number): { lastSeq: number; bytes: Uint8Array } | null {
    const first = this.firstAfter(seq);
    const count = this.seqs.length - first;
    if (count === 0) return null;
    let size = varUintBytes(count) + (this.used - this.startOf(first));
    for (let i = first; i < this.seqs.length; i++) size += varUintBytes(this.ends[i]! - this.startOf(i));
    const out = new Uint8Array(size);
    let at = writeVarUint(out, 0, count);
    for (let i = first; i < this.seqs.length; i++) {
      at = writeVarUint(out, at, this.ends[i]! - this.startOf(i));
      out.set(this.bytes.subarray(this.startOf(i), this.ends[i]!), at);
      at += this.ends[i]! - this.startOf(i);
    }
    return { lastSeq: this.seqs.at(-1)!, bytes: out };
  }

  /** The updates with a seq above `seq`, in order, as views of the packed bytes. */
  after(seq: number): { seq: number; update: Uint8Array }[] {
    const out: { seq: number; update: Uint8Array }[] = [];
    for (let i = this.firstAfter(seq); i < this.seqs.length; i++) out.push({ seq: this.seqs[i]!, update: this.bytes.subarray(this.startOf(i), this.ends[i]!) });
    return out;
  }

  /** The index of the first update with a seq above `seq` (seqs ascend). */
  private firstAfter(seq: number): number {
    let i = 0;
    while (i < this.seqs.length && this.seqs[i]! <= seq) i++;
    return i;
  }

  private startOf(i: number): number {
    return i === 0 ? 0 : this.ends[i - 1]!;
  }
}
