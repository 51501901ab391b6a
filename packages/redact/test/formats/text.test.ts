import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { HutongError } from '@hutong/core';
import { describe, expect, it } from 'vitest';
import { invalidUtf8At, redactFile } from '../../src/index.ts';
import { SAMPLE, stubEngine } from '../operators/stub-engine.ts';
import { tempDir } from './tmp.ts';

const engine = stubEngine();
const p = tempDir();

async function failure(promise: Promise<unknown>): Promise<HutongError> {
  try { await promise; } catch (e) { return e as HutongError; }
  throw new Error('expected an error');
}

describe('plain text', () => {
  it('round-trips with the preset applied, CRLF and BOM kept', async () => {
    writeFileSync(p('a.txt'), '\ufeff' + SAMPLE.replace('。', '。\r\n') + '\r\n');
    const report = await redactFile(engine, p('a.txt'), p('a.out.txt'), { preset: 'judgment' });
    const out = readFileSync(p('a.out.txt'), 'utf8');
    expect(out.startsWith('\ufeff李某，女，2014年出生')).toBe(true);
    expect(out).toContain('是一名儿童。\r\n监护人张某');
    expect(out.endsWith('\r\n')).toBe(true);
    expect(out).not.toContain('13905991234');
    expect(report.format).toBe('txt');
    expect(report.counts['PERSON']).toBe(3);
    expect(existsSync(p('a.out.txt.partial'))).toBe(false);
  });

  it('keeps 化名 consistent across blocks of a long file; offsets are document code points', async () => {
    const para = '李小花今天去上学了。𠮷\n\n' + '这是一段很长的普通文字。'.repeat(6000) + '\n\n';
    writeFileSync(p('long.txt'), para + '王芳和李小花一起玩。\n');
    const report = await redactFile(engine, p('long.txt'), p('long.out.txt'), { preset: 'news' });
    const out = readFileSync(p('long.out.txt'), 'utf8');
    expect(out.startsWith('小A今天去上学了。')).toBe(true);
    expect(out.endsWith('小B和小A一起玩。\n')).toBe(true);
    const last = report.entries.at(-1)!;
    const cps = [...(para + '王芳和李小花一起玩。\n')];
    expect(cps.slice(last.start, last.end).join('')).toBe('李小花');
  });

  it('reports progress', async () => {
    const seen: number[] = [];
    await redactFile(engine, p('a.txt'), p('a2.out.txt'), { onProgress: (x) => seen.push(x.bytesRead) });
    expect(seen.at(-1)).toBe(readFileSync(p('a.txt')).length);
  });
});

describe('hostile input', () => {
  it('invalid UTF-8 → HUTONG_VALIDATION naming the byte offset', async () => {
    const bytes = Buffer.concat([Buffer.from('李小花，电话'), Buffer.from([0xe6, 0x28]), Buffer.from('x')]);
    writeFileSync(p('bad.txt'), bytes);
    const e = await failure(redactFile(engine, p('bad.txt'), p('bad.out.txt')));
    expect(e).toBeInstanceOf(HutongError);
    expect(e.code).toBe('HUTONG_VALIDATION');
    expect(e.message).toContain(`第 ${Buffer.from('李小花，电话').length} 字节`);
    expect(existsSync(p('bad.out.txt'))).toBe(false);
    expect(existsSync(p('bad.out.txt.partial'))).toBe(false);
  });

  it('GBK text is refused, not decoded to garbage', async () => {
    writeFileSync(p('gbk.txt'), Buffer.from([0xd5, 0xc5, 0xc8, 0xfd]));
    expect((await failure(redactFile(engine, p('gbk.txt'), p('gbk.out.txt')))).message).toContain('UTF-8');
  });

  it('a truncated sequence at end of file is invalid', async () => {
    writeFileSync(p('trunc.txt'), Buffer.concat([Buffer.from('abc'), Buffer.from([0xe6, 0x9d])]));
    expect((await failure(redactFile(engine, p('trunc.txt'), p('t.out.txt')))).message).toContain('第 3 字节');
  });

  it('binary (NUL bytes) and a zip renamed .txt are refused', async () => {
    writeFileSync(p('bin.txt'), Buffer.from([0x41, 0x00, 0x42]));
    expect((await failure(redactFile(engine, p('bin.txt'), p('bin.out.txt')))).message).toContain('二进制');
    writeFileSync(p('zip.txt'), Buffer.from([0x50, 0x4b, 0x03, 0x04, 0x14, 0x00]));
    expect((await failure(redactFile(engine, p('zip.txt'), p('zip.out.txt')))).message).toContain('压缩包');
  });

  it('a line over 10 MB is refused', async () => {
    writeFileSync(p('huge.txt'), 'a'.repeat(11 * 1024 * 1024));
    const e = await failure(redactFile(engine, p('huge.txt'), p('huge.out.txt')));
    expect(e.code).toBe('HUTONG_VALIDATION');
    expect(e.message).toContain('第 1 行超过 10 MB');
  });

  it('unsupported extension, same input and output, missing file', async () => {
    expect((await failure(redactFile(engine, p('x.pdf'), p('y.pdf')))).message).toContain('不支持');
    expect((await failure(redactFile(engine, p('a.txt'), p('a.txt')))).message).toContain('相同');
    expect((await failure(redactFile(engine, p('nope.txt'), p('nope.out.txt')))).code).toBe('HUTONG_VALIDATION');
  });
});

describe('invalidUtf8At', () => {
  it.each([
    [[0x61, 0x62], -1],
    [[0xe6, 0x9d, 0x8e], -1],
    [[0x61, 0xc0, 0x80], 1], // overlong
    [[0xed, 0xa0, 0x80], 0], // surrogate
    [[0xf4, 0x90, 0x80, 0x80], 0], // > U+10FFFF
    [[0x61, 0xf0, 0xa0, 0xae, 0xb7], -1], // 𠮷
    [[0x80], 0],
  ])('%j → %i', (bytes, at) => {
    expect(invalidUtf8At(Uint8Array.from(bytes))).toBe(at);
  });
});
