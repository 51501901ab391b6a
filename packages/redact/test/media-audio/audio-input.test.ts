import { describe, expect, it } from 'vitest';
import { isAudioFile } from '../../src/media/audio/index.ts';
import { audioFormatOf, looksLike } from '../../src/media/audio/audio-format.ts';
import { metadataIn } from '../../src/media/audio/audio-metadata.ts';
import { riffChunks, wavLayout } from '../../src/media/audio/riff.ts';

const WAV = audioFormatOf('a.wav')!;
const MP3 = audioFormatOf('a.mp3')!;

function chunk(id: string, body: Buffer, size = body.length): Buffer {
  const head = Buffer.alloc(8);
  head.write(id, 0, 'latin1');
  head.writeUInt32LE(size, 4);
  return Buffer.concat([head, body, body.length & 1 ? Buffer.alloc(1) : Buffer.alloc(0)]);
}
const fmt = (channels: number, rate: number, bits: number): Buffer => {
  const b = Buffer.alloc(16);
  b.writeUInt16LE(1, 0); b.writeUInt16LE(channels, 2); b.writeUInt32LE(rate, 4);
  b.writeUInt32LE((rate * channels * bits) / 8, 8); b.writeUInt16LE((channels * bits) / 8, 12); b.writeUInt16LE(bits, 14);
  return b;
};
const riff = (...chunks: Buffer[]): Buffer => {
  const body = Buffer.concat([Buffer.from('WAVE', 'latin1'), ...chunks]);
  const head = Buffer.alloc(8);
  head.write('RIFF', 0, 'latin1');
  head.writeUInt32LE(body.length, 4);
  return Buffer.concat([head, body]);
};

describe('isAudioFile / audioFormatOf', () => {
  it('knows .wav and .mp3 in any case, nothing else', () => {
    expect(['a.wav', 'B.WAV', '访谈.mp3', 'x.Mp3'].map(isAudioFile)).toEqual([true, true, true, true]);
    expect(['a.ogg', 'a.m4a', 'a.flac', 'wav', 'a.wav.txt', ''].map(isAudioFile)).toEqual([false, false, false, false, false, false]);
    expect(audioFormatOf('a.mp3')).toMatchObject({ mime: 'audio/mpeg', ffmpeg: 'mp3' });
    expect(audioFormatOf('a.wav')).toMatchObject({ mime: 'audio/wav', ffmpeg: 'wav' });
  });
});

describe('looksLike', () => {
  it('WAV: RIFF/RF64 + WAVE only', () => {
    expect(looksLike(WAV, riff(chunk('fmt ', fmt(1, 8000, 16))))).toBe(true);
    expect(looksLike(WAV, Buffer.from('RF64\xff\xff\xff\xffWAVE', 'latin1'))).toBe(true);
    expect(looksLike(WAV, Buffer.from('RIFF\0\0\0\0AVI LIST', 'latin1'))).toBe(false);
    expect(looksLike(WAV, Buffer.from('ID3\x03'))).toBe(false);
    expect(looksLike(WAV, Buffer.alloc(0))).toBe(false);
  });

  it('MP3: an ID3v2 tag or a valid frame header first', () => {
    expect(looksLike(MP3, Buffer.from('ID3\x04\0\0\0\0\0\0', 'latin1'))).toBe(true);
    expect(looksLike(MP3, Buffer.from([0xff, 0xfb, 0x90, 0x64]))).toBe(true); // MPEG-1 layer III 128 kbit/s
    expect(looksLike(MP3, Buffer.from([0xff, 0xf3, 0x80, 0xc4]))).toBe(true); // MPEG-2 layer III
    expect(looksLike(MP3, Buffer.from([0xff, 0xe9, 0x90, 0x64]))).toBe(false); // reserved version
    expect(looksLike(MP3, Buffer.from([0xff, 0xf9, 0x90, 0x64]))).toBe(false); // reserved layer
    expect(looksLike(MP3, Buffer.from([0xff, 0xfb, 0xf0, 0x64]))).toBe(false); // bad bit rate
    expect(looksLike(MP3, Buffer.from('<html>'))).toBe(false);
  });
});

describe('metadataIn', () => {
  it('WAV: every chunk besides the sound and its layout, named', () => {
    const info = chunk('LIST', Buffer.concat([Buffer.from('INFO', 'latin1'), chunk('INAM', Buffer.from('王小明\0'))]));
    const b = riff(chunk('fmt ', fmt(1, 8000, 16)), chunk('bext', Buffer.alloc(10)), info, chunk('JUNK', Buffer.alloc(3)), chunk('id3 ', Buffer.from('ID3')), chunk('data', Buffer.alloc(8)));
    expect(metadataIn(WAV, b)).toEqual(['bext', 'LIST/INFO', 'ID3v2']);
    expect(metadataIn(WAV, riff(chunk('fmt ', fmt(1, 8000, 16)), chunk('data', Buffer.alloc(8))))).toEqual([]);
  });

  it('MP3: ID3v2 at the start, APEv2 and ID3v1 at the end', () => {
    const id3 = Buffer.concat([Buffer.from('ID3\x03\0\0', 'latin1'), Buffer.from([0, 0, 0, 4]), Buffer.from('TIT2')]);
    const frame = Buffer.concat([Buffer.from([0xff, 0xfb, 0x90, 0x64]), Buffer.alloc(413)]);
    const ape = Buffer.concat([Buffer.from('APETAGEX', 'latin1'), Buffer.alloc(24)]);
    const v1 = Buffer.concat([Buffer.from('TAG王小明', 'utf8'), Buffer.alloc(128 - 3 - 9)]);
    expect(metadataIn(MP3, Buffer.concat([id3, frame, ape, v1]))).toEqual(['ID3v2', 'ID3v1', 'APEv2']);
    expect(metadataIn(MP3, frame)).toEqual([]);
  });
});

describe('riffChunks / wavLayout', () => {
  it('walks odd-sized chunks with their pad byte and stops at a chunk that overruns the file', () => {
    const b = riff(chunk('abcd', Buffer.alloc(3)), chunk('fmt ', fmt(2, 44100, 16)), chunk('data', Buffer.alloc(10), 1000));
    expect(riffChunks(b).map((c) => [c.id, c.size])).toEqual([['abcd', 3], ['fmt ', 16], ['data', 10]]);
  });

  it('counts sample frames, also when the data size is a placeholder', () => {
    const pcm = Buffer.alloc(4 * 100);
    const exact = riff(chunk('fmt ', fmt(2, 44100, 16)), chunk('data', pcm));
    expect(wavLayout(exact, exact.length)).toEqual({ channels: 2, sampleRate: 44100, blockAlign: 4, frames: 100, dataOffset: 44 });
    const streamed = riff(chunk('fmt ', fmt(2, 44100, 16)), chunk('data', pcm, 0xffffffff));
    expect(wavLayout(streamed, streamed.length)?.frames).toBe(100);
    expect(wavLayout(riff(chunk('data', pcm)), 500)).toBeUndefined(); // no fmt chunk before the data
  });
});
