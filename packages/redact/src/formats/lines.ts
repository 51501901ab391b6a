import { createReadStream } from 'node:fs';
import { formatErrors } from './format-errors.ts';
import { sniffBinary, Utf8Guard } from './utf8.ts';

export interface Line {
  /** Without the trailing \n (a \r stays, so CRLF files round-trip). */
  readonly text: string;
  /** 1-based. */
  readonly no: number;
  readonly newline: boolean;
}

export interface LineReaderOptions {
  /** Longest line accepted, in bytes (default 10 MB): a longer one is almost surely not text. */
  readonly maxLineBytes?: number;
  readonly onBytes?: (bytesRead: number) => void;
}

export const DEFAULT_MAX_LINE = 10 * 1024 * 1024;

/**
 * Lines of a UTF-8 file in bounded memory (one line at most), after checking it is text at all.
 * The BOM is dropped; `hadBom` tells the writer to put it back.
 */
export async function* readLines(path: string, opts: LineReaderOptions = {}, state: { hadBom?: boolean } = {}): AsyncGenerator<Line> {
  const max = opts.maxLineBytes ?? DEFAULT_MAX_LINE;
  const guard = new Utf8Guard(path);
  const decoder = new TextDecoder('utf-8', { fatal: true, ignoreBOM: true });
  let pending: Buffer[] = [];
  let pendingLen = 0;
  let no = 0;
  let read = 0;
  let first = true;
  const emit = (parts: Buffer[]): string => decoder.decode(parts.length === 1 ? parts[0] : Buffer.concat(parts));
  for await (const chunk of createReadStream(path, { highWaterMark: 256 * 1024 }) as AsyncIterable<Buffer>) {
    let buf = chunk;
    if (first) {
      sniffBinary(path, buf);
      if (buf[0] === 0xef && buf[1] === 0xbb && buf[2] === 0xbf) { state.hadBom = true; buf = buf.subarray(3); }
      first = false;
    }
    guard.push(buf);
    read += chunk.length;
    opts.onBytes?.(read);
    let from = 0;
    for (let nl = buf.indexOf(0x0a, from); nl !== -1; nl = buf.indexOf(0x0a, from)) {
      if (pendingLen + nl - from > max) throw formatErrors.lineTooLong(path, no + 1, max);
      pending.push(buf.subarray(from, nl));
      yield { text: emit(pending), no: ++no, newline: true };
      pending = [];
      pendingLen = 0;
      from = nl + 1;
    }
    if (from < buf.length) {
      pending.push(Buffer.from(buf.subarray(from)));
      pendingLen += buf.length - from;
      if (pendingLen > max) throw formatErrors.lineTooLong(path, no + 1, max);
    }
  }
  guard.end();
  if (pendingLen) yield { text: emit(pending), no: ++no, newline: false };
}
