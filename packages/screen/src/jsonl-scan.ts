import type { Readable, Writable } from 'node:stream';
import { hitLine, parsePost } from './post.ts';
import type { Scanner } from './scanner.ts';

export interface JsonlScanReport {
  /** Posts scanned (lines with a valid post). */
  posts: number;
  /** Output lines: one per (post, child). */
  hits: number;
  /** Posts with at least one hit. */
  postsWithHits: number;
  /** Lines refused (reported through onProblem, nothing written for them). */
  bad: number;
  /** UTF-8 bytes of input read. */
  bytes: number;
}

async function write(out: Writable, s: string): Promise<void> {
  if (!out.write(s)) await new Promise<void>((resolve) => out.once('drain', resolve));
}

/**
 * Streams posts.jsonl to hits.jsonl. Lines are split by hand (readline costs more per line than
 * the scan of a short post); a bad line is reported with its number and skipped.
 */
export async function scanJsonl(scanner: Scanner, input: Readable, output: Writable, onProblem: (line: number, message: string) => void): Promise<JsonlScanReport> {
  const r: JsonlScanReport = { posts: 0, hits: 0, postsWithHits: 0, bad: 0, bytes: 0 };
  let lineNo = 0, rest = '';
  // Synchronous per line; output is gathered per input chunk and written once (with backpressure).
  const handle = (raw: string, out: string[]) => {
    lineNo++;
    const line = (lineNo === 1 ? raw.replace(/^\uFEFF/u, '') : raw).trim();
    if (!line) return;
    const parsed = parsePost(line);
    if (!parsed.ok) {
      r.bad++;
      onProblem(lineNo, parsed.problem);
      return;
    }
    r.posts++;
    const hits = scanner.scan(parsed.post.text);
    if (!hits.length) return;
    r.postsWithHits++;
    r.hits += hits.length;
    for (const h of hits) out.push(`${hitLine(parsed.post.id, h)}\n`);
  };
  input.setEncoding('utf8');
  for await (const chunk of input as AsyncIterable<string>) {
    r.bytes += Buffer.byteLength(chunk, 'utf8');
    const text = rest + chunk;
    const out: string[] = [];
    let from = 0;
    for (let nl = text.indexOf('\n'); nl >= 0; nl = text.indexOf('\n', from)) {
      handle(text.slice(from, nl), out);
      from = nl + 1;
    }
    rest = text.slice(from);
    if (out.length) await write(output, out.join(''));
  }
  if (rest) {
    const out: string[] = [];
    handle(rest, out);
    if (out.length) await write(output, out.join(''));
  }
  return r;
}
