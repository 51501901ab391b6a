import { beforeAll, describe, expect, it } from 'vitest';
import { checkIdNumber, composeIdNumber } from '@hutong/core';
import { luhn } from '../src/detectors/rules/bank-card.detector.ts';
import { RedactEngine } from '../src/engine.ts';
import { ENTITY_TYPES, type Finding } from '../src/types.ts';

/**
 * Random and adversarial strings through the full default engine, so every detector that lands in
 * defaultDetectors is covered: no call throws, none is slow, and every span is a real slice.
 * Deterministic (seeded); HUTONG_FUZZ_N and HUTONG_FUZZ_SEED override the size and the seed.
 */
const N = Number(process.env.HUTONG_FUZZ_N ?? 100_000);
const SEED = Number(process.env.HUTONG_FUZZ_SEED ?? 20241118);
const CALL_MS = 50;

function prng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const ID = composeIdNumber('350102', '2012-03-04', 123, 'male');
// Fragments that wake detectors up: cues, separators, shapes and awkward code units.
const PIECES = [
  '0', '1', '2', '3', '5', '6', '8', '9', '13912345678', '0591', '-', ' ', '  ', '.', '@', '*', '＊', 'X', 'x', '+86', '(', ')', '（', '）',
  '１', '３', '０', '年', '月', '日', '号', '二〇一二', '三', '十', '生', '出生', '生于', '生日', 'DOB',
  '身份证', '电话', '手机', '座机', '转', '卡号', '账号', 'QQ', 'qq', '扣扣', '微信', 'vx', 'wx', 'wxid_', 'V信', '护照', 'E', 'G', 'EA',
  '闽', 'A', 'D', 'F', '·', '挂', '孤儿', '留守', '留守儿童', '低保', '最低保障', 'HIV', '直播', '带货', '扫码', '捐款',
  '张', '王', '欧阳', '小明', '福建省', '福州市', '鼓楼区', '村', '小学', '学校', '路', '号楼', '的', '是', '在', '，', '。', '：', '\n', '\t',
  'abc', 'Z', '_', '😀', '👨‍👩‍👧', '𠮷', '\ud800', '\udc00', '\udbff\udfff', '\u0000', '\ufeff', '\u200b', 'ﬀ', 'İ', ID, ID.slice(0, 17), '6222021234567890123',
];

function randomString(rand: () => number): string {
  const n = Math.floor(rand() ** 2 * 60);
  let s = '';
  for (let i = 0; i < n; i++) {
    const r = rand();
    if (r < 0.7) s += PIECES[Math.floor(rand() * PIECES.length)]!;
    else if (r < 0.85) s += String.fromCharCode(0x4e00 + Math.floor(rand() * 0x5000));
    else if (r < 0.95) s += String.fromCharCode(0x20 + Math.floor(rand() * 0x5f));
    else s += String.fromCharCode(Math.floor(rand() * 0x10000));
  }
  return s;
}

const repeat = (unit: string, chars: number) => unit.repeat(Math.ceil(chars / unit.length)).slice(0, chars);

/** Long inputs aimed at quadratic scans and backtracking regexes; lengths kept for a 2-core CI box. */
function adversarial(rand: () => number, k: number): string {
  const len = 1000 + Math.floor(rand() * 2000);
  const digits = () => Array.from({ length: len }, () => String.fromCharCode(48 + Math.floor(rand() * 10))).join('');
  const cases = [
    () => '1'.repeat(5000),
    () => digits(),
    () => repeat('1-', len),
    () => repeat('1 ', len),
    () => repeat('12-', len),
    () => repeat(`${ID} `, len),
    () => repeat('@', len),
    () => repeat('a@', len),
    () => repeat('a.', len) + '@' + repeat('b.', len),
    () => repeat('a', len) + '@' + repeat('b', len) + '.com',
    () => repeat('*', len),
    () => repeat('3501*', len),
    () => repeat('微信', len),
    () => repeat('微信：a', len),
    () => repeat('QQ1', len),
    () => repeat('出生2012年3月', len),
    () => repeat('2012年3月4日生', len),
    () => repeat('闽A1', len),
    () => repeat('😀', len),
    () => repeat('\ud800', len),
    () => repeat('留守', len),
    () => repeat('孤', len),
    () => repeat('张', len),
    () => repeat('福建省福州市', len),
    () => repeat('(0591)', len),
    () => repeat('+86', len),
    () => repeat('１２３', len),
    () => Array.from({ length: len / 4 }, () => randomString(rand)).join('').slice(0, len),
    () => repeat('1-', 5000),
  ];
  return cases[k % cases.length]!();
}

function problems(text: string, found: readonly Finding[]): string | undefined {
  let prevEnd = 0;
  for (const f of found) {
    if (!(Number.isInteger(f.start) && Number.isInteger(f.end) && f.start >= 0 && f.start < f.end && f.end <= text.length)) return `bad span ${f.start}-${f.end}`;
    if (text.slice(f.start, f.end) !== f.text) return `text is not the slice at ${f.start}-${f.end}`;
    if (!(f.type in ENTITY_TYPES)) return `unknown type ${f.type}`;
    if (!(f.score >= 0 && f.score <= 1)) return `score ${f.score}`;
    if (typeof f.source !== 'string' || !f.source) return 'no source';
    if (f.start < prevEnd) return `overlap at ${f.start}`;
    // The checksummed identifiers: a reported number always passes its check.
    const digits = f.text.replace(/[^0-9０-９Xx]/gu, '').replace(/[０-９]/gu, (c) => String.fromCharCode(c.charCodeAt(0) - 0xfee0));
    if (f.source === 'id_card' && f.meta?.form === '18' && !checkIdNumber(digits).ok) return `ID_CARD ${f.text} fails GB 11643`;
    if (f.source === 'bank_card' && !luhn(digits)) return `BANK_CARD ${f.text} fails Luhn`;
    prevEnd = f.end;
  }
  return undefined;
}

describe('fuzz: the full default engine', () => {
  let engine: RedactEngine;
  beforeAll(() => {
    engine = new RedactEngine();
    // Load gazetteers, the model and the division tree outside the timed calls.
    const sample = `王小明，身份证${ID}，电话13912345678，住福建省福州市鼓楼区，出生于2012年3月4日，是留守儿童。`;
    engine.detect(sample);
    // Long inputs take other code paths through the JIT; warm those too.
    engine.detect(sample.repeat(60));
    engine.detect('1'.repeat(5000));
  });

  it(`${N} strings: never throws, each call under ${CALL_MS} ms, spans exact`, () => {
    const rand = prng(SEED);
    const failures: string[] = [];
    let slowest = 0, chars = 0;
    const began = performance.now();
    for (let k = 0; k < N && failures.length < 10; k++) {
      const text = k % 500 === 0 ? adversarial(rand, k / 500) : randomString(rand);
      chars += text.length;
      let found: Finding[] = [];
      let ms = Infinity;
      // A call's cost is the lesser of its wall and CPU time: a busy CI box deschedules the process
      // (wall time grows, CPU time does not). A slow call is re-timed up to twice, for GC pauses.
      for (let attempt = 0; attempt < 3 && ms >= CALL_MS; attempt++) {
        const t0 = performance.now(), c0 = process.cpuUsage();
        try {
          found = engine.detect(text);
        } catch (err) {
          failures.push(`#${k} threw ${(err as Error).message}: ${JSON.stringify(text.slice(0, 80))}`);
          ms = 0;
          break;
        }
        const cpu = process.cpuUsage(c0);
        ms = Math.min(ms, performance.now() - t0, (cpu.user + cpu.system) / 1000);
      }
      slowest = Math.max(slowest, ms);
      if (ms >= CALL_MS) failures.push(`#${k} took ${ms.toFixed(1)} ms (length ${text.length}): ${JSON.stringify(text.slice(0, 80))}`);
      const bad = problems(text, found);
      if (bad) failures.push(`#${k} ${bad}: ${JSON.stringify(text.slice(0, 80))}`);
    }
    const total = performance.now() - began;
    console.log(`fuzz: ${N} strings, ${chars} chars, ${(total / 1000).toFixed(1)} s, slowest call ${slowest.toFixed(1)} ms (seed ${SEED})`);
    expect(failures).toEqual([]);
  }, 120_000);
});
