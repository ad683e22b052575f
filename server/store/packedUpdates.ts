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

  /** The updates with a seq above `seq`, in order, as views of the packed bytes. */
  after(seq: number): { seq: number; update: Uint8Array }[] {
    const out: { seq: number; update: Uint8Array }[] = [];
    for (let i = 0; i < this.seqs.length; i++) {
      if (this.seqs[i]! <= seq) continue;
      out.push({ seq: this.seqs[i]!, update: this.bytes.subarray(i === 0 ? 0 : this.ends[i - 1]!, this.ends[i]!) });
    }
    return out;
  }
}
