// lib0's varUint, written straight into a buffer of known size; readers use lib0's decoding.readVarUint.

/** lib0's varUint: 7 bits a byte, low bits first, the high bit set on every byte but the last. */
export function varUintBytes(n: number): number {
  let bytes = 1;
  while (n > 0x7f) {
    n = Math.floor(n / 128);
    bytes++;
  }
  return bytes;
}

/** Writes `n` as a varUint at `at`; returns the offset after it. */
export function writeVarUint(out: Uint8Array, at: number, n: number): number {
  while (n > 0x7f) {
    out[at++] = 0x80 | (n & 0x7f);
    n = Math.floor(n / 128);
  }
  out[at++] = n;
  return at;
}
