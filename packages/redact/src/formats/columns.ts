import { checkIdNumber } from '@hutong/core';
import { redactText, type DetectingEngine, type RedactResult } from '../redact.ts';
import { resolveOverlaps } from '../resolve.ts';
import type { EntityType, Finding } from '../types.ts';
import type { FormatContext } from './format-context.ts';

/**
 * Header words → the type of every cell in the column. More specific words first: 监护人电话
 * is a phone number, 学校地址 an address, 监护人 alone a person.
 */
const HEADER_WORDS: readonly [EntityType, RegExp][] = [
  ['ID_CARD', /身份证|证件号|公民身份号码|id[ _-]?(?:card|no|number)/iu],
  ['PASSPORT', /护照/u],
  ['BANK_CARD', /银行卡|银行账号|卡号|账号|bank/iu],
  ['PHONE', /电话|手机|联系方式|phone|mobile|tel/iu],
  ['EMAIL', /邮箱|电子邮件|e-?mail/iu],
  ['WECHAT', /微信/u],
  ['QQ', /^qq|QQ号/iu],
  ['PLATE', /车牌/u],
  ['DATE_OF_BIRTH', /出生日期|出生年月|生日|birth/iu],
  ['ADDRESS', /住址|地址|户籍地|居住地|address/iu],
  ['SCHOOL', /学校|就读|school/iu],
  ['LABEL', /类别|困境类型|儿童类型|类型|category/iu],
  ['PERSON', /姓名|名字|监护人|联系人|家长|父亲|母亲|^name$|full ?name/iu],
];

/** A column's type from its header, or null to classify by content. */
export function classifyHeader(header: string): EntityType | null {
  const h = header.trim();
  if (!h) return null;
  for (const [type, re] of HEADER_WORDS) if (re.test(h)) return type;
  return null;
}

const CELL_TYPES = new Set<EntityType>(['PERSON', 'ID_CARD', 'PHONE', 'BANK_CARD', 'EMAIL', 'ADDRESS', 'SCHOOL', 'DATE_OF_BIRTH', 'LABEL', 'PASSPORT']);
const PHONE_CELL = /^(?:\+?86[- ]?)?1[3-9]\d{9}$/u;

/** What one cell holds when a single identifier fills it; works without detectors for IDs and phones. */
function cellType(engine: DetectingEngine, value: string): EntityType | null {
  const v = value.trim();
  if (!v) return null;
  if (/^\d{17}[\dXx]$/u.test(v) && checkIdNumber(v).ok) return 'ID_CARD';
  if (PHONE_CELL.test(v.replace(/[-\s]/gu, ''))) return 'PHONE';
  const fs = engine.detect(v).filter((f) => CELL_TYPES.has(f.type));
  const f = fs.length === 1 ? fs[0]! : null;
  return f && (f.end - f.start) / v.length >= 0.8 ? f.type : null;
}

/**
 * Classify columns that headers left open by sampling their first rows: a column where most
 * non-empty cells are one identifier of the same type is that type.
 */
export function classifyByContent(engine: DetectingEngine, sample: readonly (readonly string[])[], types: (EntityType | null)[]): void {
  for (let c = 0; c < types.length; c++) {
    if (types[c]) continue;
    const votes = new Map<EntityType, number>();
    let filled = 0;
    for (const row of sample) {
      const v = row[c];
      if (!v?.trim()) continue;
      filled++;
      const t = cellType(engine, v);
      if (t) votes.set(t, (votes.get(t) ?? 0) + 1);
    }
    for (const [t, n] of votes) if (filled >= 2 && n / filled >= 0.6) types[c] = t;
  }
}

const NAME_SEPARATORS = /[、，,;；/\s]+/u;

/**
 * One cell. A classified column's cell is that type even where detectors see nothing (a rare
 * name, a bad check digit); detectors still run, so extra identifiers in it are processed too,
 * and their meta (county, surname) is used.
 */
export function redactCell(ctx: FormatContext, value: string, type: EntityType | null, source: string, location: string): RedactResult {
  if (!value.trim()) return { text: value, findings: [], report: [] };
  const detected = ctx.engine.detect(value);
  const findings: Finding[] = [...detected];
  if (type) {
    const parts: [number, number][] = [];
    if (type === 'PERSON') {
      let at = 0;
      for (const p of value.split(NAME_SEPARATORS)) {
        const s = value.indexOf(p, at);
        if (p) parts.push([s, s + p.length]);
        at = s + p.length;
      }
    } else {
      const t = value.trim();
      const s = value.indexOf(t);
      parts.push([s, s + t.length]);
    }
    for (const [s, e] of parts) {
      const same = detected.find((f) => f.type === type && f.start < e && f.end > s);
      if (same && same.start <= s && same.end >= e) continue;
      findings.push({ type, start: s, end: e, text: value.slice(s, e), score: 1, source, ...(same?.meta ? { meta: same.meta } : {}) });
    }
  }
  return redactText(ctx.engine, value, {
    policy: ctx.policy, state: ctx.state, findings: resolveOverlaps(findings), includeOriginal: ctx.opts.includeOriginal, location,
  });
}
