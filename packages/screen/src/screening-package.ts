import fs from 'node:fs';
import os from 'node:os';
import { CueLexicon } from './cue-lexicon.ts';
import { FingerprintTable } from './fingerprint-table.ts';
import { PairIndex } from './pair-index.ts';
import { derivePackageKeys, type PackageKeys } from './package-keys.ts';
import { END_BITS, PackageFormatError, readPackage, REF_BYTES, START_BITS, u16View, u32View, type PackageHeader } from './package-format.ts';
import { screenErrors } from './screen.errors.ts';

/** A package opened for scanning: verified, its sections viewed in place (no copy of the tables). */
export class ScreeningPackage {
  private constructor(
    readonly header: PackageHeader,
    /** SM3 digest of the file: names the package in hits and in the platform's records. */
    readonly digest: Buffer,
    readonly keys: PackageKeys,
    readonly nameSet: Uint32Array,
    readonly startSet: Uint32Array,
    readonly contextSet: Uint32Array,
    readonly endSet: Uint32Array,
    readonly pairs: PairIndex,
    readonly table: FingerprintTable,
    readonly refs: Uint8Array,
    readonly cues: CueLexicon,
  ) {}

  static fromBytes(file: Uint8Array): ScreeningPackage {
    // Typed arrays read in the machine's byte order; the format is little-endian.
    if (os.endianness() !== 'LE') throw screenErrors.packageInvalid('本机为大端字节序，不支持此巡查包格式');
    try {
      const p = readPackage(file);
      const h = p.header;
      const fpHi = u32View(p.section('fpHi'));
      const columns = {
        hi: fpHi, lo: u32View(p.section('fpLo')), child: u32View(p.section('fpChild')),
        kind: p.section('fpKind'), expected: p.section('fpExpected'), selectivity: p.section('fpSelectivity'),
      };
      const n = h.fingerprints;
      if ([columns.hi, columns.lo, columns.child, columns.kind, columns.expected, columns.selectivity].some((c) => c.length !== n)) throw new PackageFormatError('巡查包指纹表长度不符');
      const refs = p.section('refs');
      if (refs.length !== h.children * REF_BYTES) throw new PackageFormatError('巡查包儿童引用表长度不符');
      for (const c of columns.child) if (c >= h.children) throw new PackageFormatError('巡查包指纹指向不存在的儿童');
      const nameSet = u32View(p.section('nameBits')), contextSet = u32View(p.section('contextBits'));
      if (nameSet.length * 32 !== 2 ** h.nameBits || contextSet.length * 32 !== 2 ** h.contextBits) throw new PackageFormatError('巡查包标签位图长度不符');
      const startSet = u32View(p.section('nameStarts'));
      if (startSet.length * 32 !== 2 ** START_BITS) throw new PackageFormatError('巡查包名字起始位图长度不符');
      const endSet = u32View(p.section('contextEnds'));
      if (endSet.length * 32 !== 2 ** END_BITS) throw new PackageFormatError('巡查包地名结尾位图长度不符');
      const pairs = new PairIndex(nameSet, u32View(p.section('pairOffsets')), u16View(p.section('pairPrints')));
      const table = new FingerprintTable(columns);
      if (!table.isSorted()) throw new PackageFormatError('巡查包指纹表未排序');
      return new ScreeningPackage(h, p.digest, derivePackageKeys(p.section('packageKey')), nameSet, startSet, contextSet, endSet, pairs, table, refs, CueLexicon.decode(p.section('lexicon')));
    } catch (e) {
      if (e instanceof PackageFormatError || e instanceof RangeError) throw screenErrors.packageInvalid(e.message);
      throw e;
    }
  }

  static open(file: string): ScreeningPackage {
    let bytes: Buffer;
    try {
      bytes = fs.readFileSync(file);
    } catch (e) {
      throw screenErrors.packageUnreadable(file, e instanceof Error ? e.message : String(e));
    }
    return ScreeningPackage.fromBytes(bytes);
  }

  /** Refuses a package past its expiry: registry changes since are not in it, and old keys should retire. */
  assertCurrent(now: Date = new Date()): this {
    if (now.getTime() > this.header.expiresAt.getTime()) throw screenErrors.packageExpired(this.header.expiresAt);
    return this;
  }

  /** The opaque reference of child `index`, as hits print it. */
  refOf(index: number): string {
    return Buffer.from(this.refs.buffer, this.refs.byteOffset + index * REF_BYTES, REF_BYTES).toString('hex');
  }
}
