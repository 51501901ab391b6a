import { isUtf8 } from 'node:buffer';
import { formatErrors } from './format-errors.ts';

/** Offset of the first invalid byte (RFC 3629: no overlongs, surrogates or > U+10FFFF; a truncated sequence is invalid), or -1. */
export function invalidUtf8At(b: Uint8Array): number {
  let i = 0;
  while (i < b.length) {
    const c = b[i]!;
    if (c < 0x80) { i++; continue; }
    let need: number, min: number;
    if (c >= 0xc2 && c <= 0xdf) { need = 1; min = 0x80; }
    else if (c >= 0xe0 && c <= 0xef) { need = 2; min = 0x800; }
    else if (c >= 0xf0 && c <= 0xf4) { need = 3; min = 0x10000; }
    else return i;
    let cp = c & (0x3f >> need);
    for (let k = 1; k <= need; k++) {
      const d = b[i + k];
      if (d === undefined || (d & 0xc0) !== 0x80) return i;
      cp = (cp << 6) | (d & 0x3f);
    }
    if (cp < min || cp > 0x10ffff || (cp >= 0xd800 && cp <= 0xdfff)) return i;
    i += need + 1;
  }
  return -1;
}

/** Length of an incomplete multi-byte sequence at the end of a chunk (0–3). */
function tailLength(b: Uint8Array): number {
  for (let k = 1; k <= 3 && k <= b.length; k++) {
    const c = b[b.length - k]!;
    if ((c & 0xc0) === 0x80) continue;
    const len = c >= 0xf0 ? 4 : c >= 0xe0 ? 3 : c >= 0xc0 ? 2 : 1;
    return len > k ? k : 0;
  }
  return 0;
}

/**
 * Streaming UTF-8 validation with absolute byte offsets in the error, because TextDecoder's
 * fatal mode says only "invalid". Native isUtf8 does the work; the JS scan runs only to locate
 * a failure.
 */
export class Utf8Guard {
  private carry: Buffer = Buffer.alloc(0);
  private offset = 0;
  constructor(private readonly file: string) {}

  push(chunk: Buffer): void {
    const buf = this.carry.length ? Buffer.concat([this.carry, chunk]) : chunk;
    const tail = tailLength(buf);
    const body = buf.subarray(0, buf.length - tail);
    if (!isUtf8(body)) {
      const at = invalidUtf8At(body);
      throw formatErrors.invalidUtf8(this.file, this.offset + Math.max(at, 0));
    }
    this.offset += body.length;
    this.carry = Buffer.from(buf.subarray(buf.length - tail));
  }

  end(): void {
    if (this.carry.length) throw formatErrors.invalidUtf8(this.file, this.offset);
  }
}

const ZIP = [0x50, 0x4b, 0x03, 0x04];

/** Text formats refuse files that are plainly not text: NUL bytes, zip (docx/xlsx renamed .txt), PDF. */
export function sniffBinary(file: string, head: Uint8Array): void {
  if (ZIP.every((b, i) => head[i] === b)) throw formatErrors.binary(file, '压缩包或 Office 文档（.docx/.xlsx 请用对应扩展名）');
  if ((head[0] === 0xff && head[1] === 0xfe) || (head[0] === 0xfe && head[1] === 0xff)) throw formatErrors.binary(file, 'UTF-16 编码文本（请另存为 UTF-8）');
  if (head[0] === 0x25 && head[1] === 0x50 && head[2] === 0x44 && head[3] === 0x46) throw formatErrors.binary(file, 'PDF 文件');
  if (head.subarray(0, 8192).includes(0)) throw formatErrors.binary(file);
}
