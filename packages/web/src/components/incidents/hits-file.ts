/**
 * Reads the two files a screening run gives (`hutong screen scan`): hits.jsonl and, optionally,
 * the posts.jsonl it scanned. Each bad line is named by number before anything is sent; only the
 * posts that were hit are sent, and the server keeps only their SM3 and a redacted excerpt.
 */
import type { HitLine, IncidentFlag, PostLine } from '../../api/incidents.ts';

export interface LineProblem { line: number; message: string }

/** `lines[i]` is the line items[i] came from, so a server message about hits[i] can name it. */
export interface Parsed<T> { items: T[]; lines: number[]; problems: LineProblem[] }

const FLAGS: readonly string[] = ['label', 'exploit'];

const isId = (v: unknown): v is string | number => typeof v === 'string' || (typeof v === 'number' && Number.isFinite(v));
const isOffset = (v: unknown): v is number => typeof v === 'number' && Number.isInteger(v) && v >= 0;

/** Splits into lines (a BOM and blank lines ignored) and parses each as a JSON object. */
function eachObject(text: string, problems: LineProblem[], visit: (o: Record<string, unknown>, line: number) => void): void {
  text.replace(/^\uFEFF/u, '').split(/\r?\n/u).forEach((raw, i) => {
    const line = i + 1;
    if (!raw.trim()) return;
    let v: unknown;
    try {
      v = JSON.parse(raw);
    } catch {
      problems.push({ line, message: '不是有效的 JSON' });
      return;
    }
    if (typeof v !== 'object' || v === null || Array.isArray(v)) {
      problems.push({ line, message: '应为一个 JSON 对象' });
      return;
    }
    visit(v as Record<string, unknown>, line);
  });
}

function hitProblem(o: Record<string, unknown>): string | null {
  if (!isId(o.id)) return 'id（帖子编号）：必填，应为字符串或数字';
  if (typeof o.child !== 'string' || !o.child) return 'child（儿童引用）：必填';
  if (!Array.isArray(o.evidence) || o.evidence.length === 0) return 'evidence（证据）：应为非空数组';
  for (const e of o.evidence as unknown[]) {
    const ev = e as Record<string, unknown> | null;
    if (!ev || typeof ev.kind !== 'string' || !isOffset(ev.start) || !isOffset(ev.end) || ev.end <= ev.start) {
      return 'evidence（证据）：每项应为 {"kind","start","end"}，start、end 为非负整数且 end 大于 start';
    }
  }
  if (o.flags !== undefined && (!Array.isArray(o.flags) || o.flags.some((f) => !FLAGS.includes(f as string)))) return 'flags：只能是 label、exploit';
  if (typeof o.score !== 'number' || !Number.isFinite(o.score)) return 'score（分值）：应为数字';
  return null;
}

export function parseHits(text: string): Parsed<HitLine> {
  const items: HitLine[] = [];
  const lines: number[] = [];
  const problems: LineProblem[] = [];
  eachObject(text, problems, (o, line) => {
    const why = hitProblem(o);
    if (why) {
      problems.push({ line, message: why });
      return;
    }
    const evidence = (o.evidence as Array<Record<string, unknown>>).map((e) => ({ kind: e.kind as string, start: e.start as number, end: e.end as number }));
    items.push({ id: o.id as string | number, child: o.child as string, evidence, flags: (o.flags ?? []) as IncidentFlag[], score: o.score as number });
    lines.push(line);
  });
  return { items, lines, problems };
}

export function parsePosts(text: string): Parsed<PostLine> {
  const items: PostLine[] = [];
  const lines: number[] = [];
  const problems: LineProblem[] = [];
  eachObject(text, problems, (o, line) => {
    if (!isId(o.id)) problems.push({ line, message: 'id：必填，应为字符串或数字' });
    else if (typeof o.text !== 'string') problems.push({ line, message: 'text：必填，应为字符串' });
    else if (o.url !== undefined && typeof o.url !== 'string') problems.push({ line, message: 'url：应为字符串' });
    else {
      items.push(typeof o.url === 'string' ? { id: o.id, url: o.url, text: o.text } : { id: o.id, text: o.text });
      lines.push(line);
    }
  });
  return { items, lines, problems };
}

/** 1 and "1" are different posts, as the scanner's hit ids keep them. */
const key = (id: string | number) => JSON.stringify(id);

/** The posts named by some hit: nothing else of the platform's posts leaves the browser. */
export function postsHit(posts: PostLine[], hits: HitLine[]): PostLine[] {
  const wanted = new Set(hits.map((h) => key(h.id)));
  return posts.filter((p) => wanted.has(key(p.id)));
}
