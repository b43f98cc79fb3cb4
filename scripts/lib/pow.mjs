// The reset portal's proof of work, solved outside a browser by the measurement scripts (the page
// solves it in its WebAssembly, src/domain/pow.rs checks it): the smallest nonce n such that
// SHA-256(`token:n`) starts with `bits` zero bits.

import { createHash } from "node:crypto";

function leadingZeroBits(hash) {
  let bits = 0;
  for (const byte of hash) {
    if (byte !== 0) return bits + Math.clz32(byte) - 24;
    bits += 8;
  }
  return bits;
}

export function solve(token, bits) {
  for (let n = 0; ; n++) {
    if (leadingZeroBits(createHash("sha256").update(`${token}:${n}`).digest()) >= bits) return n;
  }
}
