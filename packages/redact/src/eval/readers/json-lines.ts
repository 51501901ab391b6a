import type { ReadProblem } from '../gold.ts';

/** Each non-empty line parsed as JSON; unreadable lines become problems, not exceptions. */
export function jsonLines(source: string): { rows: Array<{ line: number; value: unknown }>; problems: ReadProblem[] } {
  const rows: Array<{ line: number; value: unknown }> = [];
  const problems: ReadProblem[] = [];
  source.replace(/^\uFEFF/u, '').split(/\r?\n/u).forEach((raw, i) => {
    if (raw.trim() === '') return;
    try {
      rows.push({ line: i + 1, value: JSON.parse(raw) });
    } catch (e) {
      problems.push({ line: i + 1, message: `不是有效的 JSON：${e instanceof Error ? e.message : String(e)}` });
    }
  });
  return { rows, problems };
}

export const isRecord = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);
