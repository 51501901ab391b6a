import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { CryptoKeyError } from './crypto.errors.ts';

/**
 * File I/O for the key file. Every write goes to a 0600 temp file that is
 * fsynced and then linked or renamed into place, so a crash never leaves a
 * half-written key file, and a lost key file means lost data.
 */

const POSIX = process.platform !== 'win32';

function fsyncDir(dir: string): void {
  if (!POSIX) return;
  const fd = fs.openSync(dir, 'r');
  try {
    fs.fsyncSync(fd);
  } finally {
    fs.closeSync(fd);
  }
}

function writeTemp(file: string, text: string): string {
  const tmp = `${file}.${process.pid}.${randomBytes(6).toString('hex')}.tmp`;
  const fd = fs.openSync(tmp, 'wx', 0o600);
  try {
    // The umask can only remove bits, but a pre-set ACL or odd umask is not our call.
    if (POSIX) fs.fchmodSync(fd, 0o600);
    fs.writeSync(fd, text);
    fs.fsyncSync(fd);
  } finally {
    fs.closeSync(fd);
  }
  return tmp;
}

/** Reads the key file, or returns undefined if it does not exist. */
export function readKeyFile(file: string): string | undefined {
  let stat: fs.Stats;
  try {
    stat = fs.statSync(file);
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw err;
  }
  if (!stat.isFile()) throw new CryptoKeyError(`密钥文件路径不是普通文件：${file}`);
  // Like ssh with a private key: refuse rather than use a key others could have read.
  if (POSIX && (stat.mode & 0o077) !== 0) {
    const mode = (stat.mode & 0o777).toString(8);
    throw new CryptoKeyError(`密钥文件权限过宽（${mode}）：${file}。请执行 chmod 600 后重试`);
  }
  return fs.readFileSync(file, 'utf8');
}

/**
 * Creates the file only if it does not exist yet. link() fails on an existing
 * target, so two processes starting together cannot both create a key file:
 * the loser gets false and must read the winner's.
 */
export function createKeyFileExclusive(file: string, text: string): boolean {
  const dir = path.dirname(file);
  fs.mkdirSync(dir, { recursive: true, mode: 0o700 });
  const tmp = writeTemp(file, text);
  try {
    fs.linkSync(tmp, file);
    fsyncDir(dir);
    return true;
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'EEXIST') return false;
    throw err;
  } finally {
    fs.rmSync(tmp, { force: true });
  }
}

/** Atomically replaces the file (temp + rename). */
export function replaceKeyFile(file: string, text: string): void {
  const tmp = writeTemp(file, text);
  try {
    fs.renameSync(tmp, file);
  } catch (err) {
    fs.rmSync(tmp, { force: true });
    throw err;
  }
  fsyncDir(path.dirname(file));
}

/**
 * Runs fn while holding `<file>.lock`. Two rotations racing would otherwise
 * each write their own "version n+1", and data keys wrapped under the loser's
 * key would be unrecoverable.
 */
export function withKeyFileLock<T>(file: string, fn: () => T): T {
  const lock = `${file}.lock`;
  let fd: number;
  try {
    fd = fs.openSync(lock, 'wx', 0o600);
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'EEXIST') {
      throw new CryptoKeyError(`密钥文件正被另一进程修改（存在锁文件 ${lock}）；确认没有轮换在进行后删除该锁文件`);
    }
    throw err;
  }
  try {
    return fn();
  } finally {
    fs.closeSync(fd);
    fs.rmSync(lock, { force: true });
  }
}
