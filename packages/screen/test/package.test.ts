import { describe, expect, it } from 'vitest';
import {
  decodeChildPrints, deriveChildPrints, derivePackageKeys, encodeChildPrints, normaliseTerm, packageKeyFor, readPackage, ScreeningPackage,
} from '../src/index.ts';
import { buildBytes, CHILDREN, child, ID_A, PACKAGE_KEY, ZHENGDUN, type TestChild } from './test-package.ts';

/** GBK bytes of a string, from the platform's own GBK decoder run backwards; undefined if a character has none. */
const gbk = (() => {
  const decoder = new TextDecoder('gbk');
  const table = new Map<string, Buffer>();
  for (let lead = 0x81; lead <= 0xfe; lead++) {
    for (let trail = 0x40; trail <= 0xfe; trail++) {
      if (trail === 0x7f) continue;
      const ch = decoder.decode(new Uint8Array([lead, trail]));
      if ([...ch].length === 1 && ch !== '\ufffd' && !table.has(ch)) table.set(ch, Buffer.from([lead, trail]));
    }
  }
  return (s: string): Buffer | undefined => {
    const parts: Buffer[] = [];
    for (const ch of s) {
      if (ch.charCodeAt(0) < 0x80) parts.push(Buffer.from(ch, 'latin1'));
      else {
        const b = table.get(ch);
        if (!b) return undefined;
        parts.push(b);
      }
    }
    return Buffer.concat(parts);
  };
})();

function encodings(value: string): Array<[string, Buffer]> {
  const out: Array<[string, Buffer]> = [];
  for (const v of new Set([value, normaliseTerm(value)])) {
    out.push(['utf8', Buffer.from(v, 'utf8')], ['utf16le', Buffer.from(v, 'utf16le')], ['utf16be', Buffer.from(v, 'utf16le').swap16()]);
    const g = gbk(v);
    if (g) out.push(['gbk', g]);
  }
  return out;
}

function registryValues(children: readonly TestChild[]): string[] {
  const values = new Set<string>();
  for (const c of children) {
    for (const v of [...c.names, ...c.guardians, ...c.schools, ...c.villages.map((p) => p.text), ...c.townships.map((p) => p.text)]) values.add(v);
    for (const id of c.idNumbers) {
      values.add(id);
      // The digits that identify: the whole number without its check character, and birth date + order code.
      values.add(id.slice(0, 17));
      values.add(id.slice(6, 17));
    }
  }
  return [...values];
}

describe('screening package: no plaintext registry value inside (issue 7 item 1)', () => {
  // Enough synthetic children that every section is non-trivial.
  const many: TestChild[] = [...CHILDREN];
  const surnames = ['韦', '覃', '莫', '廖', '蒙', '黎', '钟', '邝'], given = ['沐阳', '芷若', '浩然', '语桐', '思琪', '嘉禾', '亦凡', '若溪'];
  for (let i = 0; i < 64; i++) {
    many.push(child(`S${i}`, {
      name: surnames[i % 8]! + given[(i * 3) % 8]!, village: `${['枫', '柳', '桂', '榕'][i % 4]}${['溪', '岭', '塘', '坪'][(i >> 2) % 4]}村`,
      township: `${['龙', '凤', '麒'][i % 3]}山镇`, school: `${['龙', '凤', '麒'][i % 3]}山中心小学`, guardian: surnames[(i + 3) % 8]! + given[(i * 5 + 1) % 8]!,
    }));
  }
  const bytes = buildBytes(many);

  it('holds none of the names, places, schools or ID digits in UTF-8, UTF-16 or GBK', () => {
    const found: string[] = [];
    for (const value of registryValues(many)) {
      for (const [encoding, needle] of encodings(value)) if (bytes.includes(needle)) found.push(`${value} (${encoding})`);
    }
    expect(found).toEqual([]);
  });

  it('the search itself works: the public 第十五条 cue words it does carry are found', () => {
    expect(bytes.includes(Buffer.from('孤儿', 'utf8'))).toBe(true);
    expect(bytes.includes(Buffer.from('龚梓骁', 'utf8'))).toBe(false);
  });

  it('the stored per-child prints hold no value either', () => {
    const keys = derivePackageKeys(PACKAGE_KEY);
    for (const c of many.slice(0, 8)) {
      const prints = encodeChildPrints(deriveChildPrints(keys, c));
      for (const value of registryValues([c])) for (const [, needle] of encodings(value)) expect(prints.includes(needle), value).toBe(false);
    }
  });
});

describe('screening package: format', () => {
  it('records version, key epoch, validity and counts in its header', () => {
    const pkg = ScreeningPackage.fromBytes(buildBytes());
    expect(pkg.header).toMatchObject({ formatVersion: 1, epoch: 3, version: 17, children: 4 });
    expect(pkg.header.createdAt.toISOString()).toBe('2026-01-01T00:00:00.000Z');
    expect(pkg.header.expiresAt.toISOString()).toBe('2099-01-01T00:00:00.000Z');
    // A: ID, village, township, school, guardian, guardian+village = 6; B the same; C no ID = 5; D no ID = 5.
    expect(pkg.header.fingerprints).toBe(22);
    expect(pkg.digest).toHaveLength(32);
  });

  it('is deterministic: the same registry and key give the same bytes', () => {
    expect(buildBytes().equals(buildBytes())).toBe(true);
  });

  it('another key epoch shares no fingerprint with this one', () => {
    const a = readPackage(buildBytes()).section('fpHi');
    const keys = derivePackageKeys(packageKeyFor(PACKAGE_KEY, 4));
    const other = CHILDREN.flatMap((c) => deriveChildPrints(keys, c).entries.map((e) => e.fingerprint.hi));
    const his = new Set(new Uint32Array(Uint8Array.from(a).buffer));
    expect(other.filter((h) => his.has(h))).toEqual([]);
  });

  it.each([
    ['a flipped byte in the body', (b: Buffer) => { b[b.length - 5] = b[b.length - 5]! ^ 1; }],
    ['a flipped byte in the header', (b: Buffer) => { b[40] = b[40]! ^ 1; }],
    ['a wrong magic', (b: Buffer) => { b[0] = 0x58; }],
    ['a newer format version', (b: Buffer) => { b.writeUInt16LE(2, 8); }],
  ])('refuses %s', (_what, damage) => {
    const b = buildBytes();
    damage(b);
    expect(() => ScreeningPackage.fromBytes(b)).toThrow(expect.objectContaining({ code: 'HUTONG_SCREEN_PACKAGE_INVALID', statusCode: 422 }));
  });

  it('refuses a truncated file and a file that is no package', () => {
    expect(() => ScreeningPackage.fromBytes(buildBytes().subarray(0, 300))).toThrow(expect.objectContaining({ code: 'HUTONG_SCREEN_PACKAGE_INVALID' }));
    expect(() => ScreeningPackage.fromBytes(Buffer.from('{"not":"a package"}'))).toThrow(/不是巡查包文件/u);
    expect(() => ScreeningPackage.open('/nonexistent/p.pkg')).toThrow(expect.objectContaining({ code: 'HUTONG_SCREEN_PACKAGE_UNREADABLE' }));
  });

  it('an expired package is refused for scanning, citing 第五条', () => {
    const pkg = ScreeningPackage.fromBytes(buildBytes(CHILDREN, { expiresAt: new Date('2026-02-01T00:00:00Z') }));
    expect(() => pkg.assertCurrent(new Date('2026-02-01T00:00:01Z'))).toThrow(expect.objectContaining({ code: 'HUTONG_SCREEN_PACKAGE_EXPIRED', details: { article: '《困境儿童个人信息保护工作办法》第五条' } }));
    expect(pkg.assertCurrent(new Date('2026-01-31T00:00:00Z'))).toBe(pkg);
  });
});

describe('child prints', () => {
  const keys = derivePackageKeys(PACKAGE_KEY);

  it('round-trip through their stored form', () => {
    for (const c of CHILDREN) {
      const p = deriveChildPrints(keys, c);
      expect(decodeChildPrints(encodeChildPrints(p))).toEqual(p);
    }
  });

  it('never fingerprint a name alone', () => {
    expect(deriveChildPrints(keys, child('N', { name: '龚梓骁' })).entries).toEqual([]);
    expect(deriveChildPrints(keys, child('N', { name: '龚梓骁', idNumber: ID_A })).entries.map((e) => e.kind)).toEqual(['id_number']);
  });

  it('skip what the scanner could not match: bad ID numbers, one-character or non-Han names, empty places', () => {
    const p = deriveChildPrints(keys, {
      idNumbers: [`${ID_A.slice(0, 17)}${ID_A[17] === '1' ? '2' : '1'}`, '123'], names: ['明', 'Alice'], guardians: ['蔺秀蓉'],
      villages: [{ text: '·', multiplicity: 1 }], townships: [], schools: [''], county: ZHENGDUN,
    });
    expect(p.entries).toEqual([]);
  });

  it('normalise before fingerprinting: a differently written registry value gives the same prints', () => {
    const a = deriveChildPrints(keys, child('A', { name: '龚梓骁', village: '双源村', idNumber: ID_A }));
    const b = deriveChildPrints(keys, child('A', { name: ' 龚·梓骁 ', village: '双源村。', idNumber: ID_A.replace(/\d/gu, (d) => String.fromCharCode(0xff10 + Number(d))) }));
    expect(b).toEqual(a);
  });

  it('refuse a corrupt stored form', () => {
    const bytes = encodeChildPrints(deriveChildPrints(keys, CHILDREN[0]!));
    expect(() => decodeChildPrints(bytes.subarray(0, bytes.length - 1))).toThrow(RangeError);
    expect(() => decodeChildPrints(Buffer.concat([Buffer.from([9]), bytes.subarray(1)]))).toThrow(/格式不受支持/u);
  });
});
