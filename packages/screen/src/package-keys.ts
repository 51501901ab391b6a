import { createHmac } from 'node:crypto';

/**
 * Keys of one screening package. The platform keeps a screening root key (derived from its
 * keyring, never shipped); each key epoch gets its own package key, HMAC-SM3(root, label ‖ epoch),
 * which is the only key a package carries. From it come the HMAC-SM3 fingerprint key and the
 * seeds of the pre-filter hash. Holding a package therefore lets one compute fingerprints of that
 * epoch only: not the platform's key, not another epoch's, not the opaque child references.
 */

const PACKAGE_KEY_LABEL = 'hutong/screen/package-key/v1';

export function hmacSm3(key: Uint8Array, ...parts: Array<Uint8Array | string>): Buffer {
  const h = createHmac('sm3', key);
  for (const p of parts) h.update(p);
  return h.digest();
}

function u32(n: number): Buffer {
  const b = Buffer.alloc(4);
  b.writeUInt32BE(n >>> 0);
  return b;
}

/** The key shipped inside every package of `epoch`. */
export function packageKeyFor(screenRoot: Uint8Array, epoch: number): Buffer {
  if (!Number.isInteger(epoch) || epoch < 1 || epoch > 0xffff_ffff) throw new RangeError(`巡查包密钥周期无效：${epoch}`);
  return hmacSm3(screenRoot, PACKAGE_KEY_LABEL, u32(epoch));
}

export interface PackageKeys {
  /** HMAC-SM3 key of the fingerprints. */
  readonly fingerprintKey: Buffer;
  /** Seed of the rolling pre-filter chain. */
  readonly chainSeed: number;
  /** Salts: name tag, context prefix, context term, window identity, name start. */
  readonly nameSalt: number;
  readonly prefixSalt: number;
  readonly termSalt: number;
  readonly idSalt: number;
  readonly startSalt: number;
  /** Salt of the context-end tags. */
  readonly endSalt: number;
  /** Seed of the pair hash (pair index). */
  readonly pairSeed: number;
}

export function derivePackageKeys(packageKey: Uint8Array): PackageKeys {
  if (packageKey.length !== 32) throw new RangeError('巡查包密钥应为 32 字节');
  const seeds = hmacSm3(packageKey, 'hutong/screen/prefilter-seeds/v1');
  return Object.freeze({
    fingerprintKey: hmacSm3(packageKey, 'hutong/screen/fingerprint/v1'),
    chainSeed: seeds.readInt32LE(0),
    nameSalt: seeds.readInt32LE(4),
    prefixSalt: seeds.readInt32LE(8),
    termSalt: seeds.readInt32LE(12),
    idSalt: seeds.readInt32LE(16),
    pairSeed: seeds.readInt32LE(20),
    startSalt: seeds.readInt32LE(24),
    endSalt: seeds.readInt32LE(28),
  });
}
