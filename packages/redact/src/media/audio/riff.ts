/** One chunk of a RIFF file: its four-character id and where its body lies. */
export interface RiffChunk {
  readonly id: string;
  readonly offset: number;
  readonly size: number;
}

/**
 * The top-level chunks of a RIFF/WAVE file, in order. A chunk that claims more bytes than
 * remain ends the walk (as a truncated file does) instead of reading past the buffer.
 */
export function riffChunks(b: Buffer): RiffChunk[] {
  const out: RiffChunk[] = [];
  let at = 12;
  while (at + 8 <= b.length) {
    const id = b.toString('latin1', at, at + 4);
    const size = b.readUInt32LE(at + 4);
    out.push({ id, offset: at + 8, size: Math.min(size, b.length - at - 8) });
    if (size > b.length - at - 8) break;
    at += 8 + size + (size & 1); // chunks are padded to an even length
  }
  return out;
}

export interface WavLayout {
  readonly channels: number;
  readonly sampleRate: number;
  readonly blockAlign: number;
  /** Whole sample frames in the data chunk. */
  readonly frames: number;
  /** Byte offset of the first sample. */
  readonly dataOffset: number;
}

/**
 * The sample layout of a WAV file from its header. `fileSize` covers a data chunk whose size
 * field is a placeholder (0 or 0xFFFFFFFF, as streaming writers leave it): the data runs to the
 * end of the file.
 */
export function wavLayout(head: Buffer, fileSize: number): WavLayout | undefined {
  let fmt: { channels: number; sampleRate: number; blockAlign: number } | undefined;
  let at = 12;
  while (at + 8 <= head.length) {
    const id = head.toString('latin1', at, at + 4);
    const size = head.readUInt32LE(at + 4);
    if (id === 'fmt ' && at + 8 + 16 <= head.length) {
      fmt = { channels: head.readUInt16LE(at + 10), sampleRate: head.readUInt32LE(at + 12), blockAlign: head.readUInt16LE(at + 20) };
    } else if (id === 'data') {
      if (!fmt || fmt.blockAlign === 0) return undefined;
      const rest = fileSize - (at + 8);
      const bytes = size === 0 || size === 0xffffffff || size > rest ? rest : size;
      return { ...fmt, frames: Math.floor(bytes / fmt.blockAlign), dataOffset: at + 8 };
    }
    at += 8 + size + (size & 1);
  }
  return undefined;
}
