import fs from 'node:fs';
import path from 'node:path';
import sharp from 'sharp';
import { describe, expect, it } from 'vitest';
import { textPicture, SENSITIVE, ORDINARY } from '../../redact/test/media/text-picture.ts';
import { record, wav } from '../../redact/test/media-audio/fixtures.ts';
import { hutongIn, tempDir } from './run-hutong.ts';

const dir = tempDir('hutong-redact-media-');
const at = (name: string) => path.join(dir, name);
const hutong = hutongIn(at('data'));

// A synthetic ID number with a valid GB 11643 check digit (region 110101, born 2013-05-07).
const ID = '110101201305072311';

describe('hutong redact on pictures and recordings (第十四条: 肖像、声音)', () => {
  it('a picture: the ID number in it is masked, metadata removed, the report masks what it lists', async () => {
    const png = await textPicture([{ label: '身份证号：', value: ID, colour: SENSITIVE }, { label: '活动：', value: '春季植树', colour: ORDINARY }]);
    fs.writeFileSync(at('notice.jpg'), await sharp(png).jpeg().withExif({ IFD0: { Artist: '某摄影师' } }).toBuffer());
    const r = await hutong(['redact', '--in', at('notice.jpg'), '--out', at('notice.out.jpg'), '--report', at('notice.json')]);
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/已去除 .*EXIF/u);
    const report = JSON.parse(fs.readFileSync(at('notice.json'), 'utf8')) as { metadataRemoved: string[]; findings: Array<{ kind: string; type?: string; text?: string; action: string }> };
    expect(report.metadataRemoved).toContain('EXIF');
    const id = report.findings.find((f) => f.type === 'ID_CARD');
    expect(id?.action).toBe('masked');
    expect(JSON.stringify(report)).not.toContain(ID);
    const out = await sharp(at('notice.out.jpg')).metadata();
    expect(out.exif).toBeUndefined();
  });

  it('a recording with its transcript: the voice is altered and the spoken name muted', async () => {
    const rec = record(['今天我们去看望了王小雨', '她在学校表现很好']);
    fs.writeFileSync(at('visit.wav'), wav(rec.pcm));
    const vtt = ['WEBVTT', '', ...rec.segments.flatMap((s, i) => [`${i + 1}`, `${stamp(s.start)} --> ${stamp(s.end)}`, s.text, ''])].join('\n');
    fs.writeFileSync(at('visit.vtt'), vtt);
    const r = await hutong(['redact', '--in', at('visit.wav'), '--out', at('visit.out.wav'), '--transcript', at('visit.vtt'), '--report', at('visit.json')]);
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    const report = JSON.parse(fs.readFileSync(at('visit.json'), 'utf8')) as { voiceAltered: { pitchSemitones: number }; muted: Array<{ type: string; text: string }> };
    expect(report.voiceAltered.pitchSemitones).not.toBe(0);
    expect(report.muted.some((m) => m.type === 'PERSON')).toBe(true);
    expect(JSON.stringify(report)).not.toContain('王小雨');
    expect(fs.statSync(at('visit.out.wav')).size).toBeGreaterThan(1000);
  });

  it('refuses with a Chinese message and writes nothing: a corrupt picture, a mismatched --out, a transcript for a picture, a text file without --preset', async () => {
    fs.writeFileSync(at('broken.png'), Buffer.from('not really a picture'));
    const bad = await hutong(['redact', '--in', at('broken.png'), '--out', at('broken.out.png')]);
    expect(bad.code).toBe(1);
    expect(bad.stderr).toMatch(/[\u4e00-\u9fff]/u);
    expect(fs.existsSync(at('broken.out.png'))).toBe(false);

    const ext = await hutong(['redact', '--in', at('notice.jpg'), '--out', at('x.png')]);
    expect(ext.code).toBe(1);
    expect(ext.stderr).toContain('扩展名应与输入相同');

    const tr = await hutong(['redact', '--in', at('notice.jpg'), '--out', at('y.jpg'), '--transcript', at('visit.vtt')]);
    expect(tr.code).toBe(1);
    expect(tr.stderr).toContain('--transcript 只用于录音');
    expect(fs.existsSync(at('y.jpg'))).toBe(false);

    fs.writeFileSync(at('a.txt'), '王小雨今天上学了');
    const np = await hutong(['redact', '--in', at('a.txt'), '--out', at('b.txt')]);
    expect(np.code).toBe(1);
    expect(np.stderr).toContain('须用 --preset');
  });
});

function stamp(s: number): string {
  const ms = Math.round(s * 1000);
  const h = Math.floor(ms / 3_600_000), m = Math.floor(ms / 60_000) % 60, sec = Math.floor(ms / 1000) % 60;
  return `${String(h).padStart(2, '0')}:${String(m).padStart(2, '0')}:${String(sec).padStart(2, '0')}.${String(ms % 1000).padStart(3, '0')}`;
}
