/**
 * Strict DER for SM2Signature ::= SEQUENCE { r INTEGER, s INTEGER } (GB/T 35276).
 * sm-crypto-v2's own decoder accepts trailing bytes and non-minimal integers,
 * which would let one signature have many encodings; we parse ourselves.
 */

const SCALAR_HEX = 64;

function encodeInteger(hex: string): string {
  let bytes = hex.replace(/^(00)+/, '');
  if (bytes === '') bytes = '00';
  if (parseInt(bytes.slice(0, 2), 16) >= 0x80) bytes = `00${bytes}`;
  return `02${(bytes.length / 2).toString(16).padStart(2, '0')}${bytes}`;
}

/** r ‖ s (64 hex digits each) → DER hex. */
export function rawToDer(raw: string): string {
  const body = encodeInteger(raw.slice(0, SCALAR_HEX)) + encodeInteger(raw.slice(SCALAR_HEX));
  return `30${(body.length / 2).toString(16).padStart(2, '0')}${body}`;
}

function readInteger(der: Buffer, at: number): { value: Buffer; next: number } | undefined {
  if (der[at] !== 0x02) return undefined;
  const len = der[at + 1];
  if (len === undefined || len < 1 || len > 33 || at + 2 + len > der.length) return undefined;
  const value = der.subarray(at + 2, at + 2 + len);
  const first = value[0]!;
  if (first >= 0x80) return undefined; // negative
  if (first === 0x00 && (len === 1 || value[1]! < 0x80)) return undefined; // non-minimal or zero
  const magnitude = first === 0x00 ? value.subarray(1) : value;
  if (magnitude.length > 32) return undefined;
  return { value: magnitude, next: at + 2 + len };
}

/** DER hex → r ‖ s, or undefined unless the encoding is exactly canonical. */
export function derToRaw(derHex: string): string | undefined {
  if (!/^(?:[0-9a-f]{2})+$/i.test(derHex)) return undefined;
  const der = Buffer.from(derHex, 'hex');
  // Short-form length only: a valid SM2 signature is at most 72 bytes.
  if (der.length < 8 || der[0] !== 0x30 || der[1] !== der.length - 2 || der[1]! >= 0x80) return undefined;
  const r = readInteger(der, 2);
  if (!r) return undefined;
  const s = readInteger(der, r.next);
  if (!s || s.next !== der.length) return undefined;
  return r.value.toString('hex').padStart(SCALAR_HEX, '0') + s.value.toString('hex').padStart(SCALAR_HEX, '0');
}
