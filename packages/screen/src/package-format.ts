import { createHash } from 'node:crypto';

/**
 * The screening package: one binary file, little-endian.
 *
 *   0   magic "HTSCREEN"            8
 *   8   format version u16, reserved u16
 *   12  key epoch u32, package version u32, reserved u32
 *   24  created, expires: f64 ms since 1970
 *   40  children u32, fingerprints u32
 *   48  name bits u8, context bits u8, longest name u8, longest context u8
 *   52  name length mask u16 (bit n: some name has n characters), pair window u16
 *   56  threshold u16 (‰), section count u16, name pair window u16, reserved u16
 *   64  sections: id u32, offset u32, length u32 (at most 16)
 *   256 SM3 of every byte of the file except these 32                32
 *   320 body: sections, each 8-byte aligned so typed arrays view the file without copying
 */

export const MAGIC = Buffer.from('HTSCREEN', 'latin1');
export const FORMAT_VERSION = 1;
export const HEADER_SIZE = 320;
const DIGEST_AT = 256;
const SECTIONS_AT = 64;
const MAX_SECTIONS = 16;

export const SECTION = {
  packageKey: 1,
  nameBits: 2,
  contextBits: 3,
  pairOffsets: 4,
  fpHi: 5,
  fpLo: 6,
  fpChild: 7,
  fpKind: 8,
  fpExpected: 9,
  refs: 10,
  lexicon: 11,
  pairPrints: 12,
  fpSelectivity: 13,
  nameStarts: 14,
  contextEnds: 15,
} as const;
export type SectionName = keyof typeof SECTION;

export interface PackageHeader {
  readonly formatVersion: number;
  readonly epoch: number;
  readonly version: number;
  readonly createdAt: Date;
  readonly expiresAt: Date;
  readonly children: number;
  readonly fingerprints: number;
  readonly nameBits: number;
  readonly contextBits: number;
  readonly nameMax: number;
  readonly contextMax: number;
  readonly nameLengthMask: number;
  /** A name and a place or school further apart than this (normalised characters) are not a combination. */
  readonly pairWindow: number;
  /** The same for a child's and a guardian's name. */
  readonly nameWindow: number;
  /** Combined strength a post needs to be a hit, 0–1. */
  readonly threshold: number;
}

export const REF_BYTES = 16;

/**
 * Name starts: a 16-bit tag of each name's first character (in practice its surname), so the
 * scanner tries names only where one could begin. A tag, not the character: a package does not
 * list the surnames in the registry outright.
 */
export const START_BITS = 16;
/** Context ends: the same for the last character of a place or school (村, 镇, 区, 学 …). */
export const END_BITS = 16;

function align8(n: number): number {
  return (n + 7) & ~7;
}

export function writePackage(h: PackageHeader, sections: ReadonlyMap<SectionName, Uint8Array>): Buffer {
  if (sections.size > MAX_SECTIONS) throw new RangeError('too many sections');
  let size = HEADER_SIZE;
  const placed: Array<[SectionName, number, Uint8Array]> = [];
  for (const [name, bytes] of sections) {
    placed.push([name, size, bytes]);
    size = align8(size + bytes.length);
  }
  if (size > 0xffff_ffff) throw new RangeError('巡查包超过 4 GiB');
  const out = Buffer.alloc(size);
  MAGIC.copy(out, 0);
  out.writeUInt16LE(h.formatVersion, 8);
  out.writeUInt32LE(h.epoch, 12);
  out.writeUInt32LE(h.version, 16);
  out.writeDoubleLE(h.createdAt.getTime(), 24);
  out.writeDoubleLE(h.expiresAt.getTime(), 32);
  out.writeUInt32LE(h.children, 40);
  out.writeUInt32LE(h.fingerprints, 44);
  out.writeUInt8(h.nameBits, 48);
  out.writeUInt8(h.contextBits, 49);
  out.writeUInt8(h.nameMax, 50);
  out.writeUInt8(h.contextMax, 51);
  out.writeUInt16LE(h.nameLengthMask, 52);
  out.writeUInt16LE(h.pairWindow, 54);
  out.writeUInt16LE(Math.round(h.threshold * 1000), 56);
  out.writeUInt16LE(placed.length, 58);
  out.writeUInt16LE(h.nameWindow, 60);
  placed.forEach(([name, offset, bytes], i) => {
    const at = SECTIONS_AT + i * 12;
    out.writeUInt32LE(SECTION[name], at);
    out.writeUInt32LE(offset, at + 4);
    out.writeUInt32LE(bytes.length, at + 8);
    out.set(bytes, offset);
  });
  digestOf(out).copy(out, DIGEST_AT);
  return out;
}

function digestOf(file: Uint8Array): Buffer {
  return createHash('sm3').update(file.subarray(0, DIGEST_AT)).update(file.subarray(DIGEST_AT + 32)).digest();
}

export class PackageFormatError extends Error {}

export interface ParsedPackage {
  readonly header: PackageHeader;
  readonly digest: Buffer;
  section(name: SectionName): Uint8Array;
}

/** Checks magic, version, digest and section bounds; a damaged or altered file is refused. */
export function readPackage(file: Uint8Array): ParsedPackage {
  if (file.length < HEADER_SIZE || !MAGIC.equals(Buffer.from(file.buffer, file.byteOffset, 8))) throw new PackageFormatError('不是巡查包文件（文件头标识不符）');
  const b = Buffer.from(file.buffer, file.byteOffset, file.byteLength);
  const formatVersion = b.readUInt16LE(8);
  if (formatVersion !== FORMAT_VERSION) throw new PackageFormatError(`巡查包格式版本 ${formatVersion} 不受支持（本程序支持 ${FORMAT_VERSION}）`);
  const digest = b.subarray(DIGEST_AT, DIGEST_AT + 32);
  if (!digestOf(b).equals(digest)) throw new PackageFormatError('巡查包校验失败（SM3 摘要不符）：文件已损坏或被改动');
  const count = b.readUInt16LE(58);
  if (count > MAX_SECTIONS) throw new PackageFormatError('巡查包节表无效');
  const sections = new Map<number, Uint8Array>();
  for (let i = 0; i < count; i++) {
    const at = SECTIONS_AT + i * 12;
    const id = b.readUInt32LE(at), offset = b.readUInt32LE(at + 4), length = b.readUInt32LE(at + 8);
    if (offset < HEADER_SIZE || offset % 8 !== 0 || offset + length > b.length) throw new PackageFormatError('巡查包节表无效');
    sections.set(id, b.subarray(offset, offset + length));
  }
  const header: PackageHeader = {
    formatVersion,
    epoch: b.readUInt32LE(12),
    version: b.readUInt32LE(16),
    createdAt: new Date(b.readDoubleLE(24)),
    expiresAt: new Date(b.readDoubleLE(32)),
    children: b.readUInt32LE(40),
    fingerprints: b.readUInt32LE(44),
    nameBits: b.readUInt8(48),
    contextBits: b.readUInt8(49),
    nameMax: b.readUInt8(50),
    contextMax: b.readUInt8(51),
    nameLengthMask: b.readUInt16LE(52),
    pairWindow: b.readUInt16LE(54),
    threshold: b.readUInt16LE(56) / 1000,
    nameWindow: b.readUInt16LE(60),
  };
  return {
    header,
    digest: Buffer.from(digest),
    section(name) {
      const s = sections.get(SECTION[name]);
      if (!s) throw new PackageFormatError(`巡查包缺少节 ${name}`);
      return s;
    },
  };
}

/** A typed view over a section, copying only if the file buffer is misaligned for it. */
export function u32View(bytes: Uint8Array): Uint32Array {
  if (bytes.byteOffset % 4 === 0 && bytes.length % 4 === 0) return new Uint32Array(bytes.buffer, bytes.byteOffset, bytes.length / 4);
  if (bytes.length % 4 !== 0) throw new PackageFormatError('巡查包节长度无效');
  return new Uint32Array(Uint8Array.from(bytes).buffer);
}

export function u16View(bytes: Uint8Array): Uint16Array {
  if (bytes.byteOffset % 2 === 0 && bytes.length % 2 === 0) return new Uint16Array(bytes.buffer, bytes.byteOffset, bytes.length / 2);
  if (bytes.length % 2 !== 0) throw new PackageFormatError('巡查包节长度无效');
  return new Uint16Array(Uint8Array.from(bytes).buffer);
}

export function bytesOf(a: Uint32Array | Uint16Array | Uint8Array): Uint8Array {
  return new Uint8Array(a.buffer, a.byteOffset, a.byteLength);
}
