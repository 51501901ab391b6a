import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/** Mono float samples at a known rate: what the measurements below need, from any container. */
export interface Pcm { readonly samples: Float32Array; readonly rate: number }

/**
 * Decodes through ffmpeg to raw float32, independently of the code under test (which never
 * hands PCM out), so a bug there cannot hide in the measurement. The default rate is the
 * fixtures' own: resampling would smear sound into a muted stretch and hide whether it is silent.
 */
export function decode(audio: Buffer, ext: string, rate = 22050): Pcm {
  const dir = mkdtempSync(join(tmpdir(), 'hutong-pcm-'));
  try {
    const file = join(dir, `in${ext}`);
    writeFileSync(file, audio);
    const raw = execFileSync('ffmpeg', ['-hide_banner', '-loglevel', 'error', '-i', file, '-ac', '1', '-ar', String(rate), '-f', 'f32le', '-'], { maxBuffer: 1 << 28 });
    const copy = new Uint8Array(raw).slice();
    return { samples: new Float32Array(copy.buffer, 0, copy.byteLength >> 2), rate };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

export const durationOf = (p: Pcm): number => p.samples.length / p.rate;

/** Root mean square of [from, to) seconds. */
export function rms(p: Pcm, from: number, to: number): number {
  const a = Math.max(0, Math.round(from * p.rate));
  const b = Math.min(p.samples.length, Math.round(to * p.rate));
  if (b <= a) return 0;
  let sum = 0;
  for (let i = a; i < b; i++) sum += p.samples[i]! ** 2;
  return Math.sqrt(sum / (b - a));
}

/**
 * Fundamental frequency of each voiced 40 ms frame by normalised autocorrelation: the lag
 * (60–500 Hz) with the highest correlation, accepted as voiced when it exceeds 0.6, refined by
 * parabolic interpolation. Quiet frames are skipped.
 */
export function f0Track(p: Pcm): number[] {
  const frame = Math.round(0.04 * p.rate);
  const hop = Math.round(0.01 * p.rate);
  const minLag = Math.floor(p.rate / 500);
  const maxLag = Math.ceil(p.rate / 60);
  const loud = 0.02;
  const out: number[] = [];
  for (let s = 0; s + frame + maxLag + 2 <= p.samples.length; s += hop) {
    const x = p.samples.subarray(s, s + frame + maxLag + 2);
    let e0 = 0;
    for (let i = 0; i < frame; i++) e0 += x[i]! ** 2;
    if (Math.sqrt(e0 / frame) < loud) continue;
    const r = new Float64Array(maxLag + 2);
    let e1 = 0;
    for (let i = 0; i < frame; i++) e1 += x[i + minLag - 1]! ** 2;
    for (let lag = minLag - 1; lag <= maxLag + 1; lag++) {
      let c = 0;
      for (let i = 0; i < frame; i++) c += x[i]! * x[i + lag]!;
      r[lag] = c / Math.sqrt(e0 * e1 + 1e-12);
      e1 += (x[lag + frame] ?? 0) ** 2 - x[lag]! ** 2; // slide the lagged window by one sample
    }
    let best = minLag;
    for (let lag = minLag; lag <= maxLag; lag++) if (r[lag]! > r[best]!) best = lag;
    if (r[best]! < 0.6) continue;
    const [a, b, c] = [r[best - 1]!, r[best]!, r[best + 1]!];
    const den = a - 2 * b + c;
    const shift = den < 0 ? Math.max(-0.5, Math.min(0.5, (0.5 * (a - c)) / den)) : 0;
    out.push(p.rate / (best + shift));
  }
  return out;
}

/**
 * The voice's typical pitch: the geometric mean of the voiced frames' F0 between the 10th and
 * 90th percentiles. Not the median, which jumps between the modes of a tonal language's
 * bimodal pitch distribution; the trimmed mean moves exactly with a pitch shift.
 */
export function typicalF0(p: Pcm): number {
  const s = f0Track(p).map(Math.log2).sort((a, b) => a - b);
  const kept = s.slice(Math.floor(s.length * 0.1), Math.ceil(s.length * 0.9));
  return 2 ** (kept.reduce((a, b) => a + b, 0) / kept.length);
}

/** For pitch: 8 kHz keeps every voice's F0 and makes the autocorrelation ten times cheaper. */
export const forPitch = (audio: Buffer, ext: string): Pcm => decode(audio, ext, 8000);

/** Semitones between two frequencies. */
export const semitones = (from: number, to: number): number => 12 * Math.log2(to / from);

/** In-place radix-2 FFT (n a power of two). */
function fft(re: Float64Array, im: Float64Array): void {
  const n = re.length;
  for (let i = 1, j = 0; i < n; i++) {
    let bit = n >> 1;
    for (; j & bit; bit >>= 1) j ^= bit;
    j ^= bit;
    if (i < j) { [re[i], re[j]] = [re[j]!, re[i]!]; [im[i], im[j]] = [im[j]!, im[i]!]; }
  }
  for (let len = 2; len <= n; len <<= 1) {
    const ang = (-2 * Math.PI) / len;
    for (let i = 0; i < n; i += len) {
      for (let k = 0; k < len / 2; k++) {
        const wr = Math.cos(ang * k), wi = Math.sin(ang * k);
        const a = i + k, b = a + len / 2;
        const xr = re[b]! * wr - im[b]! * wi, xi = re[b]! * wi + im[b]! * wr;
        re[b] = re[a]! - xr; im[b] = im[a]! - xi; re[a] = re[a]! + xr; im[a] = im[a]! + xi;
      }
    }
  }
}

/**
 * The average spectral envelope (log magnitude, cepstrally smoothed so the harmonics of the
 * voice's pitch are removed and only the vocal-tract resonances — formants — remain) of the
 * loud frames, sampled on a log-frequency grid of 0.1 semitone from 200 Hz to 4 kHz.
 */
export function envelope(p: Pcm): Float64Array {
  const n = 1024;
  const lifter = Math.round(p.rate / 600); // keeps quefrencies below ~1.7 ms: above any child's pitch period
  const sum = new Float64Array(n / 2);
  let frames = 0;
  for (let s = 0; s + n <= p.samples.length; s += n / 2) {
    const x = p.samples.subarray(s, s + n);
    let e = 0;
    for (let i = 0; i < n; i++) e += x[i]! ** 2;
    if (Math.sqrt(e / n) < 0.02) continue;
    const re = new Float64Array(n), im = new Float64Array(n);
    for (let i = 0; i < n; i++) re[i] = x[i]! * (0.5 - 0.5 * Math.cos((2 * Math.PI * i) / n));
    fft(re, im);
    for (let i = 0; i < n; i++) { re[i] = Math.log(Math.hypot(re[i]!, im[i]!) + 1e-9); im[i] = 0; }
    fft(re, im); // real cepstrum (up to 1/n)
    for (let i = lifter; i <= n - lifter; i++) { re[i] = 0; im[i] = 0; }
    fft(re, im);
    for (let k = 0; k < n / 2; k++) sum[k] = sum[k]! + re[k]! / n;
    frames++;
  }
  const grid = new Float64Array(Math.round(12 * Math.log2(4000 / 200) * 10));
  for (let g = 0; g < grid.length; g++) {
    const bin = (200 * 2 ** (g / 120) * n) / p.rate;
    const i = Math.floor(bin), t = bin - i;
    grid[g] = ((1 - t) * sum[i]! + t * sum[i + 1]!) / frames;
  }
  return grid;
}

/**
 * How far (in semitones, to 0.1) the output's envelope is shifted against the input's: the lag
 * between the two log-frequency envelopes with the highest correlation, searched within ±8.
 */
export function envelopeShift(input: Pcm, output: Pcm): number {
  const a = envelope(input), b = envelope(output);
  let best = 0, bestR = -Infinity;
  for (let lag = -80; lag <= 80; lag++) {
    let sa = 0, sb = 0, sab = 0, saa = 0, sbb = 0, m = 0;
    for (let g = Math.max(0, -lag); g < a.length && g + lag < b.length; g++) {
      const x = a[g]!, y = b[g + lag]!;
      sa += x; sb += y; sab += x * y; saa += x * x; sbb += y * y; m++;
    }
    const r = (sab - (sa * sb) / m) / Math.sqrt((saa - (sa * sa) / m) * (sbb - (sb * sb) / m));
    if (r > bestR) { bestR = r; best = lag; }
  }
  return best / 10;
}
