import type { Finding } from '../types.ts';
import { hanSurname, NAME_DOT } from './surnames.ts';

export type PseudonymStyle = 'letter' | 'name';

export interface DocStateOptions {
  /** Strings a 化名 must never be: the registry's real names (a pseudonym that is someone's name harms them). */
  readonly avoid?: Iterable<string>;
  readonly pseudonymStyle?: PseudonymStyle;
}

/** Neutral, common-noun 化名; none is a surname + given name, so none reads as a real person's. */
const NEUTRAL_NAMES = [
  '小禾', '小苗', '小溪', '小叶', '小树', '小雨', '小星', '小云', '小晴', '小石', '小竹', '小舟', '小帆', '小川',
  '小麦', '小橙', '小桃', '小果', '小豆', '小鹿', '小松', '小荷', '小岚', '小山', '小林', '小月', '小阳',
];
const LETTERS = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ';

/** Equal names compare equal whatever the width or stray spaces (張 and 张 are not folded: both are real). */
export function nameKey(text: string): string {
  return text.normalize('NFKC').replace(/\s+/gu, '');
}

function letterLabel(i: number): string {
  let s = '';
  for (let n = i + 1; n > 0; n = Math.floor((n - 1) / 26)) s = LETTERS[(n - 1) % 26] + s;
  return s;
}

/**
 * What one document has decided so far: which name became which 化名 or 某-form. Operators read
 * it so the same person is named the same way throughout the document (and, for streamed
 * files, throughout the file).
 *
 * Court-style clash numbering needs the whole document: `plan()` registers every name first,
 * in order of appearance, so 张三 and 张四 become 张某1 and 张某2. A name first seen later (a
 * streamed file's next chunk) joins its group with the next number; one already printed as
 * 张某 keeps that, so earlier output stays valid.
 */
export class DocState {
  private readonly avoid: Set<string>;
  private readonly style: PseudonymStyle;
  private readonly court = new Map<string, string>();
  private readonly courtGroups = new Map<string, number>();
  private readonly pseudo = new Map<string, string>();
  private pseudoNext = 0;
  private text = '';

  constructor(opts: DocStateOptions = {}) {
    this.avoid = new Set([...(opts.avoid ?? [])].map(nameKey));
    this.style = opts.pseudonymStyle ?? 'letter';
  }

  /** Register a document's (or chunk's) findings before any operator runs. */
  plan(findings: readonly Finding[], text = ''): void {
    this.text = text;
    const fresh = new Map<string, string[]>();
    const seen = new Set<string>();
    for (const f of findings) {
      if (f.type !== 'PERSON') continue;
      const key = nameKey(f.text);
      this.avoid.add(key);
      if (!key || this.court.has(key) || seen.has(key)) continue;
      seen.add(key);
      const base = courtBase(f);
      const list = fresh.get(base) ?? [];
      list.push(key);
      fresh.set(base, list);
    }
    for (const [base, keys] of fresh) {
      let used = this.courtGroups.get(base) ?? 0;
      const numbered = used > 0 || keys.length > 1;
      for (const key of keys) {
        used++;
        this.court.set(key, numbered ? `${base}${used}` : base);
      }
      this.courtGroups.set(base, used);
    }
  }

  /** 姓 + 某 (欧阳某), first character + 某 for minority and foreign names, numbered on clashes. */
  courtName(f: Finding): string {
    const key = nameKey(f.text);
    const known = this.court.get(key);
    if (known) return known;
    this.plan([f], this.text);
    return this.court.get(key) ?? courtBase(f);
  }

  /** The same 化名 for the same name; never a registered name nor a string already in the text. */
  pseudonym(f: Finding): string {
    const key = nameKey(f.text);
    const known = this.pseudo.get(key);
    if (known) return known;
    let candidate: string;
    do {
      const i = this.pseudoNext++;
      candidate = this.style === 'name' && i < NEUTRAL_NAMES.length ? NEUTRAL_NAMES[i]! : `小${letterLabel(this.style === 'name' ? i - NEUTRAL_NAMES.length : i)}`;
    } while (this.avoid.has(candidate) || (this.text && this.text.includes(candidate)));
    this.pseudo.set(key, candidate);
    return candidate;
  }
}

function courtBase(f: Finding): string {
  const name = nameKey(f.text);
  const surname = hanSurname(name, f.meta?.['surname']);
  if (surname) return `${surname}某`;
  const first = [...name.split(NAME_DOT)[0]!][0];
  return first ? `${first}某` : '某';
}
