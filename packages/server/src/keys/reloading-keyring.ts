import fs from 'node:fs';
import { CryptoKeyError, parseKeyring, type Keyring } from '../shared/crypto/index.ts';

/**
 * The server's side of rotating keys while it runs. `hutong keys rotate` (another process)
 * adds master key version n+1 to the key file and re-wraps children's data keys to it; the
 * server loaded the file at start and knows only versions ≤ n. This keyring re-reads the key
 * file when it is asked for a version it does not hold, and picks up the new current version
 * (so new children are wrapped under it) at most every `refreshMs`. Only a file that still
 * holds every key already known, with the same suite, index key and ledger signing key, is
 * adopted: a replaced or truncated key file must not silently change what the server trusts.
 */
export class ReloadingKeyring implements Keyring {
  #inner: Keyring;
  #stamp: string;
  #checkedAt = Date.now();

  constructor(initial: Keyring, private readonly keyFile: string, private readonly refreshMs = 10_000) {
    this.#inner = initial;
    this.#stamp = stampOf(keyFile);
  }

  get suite() { return this.#inner.suite; }
  get versions() { return this.#inner.versions; }
  get indexKey() { return this.#inner.indexKey; }
  get ledgerSigning() { return this.#inner.ledgerSigning; }
  get source() { return this.#inner.source; }

  get currentVersion(): number {
    if (Date.now() - this.#checkedAt >= this.refreshMs) this.reload();
    return this.#inner.currentVersion;
  }

  masterKey(version: number): Buffer {
    if (!this.#inner.versions.includes(version)) this.reload();
    return this.#inner.masterKey(version);
  }

  /** Re-reads the key file if it changed since the last read; returns whether a new keyring was adopted. */
  reload(): boolean {
    this.#checkedAt = Date.now();
    const stamp = stampOf(this.keyFile);
    if (stamp === this.#stamp) return false;
    const next = parseKeyring(fs.readFileSync(this.keyFile, 'utf8'), 'file');
    assertExtends(this.#inner, next);
    this.#inner = next;
    this.#stamp = stamp;
    return true;
  }

  toJSON(): object {
    return { suite: this.suite.name, currentVersion: this.#inner.currentVersion, versions: this.versions, source: this.source, reloading: true };
  }

  [Symbol.for('nodejs.util.inspect.custom')](): string {
    return `ReloadingKeyring ${JSON.stringify(this.toJSON())}`;
  }
}

/** ino + size + mtime: a rotation replaces the file by rename, which changes all three. */
function stampOf(file: string): string {
  try {
    const s = fs.statSync(file);
    return `${s.ino}:${s.size}:${s.mtimeMs}`;
  } catch {
    return 'missing';
  }
}

function assertExtends(old: Keyring, next: Keyring): void {
  const same = old.suite.id === next.suite.id
    && old.indexKey.equals(next.indexKey)
    && old.ledgerSigning.publicKey === next.ledgerSigning.publicKey
    && old.versions.every((v) => next.versions.includes(v) && old.masterKey(v).equals(next.masterKey(v)));
  if (!same) throw new CryptoKeyError('密钥文件已被替换为不相容的密钥环（缺少已有主密钥版本或套件、索引密钥、台账签名密钥不同），拒绝重新加载');
}

/**
 * Wraps the keyring the server loaded at start. Keys from HUTONG_MASTER_KEYS have no file to
 * re-read: they are returned as they are (rotate those in the key store and restart).
 */
export function reloadingKeyring(initial: Keyring, keyFile: string, refreshMs?: number): Keyring {
  if (initial.source !== 'file' || initial instanceof ReloadingKeyring) return initial;
  return new ReloadingKeyring(initial, keyFile, refreshMs);
}

/** For a SIGHUP handler or an admin route: re-read the key file now. */
export function reloadKeyring(keyring: Keyring): boolean {
  return keyring instanceof ReloadingKeyring ? keyring.reload() : false;
}
