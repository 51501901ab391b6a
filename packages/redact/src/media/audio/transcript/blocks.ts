/** A run of non-blank lines and the 1-based line number it starts on (for error messages). */
export interface Block {
  readonly line: number;
  readonly lines: readonly string[];
}

/** Splits subtitle text into blank-line-separated blocks; any line ending (\r\n, \n, \r) works. */
export function blocks(text: string): Block[] {
  const out: Block[] = [];
  let current: string[] = [];
  let start = 0;
  text.replace(/^\uFEFF/, '').split(/\r\n|\r|\n/).forEach((line, i) => {
    if (line.trim() === '') {
      if (current.length) out.push({ line: start, lines: current });
      current = [];
    } else {
      if (!current.length) start = i + 1;
      current.push(line);
    }
  });
  if (current.length) out.push({ line: start, lines: current });
  return out;
}
