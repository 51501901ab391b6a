/**
 * The scanner's pre-filter hash: a seeded 32-bit MurmurHash3-style chain over code points, cheap
 * enough to run at every position of every post. It is not a secret-keeping hash — whoever holds
 * a package holds its seed — so nothing rests on it but speed: the short tags it yields are meant
 * to collide, and every match is confirmed by HMAC-SM3 (fingerprint.ts).
 *
 * A window's chain state after its last character identifies the window; `tagOf` (one multiply,
 * for the per-position bit-set tests) and `finish` (full avalanche, for the identities the pair
 * index hashes) turn a state into separate values per use, so one chain per start position serves
 * the name tags, the context prefixes and terms, and the identities.
 */

export function step(h: number, c: number): number {
  let k = Math.imul(c, 0xcc9e2d51);
  k = (k << 15) | (k >>> 17);
  k = Math.imul(k, 0x1b873593);
  h ^= k;
  h = (h << 13) | (h >>> 19);
  return (Math.imul(h, 5) + 0xe6546b64) | 0;
}

export function fmix(h: number): number {
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b);
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35);
  h ^= h >>> 16;
  return h >>> 0;
}

export function finish(state: number, length: number, salt: number): number {
  return fmix(state ^ Math.imul(length, 0x9e3779b1) ^ salt);
}

/** Chain state of a whole string of code points (the build side of what the scanner rolls). */
export function chainOf(seed: number, codes: ArrayLike<number>, length = codes.length): number {
  let h = seed;
  for (let i = 0; i < length; i++) h = step(h, codes[i]!);
  return h;
}

/** Every prefix state of a string: states[i] is the chain after i + 1 code points. */
export function prefixStates(seed: number, codes: readonly number[]): number[] {
  const out: number[] = [];
  let h = seed;
  for (const c of codes) out.push((h = step(h, c)));
  return out;
}

/**
 * A 32-bit value for an ordered pair of window identities (name first); its low 16 bits are the
 * pair's print in the pair index. `kind` separates a name–place pair from a name–name pair.
 */
export function pairHash(a: number, b: number, kind: number, seed: number): number {
  return fmix(fmix(a ^ seed) ^ Math.imul(b, 0x85ebca6b) ^ Math.imul(kind, 0x27d4eb2f));
}

/** Bit `tag` of a bit set held as 32-bit words. */
export function testBit(bits: Uint32Array, tag: number): boolean {
  return ((bits[tag >>> 5]! >>> (tag & 31)) & 1) === 1;
}

export function setBit(bits: Uint32Array, tag: number): void {
  const w = tag >>> 5;
  bits[w] = bits[w]! | (1 << (tag & 31));
}

/** A tag into a bit set of 2^bitCount bits (1 ≤ bitCount ≤ 31): multiplicative hashing of state ⊕ salt. */
export function tagOf(state: number, salt: number, bitCount: number): number {
  return Math.imul(state ^ salt, 0x9e3779b1) >>> (32 - bitCount);
}
