import { readFile, stat, writeFile } from 'node:fs/promises';
import JSZip from 'jszip';
import { HutongError } from '@hutong/core';
import { redactText } from '../redact.ts';
import { formatErrors } from './format-errors.ts';
import type { FormatContext } from './format-context.ts';

/** A .docx is read whole (zip); beyond this it is more likely a bomb than a document. */
const MAX_DOCX = 200 * 1024 * 1024;

/** Parts whose paragraphs are text a reader sees; everything else in the package is copied as is. */
const TEXT_PARTS = /^word\/(?:document|header\d*|footer\d*|footnotes|endnotes|comments)\.xml$/u;

const TOKEN = /<w:p(?=[\s>/])[^>]*?(\/?)>|<\/w:p>|<w:(t|delText|instrText)(?=[\s>/])([^>]*?)(?:\/>|>([^<]*)<\/w:\2>)|<w:(?:tab|br|cr)(?=[\s>/])[^>]*\/>/gu;

function unescapeXml(s: string): string {
  return s.replace(/&(lt|gt|amp|quot|apos|#\d+|#x[0-9a-fA-F]+);/gu, (m, e: string) =>
    e === 'lt' ? '<' : e === 'gt' ? '>' : e === 'amp' ? '&' : e === 'quot' ? '"' : e === 'apos' ? "'"
      : e[1] === 'x' ? String.fromCodePoint(parseInt(e.slice(2), 16)) : e[0] === '#' ? String.fromCodePoint(parseInt(e.slice(1), 10)) : m);
}
function escapeXml(s: string): string {
  return s.replace(/&/gu, '&amp;').replace(/</gu, '&lt;').replace(/>/gu, '&gt;');
}

interface Run { xmlStart: number; xmlEnd: number; tag: string; attrs: string; textStart: number; text: string }
interface Para { runs: Run[]; text: string }

/**
 * Rewrites the text runs of every paragraph. Word splits text across runs freely (张<b>三</b>,
 * spell-check marks, revisions), so detection runs on the paragraph's joined text and each
 * replacement goes into the run where its span starts; the rest of the span is cut from the
 * following runs. Formatting and everything outside w:t stays. Deleted (tracked) text and
 * field codes are text too: a name in a revision or a HYPERLINK field must not survive.
 */
export function redactDocumentXml(ctx: FormatContext, xml: string, part: string, paraNo: { n: number }): string {
  const edits: { start: number; end: number; text: string }[] = [];
  const stack: Para[] = [];
  const finish = (p: Para): void => {
    paraNo.n++;
    if (!p.runs.length || !p.text.trim()) return;
    const r = redactText(ctx.engine, p.text, { policy: ctx.policy, state: ctx.state, includeOriginal: ctx.opts.includeOriginal, location: `${part} 第${paraNo.n}段` });
    if (!r.findings.length) return;
    ctx.report.add(r.report);
    const texts = p.runs.map((run) => run.text);
    // Right to left, so earlier offsets stay valid within each run.
    for (let k = r.findings.length - 1; k >= 0; k--) {
      const f = r.findings[k]!;
      const rep = r.report[k]!.replacement;
      let placed = false;
      for (let i = 0; i < p.runs.length; i++) {
        const run = p.runs[i]!;
        const s = run.textStart, e = s + run.text.length;
        if (e <= f.start || s >= f.end) continue;
        const from = Math.max(f.start, s) - s, to = Math.min(f.end, e) - s;
        const t = texts[i]!;
        texts[i] = t.slice(0, from) + (placed ? '' : rep) + t.slice(to);
        placed = true;
      }
    }
    p.runs.forEach((run, i) => {
      if (texts[i] === run.text) return;
      const attrs = /xml:space=/u.test(run.attrs) ? run.attrs : `${run.attrs} xml:space="preserve"`;
      edits.push({ start: run.xmlStart, end: run.xmlEnd, text: `<w:${run.tag}${attrs}>${escapeXml(texts[i]!)}</w:${run.tag}>` });
    });
  };
  for (const m of xml.matchAll(TOKEN)) {
    const tok = m[0];
    if (tok.startsWith('<w:p')) { if (!m[1]) stack.push({ runs: [], text: '' }); continue; }
    if (tok === '</w:p>') { const p = stack.pop(); if (p) finish(p); continue; }
    const p = stack[stack.length - 1];
    if (!p) continue;
    if (m[2]) {
      const text = unescapeXml(m[4] ?? '');
      p.runs.push({ xmlStart: m.index, xmlEnd: m.index + tok.length, tag: m[2], attrs: m[3] ?? '', textStart: p.text.length, text });
      p.text += text;
    } else p.text += tok.includes(':tab') ? '\t' : '\n';
  }
  if (!edits.length) return xml;
  edits.sort((a, b) => a.start - b.start);
  let out = '';
  let at = 0;
  for (const e of edits) { out += xml.slice(at, e.start) + e.text; at = e.end; }
  return out + xml.slice(at);
}

/** External link targets (mailto:, tel:, a URL with a name in it) live in the relationships, not the text. */
const EXTERNAL_REL = /<Relationship\b[^>]*\bTargetMode="External"[^>]*>/gu;

function redactRels(ctx: FormatContext, xml: string, part: string): string {
  return xml.replace(EXTERNAL_REL, (el) => el.replace(/\bTarget="([^"]*)"/u, (attr, target: string) => {
    const r = redactText(ctx.engine, unescapeXml(target), { policy: ctx.policy, state: ctx.state, location: `${part} 链接` });
    if (!r.findings.length) return attr;
    ctx.report.add(r.report);
    return `Target="${escapeXml(r.text).replace(/"/gu, '&quot;')}"`;
  }));
}

const CORE_FIELDS = /<(dc:title|dc:subject|dc:description|cp:keywords)([^>]*)>([^<]*)<\/\1>/gu;

export async function redactDocxFile(ctx: FormatContext): Promise<void> {
  if ((await stat(ctx.inPath)).size > MAX_DOCX) throw formatErrors.tooLarge(ctx.inPath, MAX_DOCX);
  let zip: JSZip;
  try { zip = await JSZip.loadAsync(await readFile(ctx.inPath)); } catch {
    throw formatErrors.malformed(ctx.inPath, '不是有效的 DOCX 文件（无法作为 zip 打开）');
  }
  if (!zip.file('word/document.xml')) throw formatErrors.malformed(ctx.inPath, '不是有效的 DOCX 文件（缺少 word/document.xml）');
  try {
    const paraNo = { n: 0 };
    const parts = Object.keys(zip.files).filter((n) => TEXT_PARTS.test(n)).sort((a, b) => (a === 'word/document.xml' ? -1 : b === 'word/document.xml' ? 1 : a.localeCompare(b)));
    for (const name of parts) {
      const xml = await zip.file(name)!.async('string');
      zip.file(name, redactDocumentXml(ctx, xml, name, paraNo));
    }
    for (const name of Object.keys(zip.files).filter((n) => /^word\/_rels\/[^/]+\.rels$/u.test(n))) {
      zip.file(name, redactRels(ctx, await zip.file(name)!.async('string'), name));
    }
    const core = zip.file('docProps/core.xml');
    if (core) {
      const xml = await core.async('string');
      zip.file('docProps/core.xml', xml.replace(CORE_FIELDS, (_m, tag: string, attrs: string, body: string) => {
        const r = redactText(ctx.engine, unescapeXml(body), { policy: ctx.policy, state: ctx.state, location: `文档属性 ${tag}` });
        ctx.report.add(r.report);
        return `<${tag}${attrs}>${escapeXml(r.text)}</${tag}>`;
      }));
    }
    await writeFile(ctx.outPath, await zip.generateAsync({ type: 'nodebuffer', compression: 'DEFLATE' }));
    ctx.report.progress((await stat(ctx.inPath)).size, true);
  } catch (e) {
    if (e instanceof HutongError) throw e;
    throw formatErrors.malformed(ctx.inPath, '不是有效的 DOCX 文件（内容无法解析）');
  }
}
