import { describe, expect, it } from 'vitest';
import { parseSrt, parseWebVtt, toSegments } from '../../src/media/audio/index.ts';

/** The HutongError a call throws (or a failure when it does not throw). */
function refusal(f: () => unknown): { code: string; message: string; details: { fields: { field: string; row?: number }[] } } {
  try {
    f();
  } catch (e) {
    return e as never;
  }
  throw new Error('should have been refused');
}

describe('WebVTT', () => {
  it('reads cues: header text, NOTE/STYLE blocks, identifiers, settings, hours optional, CRLF and BOM', () => {
    const vtt = '\uFEFFWEBVTT - 访谈\r\nKind: captions\r\n\r\nNOTE 由社工校对\r\n\r\nSTYLE\r\n::cue { color: yellow }\r\n\r\n'
      + 'cue-1\r\n00:01.000 --> 00:03.500 align:start position:10%\r\n大家好，\r\n我叫王小明。\r\n\r\n'
      + '01:00:04.250 --> 01:00:06.000\r\n我今年九岁。\r\n';
    expect(parseWebVtt(vtt)).toEqual([
      { start: 1, end: 3.5, text: '大家好， 我叫王小明。' },
      { start: 3604.25, end: 3606, text: '我今年九岁。' },
    ]);
  });

  it('drops markup: voice and class tags, inline timestamps, ruby readings, entities', () => {
    const vtt = 'WEBVTT\n\n00:00.000 --> 00:02.000\n<v 社工>你叫<c.red>什么</c>？</v> <00:01.000>&lt;停顿&gt; <ruby>王<rt>wáng</rt></ruby>小明&amp;妈妈&#x1F600;\n';
    expect(parseWebVtt(vtt)[0]!.text).toBe('你叫什么？ <停顿> 王小明&妈妈😀');
  });

  it('skips empty cues and accepts a file with no cues', () => {
    expect(parseWebVtt('WEBVTT\n\n00:00.000 --> 00:01.000\n<b></b>\n')).toEqual([]);
    expect(parseWebVtt('WEBVTT')).toEqual([]);
  });

  it.each([
    ['no header', '00:00.000 --> 00:01.000\n王小明\n', /须以 WEBVTT 开头/, 1],
    ['bad minutes', 'WEBVTT\n\n00:61.000 --> 00:62.000\n王小明\n', /第 3 行：时间格式无效/, 3],
    ['comma decimal', 'WEBVTT\n\n00:01,000 --> 00:02,000\n王小明\n', /第 3 行：时间格式无效/, 3],
    ['two-digit fraction', 'WEBVTT\n\n00:01.00 --> 00:02.000\n王小明\n', /时间格式无效/, 3],
    ['end before start', 'WEBVTT\n\n\n00:05.000 --> 00:02.000\n王小明\n', /第 4 行：结束时间 2 秒 须晚于开始时间 5 秒/, 4],
    ['text block without timing', 'WEBVTT\n\n00:01.000 --> 00:02.000\n大家好\n\n我叫王小明\n', /第 6 行：缺少时间行/, 6],
    ['cue glued to the header', 'WEBVTT\n00:01.000 --> 00:02.000\n王小明\n', /头部与第一条字幕之间须有空行/, 1],
    ['missing blank line between cues', 'WEBVTT\n\n00:01.000 --> 00:02.000\n大家好\n00:02.000 --> 00:03.000\n王小明\n', /第 5 行：.*-->/, 5],
  ])('refuses %s, naming the line', (_what, vtt, message, row) => {
    const e = refusal(() => parseWebVtt(vtt));
    expect(e.code).toBe('HUTONG_VALIDATION');
    expect(e.message).toMatch(message);
    expect(e.details.fields[0]).toMatchObject({ field: 'transcript', row });
  });
});

describe('SRT', () => {
  it('reads numbered blocks, comma or full-stop decimals, <i>/<font> and {\\an8} markup, coordinates', () => {
    const srt = '1\n00:00:01,000 --> 00:00:03,500\n{\\an8}<i>大家好</i>，\n我叫<font color="red">王小明</font>。\n\n'
      + '2\r\n00:00:04.25 --> 00:00:06,000 X1:100 X2:200 Y1:10 Y2:20\r\n我今年九岁。\r\n\r\n\r\n';
    expect(parseSrt(srt)).toEqual([
      { start: 1, end: 3.5, text: '大家好， 我叫王小明。' },
      { start: 4.25, end: 6, text: '我今年九岁。' },
    ]);
  });

  it.each([
    ['a block without timing', '1\n00:00:01,000 --> 00:00:02,000\n大家好\n\n2\n我叫王小明\n', /第 6 行：缺少时间行/, 6],
    ['minutes over 59', '1\n00:75:01,000 --> 00:75:02,000\n王小明\n', /第 2 行：时间格式无效/, 2],
    ['a WebVTT-style short timestamp', '1\n00:01.000 --> 00:02.000\n王小明\n', /时间格式无效/, 2],
    ['end equal to start', '1\n00:00:02,000 --> 00:00:02,000\n王小明\n', /须晚于开始时间/, 2],
  ])('refuses %s, naming the line', (_what, srt, message, row) => {
    const e = refusal(() => parseSrt(srt));
    expect(e.message).toMatch(message);
    expect(e.details.fields[0]).toMatchObject({ field: 'transcript', row });
  });
});

describe('toSegments', () => {
  it('tells WebVTT from SRT', () => {
    expect(toSegments('WEBVTT\n\n00:01.000 --> 00:02.000\n王小明\n')).toEqual([{ start: 1, end: 2, text: '王小明' }]);
    expect(toSegments('1\n00:00:01,000 --> 00:00:02,000\n王小明\n')).toEqual([{ start: 1, end: 2, text: '王小明' }]);
    expect(toSegments('  \n')).toEqual([]);
  });

  it('refuses text that is neither', () => {
    expect(refusal(() => toSegments('大家好，我叫王小明。')).message).toMatch(/无法识别的字幕格式/);
  });

  it('checks segment arrays item by item and normalises whitespace', () => {
    expect(toSegments([{ start: 0, end: 1.5, text: ' 我叫\n王小明 ' }])).toEqual([{ start: 0, end: 1.5, text: '我叫 王小明' }]);
    const bad: [unknown, RegExp][] = [
      [[null], /第 1 段不是 \{start, end, text\} 对象/],
      [[{ start: 0, end: 1, text: 'a' }, { start: -1, end: 1, text: 'b' }], /第 2 段的 start、end 须为不小于 0 的秒数/],
      [[{ start: '0', end: 1, text: 'a' }], /须为不小于 0 的秒数/],
      [[{ start: 0, end: Infinity, text: 'a' }], /须为不小于 0 的秒数/],
      [[{ start: 3, end: 3, text: 'a' }], /结束时间须晚于开始时间/],
      [[{ start: 0, end: 1, text: 5 }], /text 须为字符串/],
      [42, /须为分段数组/],
    ];
    for (const [input, message] of bad) expect(refusal(() => toSegments(input as never)).message).toMatch(message);
  });
});
