import { readdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { beforeAll, describe, expect, it } from 'vitest';
import { registryDetector } from '../../src/index.ts';
import { processAudio, type AudioResult } from '../../src/media/audio/index.ts';
import { mp3, record, speak, speechEnd, wav, type Recording } from './fixtures.ts';
import { decode, durationOf, envelopeShift, forPitch, rms, semitones, typicalF0, type Pcm } from './signal.ts';

/** A made-up child; the title tag repeats the name, as a careless recorder app would. */
const TAGS = { title: '王小明的录音', artist: '社工李某' };
const PHRASES = ['大家好，我叫王小明。', '我今年九岁，在松溪县郑墩镇中心小学读书。', '我喜欢画画和踢足球，也喜欢唱歌。', '小明说，谢谢大家。'];

let rec: Recording;
let input: Buffer;
let source: Pcm;
/** When the name and the school are really spoken (from synthesising the sentence up to and through them). */
let truth: { name: [number, number]; school: [number, number]; nickname: [number, number] };
let result: AudioResult;
let output: Pcm;

const inside = (r: AudioResult, [a, b]: [number, number]): boolean => r.muted.some((m) => m.start <= a && m.end >= b);

beforeAll(async () => {
  rec = record(PHRASES);
  input = wav(rec.pcm, TAGS);
  source = decode(input, '.wav');
  const [s1, s2, , s4] = rec.segments;
  // Sentence-final lengthening makes a prefix spoken alone a little longer than inside the
  // sentence, so the true interval is taken 0.15 s narrower on each side.
  const span = (seg: typeof s1, before: string, through: string): [number, number] =>
    [seg!.start + speechEnd(speak(before)) + 0.15, seg!.start + speechEnd(speak(through)) - 0.15];
  truth = {
    name: span(s1, '大家好，我叫', '大家好，我叫王小明'),
    school: span(s2, '我今年九岁，在', '我今年九岁，在松溪县郑墩镇中心小学'),
    nickname: [s4!.start + 0.05, s4!.start + speechEnd(speak('小明')) - 0.3],
  };
  result = await processAudio(input, '访谈.wav', { transcript: rec.segments });
  output = decode(result.output, '.wav');
});

describe('processAudio: a WAV interview with its transcript', () => {
  it('finds the name, the school and the nickname, and cites 第十四条 for each', () => {
    const said = result.muted.map((m) => `${m.type}:${m.text}`);
    expect(said).toEqual(expect.arrayContaining(['PERSON:王小明', 'PERSON:小明']));
    expect(result.muted.some((m) => m.text.includes('中心小学'))).toBe(true);
    for (const m of result.muted) expect(m.reason).toMatch(/《困境儿童个人信息保护工作办法》第十四条：.+已静音/);
    expect(result.muted.find((m) => m.text === '王小明')!.reason).toContain('姓名');
  });

  it('the spans cover where the words were really spoken, and are silent there', () => {
    for (const t of [truth.name, truth.school, truth.nickname]) {
      expect(inside(result, t)).toBe(true);
      expect(rms(output, t[0], t[1])).toBeLessThan(1e-6);
    }
    for (const m of result.muted) expect(rms(output, m.start, m.end)).toBeLessThan(1e-6);
  });

  it('everything else is still heard', () => {
    const s3 = rec.segments[2]!;
    expect(rms(source, s3.start, s3.end)).toBeGreaterThan(0.03);
    expect(rms(output, s3.start, s3.end)).toBeGreaterThan(0.5 * rms(source, s3.start, s3.end));
    // "大家好" before the name.
    const s1 = rec.segments[0]!;
    const nameSpan = result.muted.find((m) => m.text === '王小明')!;
    expect(nameSpan.start - s1.start).toBeGreaterThan(0.4);
    expect(rms(output, s1.start, nameSpan.start - 0.05)).toBeGreaterThan(0.02);
  });

  it('lowers the pitch by the requested 4 semitones and the formants by about 2', () => {
    const shift = semitones(typicalF0(forPitch(input, '.wav')), typicalF0(forPitch(result.output, '.wav')));
    expect(shift).toBeGreaterThan(-4.5);
    expect(shift).toBeLessThan(-3.5);
    const env = envelopeShift(source, output);
    expect(env).toBeLessThan(-1);
    expect(env).toBeGreaterThan(-3);
    expect(result.voiceAltered).toMatchObject({ pitchSemitones: -4, formantSemitones: -2 });
    expect(result.voiceAltered.formant).toMatch(/rubberband formant=preserved/);
  });

  it('keeps the duration (to the sample) and the container', () => {
    expect(result.mime).toBe('audio/wav');
    expect(result.output.toString('latin1', 8, 12)).toBe('WAVE');
    expect(output.samples.length).toBe(source.samples.length);
    expect(Math.abs(result.durationSeconds - durationOf(source))).toBeLessThan(1e-3);
  });

  it('strips the LIST/INFO tags: no title, no artist, no chunk', () => {
    expect(result.metadataRemoved).toEqual(['LIST/INFO']);
    expect(input.includes('王小明的录音')).toBe(true);
    for (const s of ['LIST', 'INFO', 'INAM', TAGS.title, TAGS.artist]) expect(result.output.includes(s)).toBe(false);
    expect(result.warnings).toBeUndefined();
  });
});

describe('processAudio: MP3 in, MP3 out', () => {
  let r: AudioResult;
  let inPcm: Pcm;
  let outPcm: Pcm;
  let mp3In: Buffer;
  beforeAll(async () => {
    mp3In = mp3(input, TAGS);
    inPcm = decode(mp3In, '.mp3');
    r = await processAudio(mp3In, '访谈.MP3', { transcript: rec.segments });
    outPcm = decode(r.output, '.mp3');
  });

  it('is an MP3 with no ID3v2 or ID3v1 tag and no trace of the title', () => {
    expect(mp3In.toString('latin1', 0, 3)).toBe('ID3');
    expect(r.mime).toBe('audio/mpeg');
    expect(r.output[0]).toBe(0xff);
    expect(r.output[1]! & 0xe0).toBe(0xe0);
    expect(r.output.toString('latin1', r.output.length - 128, r.output.length - 125)).not.toBe('TAG');
    expect(r.output.includes('ID3')).toBe(false);
    expect(r.output.includes(Buffer.from(TAGS.title, 'utf16le'))).toBe(false);
    expect(r.output.includes(TAGS.title)).toBe(false);
    expect(r.metadataRemoved).toEqual(['ID3v2', 'ID3v1']);
  });

  it('keeps the duration within a frame, silences the name, shifts the pitch', () => {
    expect(Math.abs(durationOf(outPcm) - durationOf(inPcm))).toBeLessThan(0.03);
    // MP3 quantisation noise spreads a few milliseconds into a silent stretch; stay 30 ms inside.
    for (const t of [truth.name, truth.school, truth.nickname]) expect(rms(outPcm, t[0] + 0.03, t[1] - 0.03)).toBeLessThan(0.003);
    const s3 = rec.segments[2]!;
    expect(rms(outPcm, s3.start, s3.end)).toBeGreaterThan(0.5 * rms(inPcm, s3.start, s3.end));
    const shift = semitones(typicalF0(forPitch(mp3In, '.mp3')), typicalF0(forPitch(r.output, '.mp3')));
    expect(shift).toBeGreaterThan(-4.5);
    expect(shift).toBeLessThan(-3.5);
  });
});

describe('processAudio: voice options', () => {
  it('formants move by the amount asked, independently of the pitch', async () => {
    const kept = (await processAudio(input, 'a.wav', { formantSemitones: 0 })).output;
    const far = (await processAudio(input, 'a.wav', { formantSemitones: -4 })).output;
    expect(Math.abs(envelopeShift(source, decode(kept, '.wav')))).toBeLessThan(1);
    expect(envelopeShift(source, decode(far, '.wav'))).toBeLessThan(-2.5);
    // The pitch moved the same in both.
    const f0 = typicalF0(forPitch(input, '.wav'));
    expect(semitones(f0, typicalF0(forPitch(kept, '.wav')))).toBeCloseTo(-4, 0);
    expect(semitones(f0, typicalF0(forPitch(far, '.wav')))).toBeCloseTo(-4, 0);
  });

  it('raises the pitch when asked, and warns that nothing was muted without a transcript', async () => {
    const r = await processAudio(input, 'a.wav', { pitchSemitones: 5 });
    const shift = semitones(typicalF0(forPitch(input, '.wav')), typicalF0(forPitch(r.output, '.wav')));
    expect(shift).toBeGreaterThan(4.5);
    expect(shift).toBeLessThan(5.5);
    expect(r.muted).toEqual([]);
    expect(r.warnings?.[0]).toMatch(/未提供转写文本.*第十四条/);
    expect(r.voiceAltered.formantSemitones).toBeCloseTo(2.5, 1);
  });
});

describe('processAudio: the registry finds what the detectors do not', () => {
  const phrase = '石头喜欢画画。';
  let short: Recording;
  let shortWav: Buffer;
  beforeAll(() => {
    short = record([phrase]);
    shortWav = wav(short.pcm);
  });

  it('without the registry an ordinary word is left alone; with it, it is muted as a name', async () => {
    const plain = await processAudio(shortWav, 'a.wav', { transcript: short.segments });
    expect(plain.muted).toEqual([]);
    const r = await processAudio(shortWav, 'a.wav', { transcript: short.segments, registry: registryDetector({ persons: ['石头'], schools: [], places: [] }) });
    expect(r.muted.map((m) => [m.type, m.text])).toEqual([['PERSON', '石头']]);
    const out = decode(r.output, '.wav');
    const s = short.segments[0]!;
    expect(rms(out, s.start, s.start + 0.4)).toBeLessThan(1e-6);
  });
});

describe('processAudio: bad input is refused with a clear message and leaves nothing behind', () => {
  const ours = (): string[] => readdirSync(tmpdir()).filter((n) => n.startsWith('hutong-audio-'));
  let before: string[];
  beforeAll(() => { before = ours(); });

  const refuses = async (p: Promise<unknown>, message: RegExp, field?: string): Promise<void> => {
    const e = await p.then(() => undefined, (x: unknown) => x) as { code?: string; statusCode?: number; message: string; details?: { fields?: { field: string; row?: number }[] } };
    expect(e, 'should have been refused').toBeDefined();
    expect(e.code).toBe('HUTONG_VALIDATION');
    expect(e.statusCode).toBe(400);
    expect(e.message).toMatch(message);
    if (field) expect(e.details?.fields?.[0]?.field).toBe(field);
  };

  it('unsupported extension, wrong content, corrupt data, empty audio', async () => {
    await refuses(processAudio(input, 'a.ogg'), /不支持的录音格式.*\.wav \.mp3/, 'a.ogg');
    await refuses(processAudio(Buffer.from('这不是录音，只是一段文字。'), 'a.wav'), /不是 WAV 录音/);
    await refuses(processAudio(input, 'a.mp3'), /不是 MP3 录音/);
    const riffJunk = Buffer.concat([input.subarray(0, 12), Buffer.alloc(4000, 0x5a)]);
    await refuses(processAudio(riffJunk, 'a.wav'), /录音已损坏/);
    const mp3Junk = Buffer.concat([Buffer.from([0xff, 0xfb, 0x90, 0x64]), Buffer.alloc(4000, 0x37)]);
    await refuses(processAudio(mp3Junk, 'a.mp3'), /录音已损坏/);
    await refuses(processAudio(wav({ samples: new Float32Array(0), rate: 16000 }), 'a.wav'), /没有音频内容/);
  });

  it('bad options and transcripts fail before any work', async () => {
    await refuses(processAudio(input, 'a.wav', { pitchSemitones: 1 }), /不足以使声音无法辨认.*第十四条/, 'pitchSemitones');
    await refuses(processAudio(input, 'a.wav', { pitchSemitones: 0 }), /不足以使声音无法辨认/, 'pitchSemitones');
    await refuses(processAudio(input, 'a.wav', { pitchSemitones: Number.NaN }), /-12 到 12/, 'pitchSemitones');
    await refuses(processAudio(input, 'a.wav', { formantSemitones: 30 }), /-12 到 12/, 'formantSemitones');
    await refuses(processAudio(input, 'a.wav', { transcript: 'WEBVTT\n\n00:01.000 --> 00:xx.000\n王小明\n' }), /第 3 行：时间格式无效/, 'transcript');
    await refuses(processAudio(input, 'a.wav', { transcript: [{ start: 2, end: 1, text: '王小明' }] }), /第 1 段的结束时间须晚于开始时间/, 'transcript');
  });

  it('a transcript running past the end of the recording is refused (it belongs to another one)', async () => {
    await refuses(processAudio(input, 'a.wav', { transcript: [{ start: 60, end: 65, text: '我叫王小明' }] }), /超出录音时长/, 'transcript');
  });

  it('no temporary directory is left behind', () => {
    expect(ours().filter((n) => !before.includes(n))).toEqual([]);
  });
});
