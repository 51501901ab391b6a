import type { Detector, Finding } from '../../types.ts';

const SOURCE = 'email';

/**
 * 电子邮箱, found from each "@" outwards with bounded reach (64 left, 253 right), so "@" storms
 * and long ASCII runs stay linear. The domain needs a dot and an alphabetic TLD; Chinese text
 * around the address ends it ("邮箱abc@qq.com联系").
 */
export function emailDetector(): Detector {
  return {
    name: SOURCE,
    types: ['EMAIL'],
    detect(text) {
      const out: Finding[] = [];
      let from = 0;
      for (let at = text.indexOf('@'); at >= 0; at = text.indexOf('@', Math.max(at + 1, from))) {
        let start = at;
        while (start > 0 && at - start < 64 && isLocal(text.charCodeAt(start - 1))) start--;
        if (start > 0 && isLocal(text.charCodeAt(start - 1))) continue;
        while (start < at && text[start] === '.') start++;
        if (start === at || text[at - 1] === '.') continue;
        let end = at + 1;
        while (end < text.length && end - at <= 253 && isDomain(text.charCodeAt(end))) end++;
        if (isDomain(text.charCodeAt(end))) continue;
        while (end > at + 1 && (text[end - 1] === '.' || text[end - 1] === '-')) end--;
        if (!domainOk(text.slice(at + 1, end))) continue;
        out.push({ type: 'EMAIL', start, end, text: text.slice(start, end), score: 0.95, source: SOURCE });
        from = end;
      }
      return out;
    },
  };
}

function isAlnum(c: number): boolean {
  return (c >= 0x30 && c <= 0x39) || (c >= 0x41 && c <= 0x5a) || (c >= 0x61 && c <= 0x7a);
}

function isLocal(c: number): boolean {
  return isAlnum(c) || c === 0x2e || c === 0x5f || c === 0x25 || c === 0x2b || c === 0x2d;
}

function isDomain(c: number): boolean {
  return isAlnum(c) || c === 0x2e || c === 0x2d;
}

function domainOk(domain: string): boolean {
  const labels = domain.split('.');
  if (labels.length < 2) return false;
  const tld = labels[labels.length - 1]!;
  return /^[A-Za-z]{2,24}$/u.test(tld) && labels.every((l) => l.length > 0 && l.length <= 63 && l[0] !== '-' && l[l.length - 1] !== '-');
}
