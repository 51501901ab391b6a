import { gunzipSync, gzipSync } from 'node:zlib';
import { NAME_PREFIX_BITS, N_TAGS, type WordTable } from './features.ts';
import type { TaggerModel } from './tagger.ts';

/**
 * The shipped model: gzip of [u32 header length][JSON header][65536 class bytes]
 * [u32 bloom bits][bloom words u32 × 2^bits/32][name-prefix bitset u32 × 2^NAME_PREFIX_BITS/32][transitions f32 × (N_TAGS+1)·N_TAGS][varint row-index deltas][int8 weights × N_TAGS per row].
 * Only rows with a non-zero weight are stored (most hash buckets are empty), quantised to int8.
 */
export interface ModelHeader { version: number; bits: number; scale: number; rows: number; [k: string]: unknown }

/** The word table is not part of this file: it ships beside it (words-file.ts). */
export function writeModel(m: TaggerModel, header: Omit<ModelHeader, 'scale' | 'rows'>): Buffer {
  const w = m.weights, ws = m.scale;
  let max = 0;
  for (let i = 0; i < w.length; i++) max = Math.max(max, Math.abs(w[i]!));
  const scale = (max * ws) / 127;
  const rows: number[] = [];
  for (let r = 0; r < w.length / N_TAGS; r++) {
    for (let t = 0; t < N_TAGS; t++) if (Math.round((w[r * N_TAGS + t]! * ws) / scale) !== 0) { rows.push(r); break; }
  }
  const varints: number[] = [];
  let prev = 0;
  for (const r of rows) {
    let d = r - prev; prev = r;
    while (d >= 0x80) { varints.push((d & 0x7f) | 0x80); d >>>= 7; }
    varints.push(d);
  }
  const vals = new Int8Array(rows.length * N_TAGS);
  rows.forEach((r, k) => { for (let t = 0; t < N_TAGS; t++) vals[k * N_TAGS + t] = Math.round((w[r * N_TAGS + t]! * ws) / scale); });
  const head = Buffer.from(JSON.stringify({ ...header, scale, rows: rows.length }));
  const len = Buffer.alloc(4); len.writeUInt32LE(head.length);
  const trans = Buffer.from(new Float32Array(m.trans).buffer);
  const bb = Buffer.alloc(4); bb.writeUInt32LE(m.names.bits);
  const bloom = Buffer.from(m.names.words.buffer, m.names.words.byteOffset, m.names.words.byteLength);
  const pre = m.names.prefix ?? new Uint32Array(1 << (NAME_PREFIX_BITS - 5)).fill(0xffffffff);
  const prefix = Buffer.from(pre.buffer, pre.byteOffset, pre.byteLength);
  return gzipSync(Buffer.concat([len, head, Buffer.from(m.classes), bb, bloom, prefix, trans, Buffer.from(varints), Buffer.from(vals.buffer)]), { level: 9 });
}

export function readModel(gz: Uint8Array, wordTable: WordTable): { model: TaggerModel; header: ModelHeader } {
  const buf = gunzipSync(gz);
  const hl = buf.readUInt32LE(0);
  const header = JSON.parse(buf.subarray(4, 4 + hl).toString('utf8')) as ModelHeader;
  let o = 4 + hl;
  const classes = new Uint8Array(buf.subarray(o, o + 65536)); o += 65536;
  const bloomBits = buf.readUInt32LE(o); o += 4;
  const words = new Uint32Array(1 << (bloomBits - 5));
  for (let k = 0; k < words.length; k++) words[k] = buf.readUInt32LE(o + 4 * k);
  o += 4 * words.length;
  const prefix = new Uint32Array(1 << (NAME_PREFIX_BITS - 5));
  for (let k = 0; k < prefix.length; k++) prefix[k] = buf.readUInt32LE(o + 4 * k);
  o += 4 * prefix.length;
  const nTrans = (N_TAGS + 1) * N_TAGS;
  const trans = new Float32Array(nTrans);
  for (let k = 0; k < nTrans; k++) trans[k] = buf.readFloatLE(o + 4 * k);
  o += 4 * nTrans;
  const weights = new Int8Array((1 << header.bits) * N_TAGS);
  const rowIdx = new Int32Array(header.rows);
  let prev = 0;
  for (let k = 0; k < header.rows; k++) {
    let d = 0, shift = 0, b: number;
    do { b = buf[o++]!; d |= (b & 0x7f) << shift; shift += 7; } while (b & 0x80);
    rowIdx[k] = prev += d;
  }
  for (let k = 0; k < header.rows; k++) {
    const base = rowIdx[k]! * N_TAGS;
    for (let t = 0; t < N_TAGS; t++) weights[base + t] = (buf[o++]! << 24) >> 24;
  }
  return { model: { mask: (1 << header.bits) - 1, weights, scale: header.scale, trans, classes, names: { bits: bloomBits, words, prefix }, words: wordTable }, header };
}
