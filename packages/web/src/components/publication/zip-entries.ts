/**
 * The text entries of a DOCX or XLSX (a zip), read in the browser with its own inflater
 * (DecompressionStream), so the console needs no zip library to show a document's paragraphs.
 * Only what these packages use: stored or deflated entries, no ZIP64, no encryption.
 */
const EOCD = 0x06054b50;
const CENTRAL = 0x02014b50;
const LOCAL = 0x04034b50;

async function inflate(bytes: Uint8Array<ArrayBuffer>): Promise<Uint8Array> {
  const stream = new Blob([bytes]).stream().pipeThrough(new DecompressionStream('deflate-raw'));
  return new Uint8Array(await new Response(stream).arrayBuffer());
}

/** Entry name → its text (UTF-8), for the entries `wanted` accepts. */
export async function zipTexts(data: ArrayBuffer, wanted: (name: string) => boolean): Promise<Map<string, string>> {
  const view = new DataView(data);
  let end = -1;
  // The end record sits in the last 64 KB + 22 bytes (its comment is at most 65535 bytes).
  for (let i = data.byteLength - 22; i >= Math.max(0, data.byteLength - 65_557); i--) {
    if (view.getUint32(i, true) === EOCD) { end = i; break; }
  }
  if (end < 0) throw new Error('不是有效的压缩包');
  const count = view.getUint16(end + 10, true);
  let at = view.getUint32(end + 16, true);
  const utf8 = new TextDecoder('utf-8');
  const out = new Map<string, string>();
  for (let k = 0; k < count; k++) {
    if (view.getUint32(at, true) !== CENTRAL) throw new Error('压缩包目录已损坏');
    const method = view.getUint16(at + 10, true);
    const size = view.getUint32(at + 20, true);
    const nameLength = view.getUint16(at + 28, true);
    const extraLength = view.getUint16(at + 30, true);
    const commentLength = view.getUint16(at + 32, true);
    const local = view.getUint32(at + 42, true);
    const name = utf8.decode(new Uint8Array(data, at + 46, nameLength));
    at += 46 + nameLength + extraLength + commentLength;
    if (!wanted(name)) continue;
    if (view.getUint32(local, true) !== LOCAL) throw new Error('压缩包条目已损坏');
    const start = local + 30 + view.getUint16(local + 26, true) + view.getUint16(local + 28, true);
    const raw = new Uint8Array(data.slice(start, start + size));
    if (method !== 0 && method !== 8) continue;
    out.set(name, utf8.decode(method === 8 ? await inflate(raw) : raw));
  }
  return out;
}
