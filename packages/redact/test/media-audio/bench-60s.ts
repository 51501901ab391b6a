/**
 * Wall time of processAudio on a 60-second recording (synthetic Mandarin speech, 11 transcript
 * segments), as WAV 22.05 kHz mono, WAV 48 kHz stereo and MP3 48 kHz stereo.
 * Run: npx tsx packages/redact/test/media-audio/bench-60s.ts   (not part of the test suite)
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { defaultEngine } from '../../src/index.ts';
import { processAudio } from '../../src/media/audio/index.ts';
import { mp3, record, wav } from './fixtures.ts';

const PHRASES = ['大家好，我叫王小明。', '我今年九岁，在松溪县郑墩镇中心小学读书。', '我喜欢画画和踢足球，也喜欢唱歌。', '小明说，谢谢大家。', '我妈妈在外地打工，我和奶奶住在一起。', '老师和同学们都很照顾我。'];

const rec = record([...PHRASES, ...PHRASES]);
const samples = new Float32Array(60 * rec.pcm.rate);
samples.set(rec.pcm.samples.subarray(0, samples.length));
const segments = rec.segments.filter((s) => s.end <= 60);
const mono = wav({ samples, rate: rec.pcm.rate });
const dir = mkdtempSync(join(tmpdir(), 'hutong-bench-'));
let stereo: Buffer;
try {
  writeFileSync(join(dir, 'm.wav'), mono);
  execFileSync('ffmpeg', ['-loglevel', 'error', '-i', join(dir, 'm.wav'), '-ar', '48000', '-ac', '2', join(dir, 's.wav')]);
  stereo = readFileSync(join(dir, 's.wav'));
} finally {
  rmSync(dir, { recursive: true, force: true });
}
let t = performance.now();
defaultEngine();
console.log(`engine load ${Math.round(performance.now() - t)} ms; ${segments.length} segments; load average ${loadavg()[0]!.toFixed(1)}`);
for (const [label, input, name] of [['WAV 22.05 kHz mono', mono, 'a.wav'], ['WAV 48 kHz stereo', stereo, 'a.wav'], ['MP3 48 kHz stereo', mp3(stereo, { title: 't', artist: 'a' }), 'a.mp3']] as const) {
  t = performance.now();
  const r = await processAudio(input, name, { transcript: segments });
  console.log(`${label}: ${Math.round(performance.now() - t)} ms for ${r.durationSeconds.toFixed(1)} s, ${r.muted.length} spans muted`);
}
