import fs from 'node:fs';
import path from 'node:path';
import { ENTITY_TYPES, isAudioFile, isImageFile, maskText, processAudio, processImage, registryDetector, type AudioResult, type EntityType, type ImageResult, type RegistryTerms } from '../redact-api.ts';
import { printError, type Out } from '../output.ts';

export interface RedactMediaOptions { in: string; out: string; report?: string; transcript?: string; faces?: 'blur' | 'pixelate' }

export function isMediaFile(name: string): boolean {
  return isImageFile(name) || isAudioFile(name);
}

/** The report shows what was found without repeating it: recognised words masked as in text reports. */
const masked = (text: string | undefined) => (text === undefined ? undefined : maskText(text, 1, 0));

function imageReport(file: string, r: ImageResult) {
  return {
    file, kind: 'image', width: r.width, height: r.height, metadataRemoved: r.metadataRemoved,
    findings: r.findings.map((f) => ({ id: f.id, kind: f.kind, type: f.type, text: masked(f.text), box: f.box, score: f.score, action: f.action, reason: f.reason })),
  };
}

function audioReport(file: string, r: AudioResult) {
  return {
    file, kind: 'audio', durationSeconds: r.durationSeconds, voiceAltered: r.voiceAltered,
    muted: r.muted.map((m) => ({ start: m.start, end: m.end, type: m.type, text: masked(m.text), reason: m.reason })),
  };
}

/**
 * 技术处理 of a photo (faces blurred, identifying text masked, metadata removed) or a recording
 * (voice altered, names muted where the transcript says they are spoken). The output file is
 * written only when processing succeeded: nothing unprocessed ever lands at --out.
 */
export async function runRedactMedia(opts: RedactMediaOptions, terms: RegistryTerms | undefined, o: Out): Promise<number> {
  const image = isImageFile(opts.in);
  if (path.extname(opts.in).toLowerCase() !== path.extname(opts.out).toLowerCase()) {
    o.err(`错误：--out 的扩展名应与输入相同（${path.extname(opts.in)}）`);
    return 1;
  }
  if (opts.report && path.extname(opts.report).toLowerCase() !== '.json') {
    o.err('错误：图片与录音的审核报告只写为 .json');
    return 1;
  }
  if (image && opts.transcript) {
    o.err('错误：--transcript 只用于录音（.wav、.mp3）');
    return 1;
  }
  const registry = terms ? { registry: registryDetector(terms) } : {};
  const t0 = performance.now();
  try {
    const input = await fs.promises.readFile(opts.in);
    let report: object;
    let summary: string;
    if (image) {
      const r = await processImage(input, { faces: opts.faces ?? 'blur', ...registry });
      await fs.promises.writeFile(opts.out, r.output);
      report = imageReport(opts.in, r);
      const faces = r.findings.filter((f) => f.kind === 'face').length;
      const texts = r.findings.filter((f) => f.kind === 'text');
      summary = `人脸 ${faces} 张已${opts.faces === 'pixelate' ? '打马赛克' : '模糊'}；图中文字 ${texts.length} 处已涂盖${texts.length ? `（${[...new Set(texts.map((f) => ENTITY_TYPES[f.type as EntityType] ?? f.type))].join('、')}）` : ''}；已去除 ${r.metadataRemoved.join('、') || '无元数据'}`;
    } else {
      const transcript = opts.transcript ? await fs.promises.readFile(opts.transcript, 'utf8') : undefined;
      const r = await processAudio(input, opts.in, { ...(transcript !== undefined ? { transcript } : {}), ...registry });
      await fs.promises.writeFile(opts.out, r.output);
      report = audioReport(opts.in, r);
      summary = `声音已变调（${r.voiceAltered.formant}）；静音 ${r.muted.length} 处${transcript === undefined ? '（未提供 --transcript，未按字幕静音姓名）' : ''}`;
    }
    if (opts.report) await fs.promises.writeFile(opts.report, JSON.stringify(report, null, 2) + '\n');
    o.out(`已处理 ${opts.in} → ${opts.out}：${summary}；用时 ${((performance.now() - t0) / 1000).toFixed(1)} 秒`);
    return 0;
  } catch (e) {
    return printError(o, e, { transcript: '--transcript' });
  }
}
