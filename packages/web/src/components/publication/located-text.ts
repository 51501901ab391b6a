/**
 * The paragraphs of a DOCX and the cells of an XLSX or CSV, keyed as the engine names a
 * finding's `location` (`word/document.xml 第3段`, `获奖名单 第2行 姓名`, `第2行 姓名`), so a
 * reviewer sees each one whole in the draft and in the processed file. The reading mirrors the
 * engine's (packages/redact/src/formats); where it cannot, nothing is shown rather than a guess.
 */
import { zipTexts } from './zip-entries.ts';

export interface LocatedTexts {
  /** Location key → the text of that paragraph or cell. */
  texts: Map<string, string>;
  /** XLSX sheet names in workbook order (the location names the processed sheet). */
  sheets: string[];
}

function unescapeXml(s: string): string {
  return s.replace(/&(lt|gt|amp|quot|apos|#\d+|#x[0-9a-fA-F]+);/gu, (m, e: string) =>
    e === 'lt' ? '<' : e === 'gt' ? '>' : e === 'amp' ? '&' : e === 'quot' ? '"' : e === 'apos' ? "'"
      : e[1] === 'x' ? String.fromCodePoint(parseInt(e.slice(2), 16)) : e[0] === '#' ? String.fromCodePoint(parseInt(e.slice(1), 10)) : m);
}

// As docx.format.ts: paragraphs, their text runs (text, deleted text, field codes), tabs and breaks.
const DOCX_TEXT_PARTS = /^word\/(?:document|header\d*|footer\d*|footnotes|endnotes|comments)\.xml$/u;
const DOCX_TOKEN = /<w:p(?=[\s>/])[^>]*?(\/?)>|<\/w:p>|<w:(t|delText|instrText)(?=[\s>/])([^>]*?)(?:\/>|>([^<]*)<\/w:\2>)|<w:(?:tab|br|cr)(?=[\s>/])[^>]*\/>/gu;

function docxParagraphs(parts: Map<string, string>): Map<string, string> {
  const out = new Map<string, string>();
  const names = [...parts.keys()].sort((a, b) => (a === 'word/document.xml' ? -1 : b === 'word/document.xml' ? 1 : a.localeCompare(b)));
  let n = 0;
  for (const part of names) {
    const stack: string[] = [];
    for (const m of parts.get(part)!.matchAll(DOCX_TOKEN)) {
      const tok = m[0];
      if (tok.startsWith('<w:p')) { if (!m[1]) stack.push(''); continue; }
      if (tok === '</w:p>') {
        const text = stack.pop();
        if (text === undefined) continue;
        n++;
        if (text.trim()) out.set(`${part} 第${n}段`, text);
        continue;
      }
      if (!stack.length) continue;
      stack[stack.length - 1] += m[2] ? unescapeXml(m[4] ?? '') : tok.includes(':tab') ? '\t' : '\n';
    }
  }
  return out;
}

const colIndex = (ref: string) => [...(/^[A-Z]+/u.exec(ref)?.[0] ?? '')].reduce((n, ch) => n * 26 + ch.charCodeAt(0) - 64, 0);
const joinT = (xml: string) => [...xml.matchAll(/<t(?:\s[^>]*)?>([^<]*)<\/t>/gu)].map((t) => unescapeXml(t[1] ?? '')).join('');

function xlsxCells(entries: Map<string, string>): LocatedTexts {
  const texts = new Map<string, string>();
  const shared = [...(entries.get('xl/sharedStrings.xml') ?? '').matchAll(/<si>([\s\S]*?)<\/si>/gu)].map((m) => joinT(m[1]!.replace(/<rPh[\s\S]*?<\/rPh>/gu, '')));
  const rels = new Map([...(entries.get('xl/_rels/workbook.xml.rels') ?? '').matchAll(/<Relationship\b[^>]*>/gu)].map((m) => [
    /\bId="([^"]*)"/u.exec(m[0])?.[1] ?? '', (/\bTarget="([^"]*)"/u.exec(m[0])?.[1] ?? '').replace(/^\/?(xl\/)?/u, 'xl/'),
  ]));
  const sheets = [...(entries.get('xl/workbook.xml') ?? '').matchAll(/<sheet\b[^>]*>/gu)].map((m) => ({
    name: unescapeXml(/\bname="([^"]*)"/u.exec(m[0])?.[1] ?? ''), path: rels.get(/\br:id="([^"]*)"/u.exec(m[0])?.[1] ?? '') ?? '',
  }));
  sheets.forEach((sheet, i) => {
    let header: Map<number, string> | null = null;
    for (const row of (entries.get(sheet.path) ?? '').matchAll(/<row\b([^>]*?)(?:\/>|>([\s\S]*?)<\/row>)/gu)) {
      const no = Number(/\br="(\d+)"/u.exec(row[1] ?? '')?.[1]);
      const cells = new Map<number, string>();
      for (const c of (row[2] ?? '').matchAll(/<c\b([^>]*?)(?:\/>|>([\s\S]*?)<\/c>)/gu)) {
        const attrs = c[1] ?? '', body = c[2] ?? '';
        const type = /\bt="([^"]*)"/u.exec(attrs)?.[1];
        const v = /<v>([^<]*)<\/v>/u.exec(body)?.[1];
        const text = type === 's' ? shared[Number(v)] : type === 'inlineStr' ? joinT(body) : type === 'b' || v === undefined ? undefined : unescapeXml(v);
        if (text !== undefined) cells.set(colIndex(/\br="([A-Z]+)\d+"/u.exec(attrs)?.[1] ?? ''), text);
      }
      if (!header) { header = cells; continue; }
      for (const [c, text] of cells) texts.set(`#${i} 第${no}行 ${header.get(c) || `第${c}列`}`, text);
    }
  });
  // A sheet's name is processed too (location 工作表名); with several sheets it would be ambiguous which.
  if (sheets.length === 1) texts.set('工作表名', sheets[0]!.name);
  return { texts, sheets: sheets.map((s) => s.name) };
}

/** RFC 4180 as csv-parse reads it: quoted fields, doubled quotes, CRLF or LF. */
export function csvRows(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [], field = '', quoted = false;
  for (let i = 0; i < text.length; i++) {
    const ch = text[i]!;
    if (quoted) {
      if (ch === '"' && text[i + 1] === '"') { field += '"'; i++; } else if (ch === '"') quoted = false; else field += ch;
    } else if (ch === '"') quoted = true;
    else if (ch === ',') { row.push(field); field = ''; }
    else if (ch === '\n' || ch === '\r') {
      if (ch === '\r' && text[i + 1] === '\n') i++;
      row.push(field); rows.push(row); row = []; field = '';
    } else field += ch;
  }
  if (field || row.length) { row.push(field); rows.push(row); }
  return rows;
}

function csvCells(text: string): Map<string, string> {
  const [header = [], ...rows] = csvRows(text.replace(/^\uFEFF/u, ''));
  const out = new Map<string, string>();
  rows.forEach((r, k) => r.forEach((v, c) => out.set(`第${k + 2}行 ${header[c] ?? `第${c + 1}列`}`, v)));
  return out;
}

/** The paragraphs or cells of a DOCX, XLSX or CSV; null for other files. */
export async function locatedTexts(name: string, blob: Blob): Promise<LocatedTexts | null> {
  const ext = /\.([a-z]+)$/iu.exec(name)?.[1]?.toLowerCase();
  if (ext === 'csv') return { texts: csvCells(await blob.text()), sheets: [] };
  if (ext === 'docx') return { texts: docxParagraphs(await zipTexts(await blob.arrayBuffer(), (n) => DOCX_TEXT_PARTS.test(n))), sheets: [] };
  if (ext === 'xlsx') {
    return xlsxCells(await zipTexts(await blob.arrayBuffer(), (n) => n === 'xl/workbook.xml' || n === 'xl/_rels/workbook.xml.rels' || n === 'xl/sharedStrings.xml' || /^xl\/worksheets\/[^/]+\.xml$/u.test(n)));
  }
  return null;
}

/** A finding's location as a key of `locatedTexts` (an XLSX sheet by its place, named as processed). */
export function locationKey(location: string, processedSheets: readonly string[]): string {
  // The longest name that fits, should one sheet's name begin with another's.
  let i = -1;
  processedSheets.forEach((s, k) => { if (location.startsWith(`${s} 第`) && (i < 0 || s.length > processedSheets[i]!.length)) i = k; });
  return i < 0 ? location : `#${i} ${location.slice(processedSheets[i]!.length + 1)}`;
}
