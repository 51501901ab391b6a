/**
 * Derives data/divisions.tsv.gz and data/divisions.meta.json from the upstream division files.
 *
 *   npx tsx packages/divisions/scripts/build-data.ts [source-dir]
 *
 * source-dir defaults to $HUTONG_DIVISIONS_SRC or /work/shared/data/divisions. The output is
 * byte-for-byte reproducible (sorted rows, gzip without timestamps), and the script refuses to
 * write anything that fails the checks below, since IDs and jurisdictions are validated against it.
 */
import { createHash } from 'node:crypto';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { parentCode, regionLevel } from '../../core/src/regions/region-code.ts';
import { EXPECTED_COUNTS, FORMAT_MAGIC, encodeShort, isPlaceholderName } from '../src/format.ts';
import { deriveShortName } from '../src/short-name.ts';
import { DivisionTree } from '../src/tree.ts';
import { pickAlias, readDivisionCsvs, readJioNlp } from './sources.ts';

const SRC = process.argv[2] ?? process.env['HUTONG_DIVISIONS_SRC'] ?? '/work/shared/data/divisions';
const OUT_DIR = new URL('../data/', import.meta.url);

function check(ok: unknown, message: string): asserts ok {
  if (!ok) throw new Error(`区划数据检查失败：${message}`);
}

const pad12 = (c: string): string => (c + '000000000000').slice(0, 12);

interface Row { code: string; level: number; name: string; parent: string; short?: string; alias?: string }

const { rows: source, perFile } = readDivisionCsvs(SRC);
check(perFile.join() === EXPECTED_COUNTS.join(), `各级行数 ${perFile.join()} ≠ 预期 ${EXPECTED_COUNTS.join()}`);
const jio = readJioNlp(join(SRC, 'china_location.txt'));

// 1. Codes, parents, ordering. The parent column stays empty when the prefix rule gives it.
const rows: Row[] = source.map((r) => {
  const code = pad12(r.code), parent = r.parent ? pad12(r.parent) : '';
  if (!parent) return { code, level: r.level, name: r.name, parent: '' };
  if (parent === parentCode(code)) {
    check(regionLevel(code) === r.level, `${r.code} ${r.name} 的级别与代码不符`);
    return { code, level: r.level, name: r.name, parent: '' };
  }
  // Only a unit listed again under itself (东莞市 441900 under 4419) may break the prefix rule.
  check(parent === code, `${r.code} ${r.name} 的上级 ${r.parent} 既非前缀上级也非同码`);
  return { code, level: r.level, name: r.name, parent };
});
rows.sort((a, b) => (a.code < b.code ? -1 : a.code > b.code ? 1 : a.level - b.level));

const byKey = new Map(rows.map((r) => [`${r.code}/${r.level}`, r]));
const shared: string[] = [];
const childCount = new Map<string, number>();
for (const [k, r] of rows.entries()) {
  check(!k || rows[k - 1]!.code !== r.code || rows[k - 1]!.level !== r.level, `${r.code} 在第 ${r.level} 级重复`);
  if (k && rows[k - 1]!.code === r.code) {
    check(rows[k - 1]!.name === r.name, `同码异名：${r.code} ${rows[k - 1]!.name} / ${r.name}`);
    shared.push(`${r.code} ${r.name} L${r.level}`);
  }
  if (r.level > 1) {
    const p = byKey.get(`${r.parent || parentCode(r.code)}/${r.level - 1}`);
    check(p, `${r.code} ${r.name} 的上级不存在`);
    childCount.set(`${p.code}/${p.level}`, (childCount.get(`${p.code}/${p.level}`) ?? 0) + 1);
  }
}

// 2. Short names (levels 4–5) and JioNLP aliases (levels 1–3), with coverage statistics.
const aliasStats = [0, 0, 0];
const jioCheck = { compared: 0, agree: 0 };
const townName = new Map(rows.filter((r) => r.level === 4).map((r) => [r.code, r.name]));
for (const r of rows) {
  const short = deriveShortName(r.name, r.level);
  if (short !== undefined) r.short = short;
  if (r.level <= 3 && !isPlaceholderName(r.level, r.name)) {
    const alias = pickAlias(jio, r.code.slice(0, 6), r.name);
    if (alias !== undefined && alias !== short) { r.alias = alias; aliasStats[r.level - 1]!++; }
  }
  if (r.level === 5) {
    const theirs = jio.villages.get(`${r.code.slice(0, 6)}|${townName.get(`${r.code.slice(0, 9)}000`)}`);
    if (theirs && (theirs.has(r.name) || [...theirs].some((v) => r.name.startsWith(v.slice(0, 2))))) {
      // Only villages JioNLP also lists (by name stem) are comparable: its tree predates 2023.
      jioCheck.compared++;
      if (theirs.has(short ?? r.name)) jioCheck.agree++;
    }
  }
}

// 3. Serialise, compress, and prove the loader reads back exactly what the sources hold.
const lines = [`${FORMAT_MAGIC}\tcounts=${EXPECTED_COUNTS.join(',')}\tsources=modood/Administrative-divisions-of-China@2023;dongrixinyu/JioNLP`];
for (const r of rows) {
  check(!/[\t\n\r]/u.test(r.name + (r.alias ?? '')), `${r.code} 名称含制表符或换行`);
  const enc = encodeShort(r.name, r.short);
  check(enc === '' || (Number(/^\d+/u.exec(enc)![0]) >= 1 && Number(/^\d+/u.exec(enc)![0]) <= 255), `${r.code} 简称编码超出范围`);
  const cols = [r.code, r.parent, String(r.level), r.name, enc, r.alias ?? ''];
  while (cols[cols.length - 1] === '') cols.pop();
  lines.push(cols.join('\t'));
}
const tsv = Buffer.from(`${lines.join('\n')}\n`, 'utf8');
const gz = gzipSync(tsv, { level: 9 });

const tree = DivisionTree.fromGzip(gz);
const counts = tree.countByLevel();
check(Object.values(counts).join() === EXPECTED_COUNTS.join(), `回读各级数 ${Object.values(counts).join()} 不符`);
check(tree.get('310114')?.alias === '嘉定', '回读：310114 嘉定区应有别称“嘉定”');
check(tree.get('110101001001')?.shortName === '多福巷社区', '回读：多福巷社区居委会的简称');
for (const r of rows) {
  const d = tree.get(r.code);
  check(d && d.name === r.name, `回读：${r.code} ${r.name} 不一致`);
}

const countiesWithoutTowns = rows.filter((r) => r.level === 3 && !childCount.has(`${r.code}/3`) && !shared.some((s) => s.startsWith(r.code)));
const townsWithoutVillages = rows.filter((r) => r.level === 4 && !childCount.has(`${r.code}/4`));
const meta = {
  format: FORMAT_MAGIC,
  sources: {
    divisions: 'modood/Administrative-divisions-of-China (2023 统计用区划代码), WTFPL / MIT',
    aliases: 'dongrixinyu/JioNLP china_location.txt, Apache-2.0',
  },
  rowsPerLevel: { province: counts[1], city: counts[2], county: counts[3], township: counts[4], village: counts[5] },
  distinctUnits: tree.size,
  sharedCodes: shared,
  placeholders: rows.filter((r) => isPlaceholderName(r.level, r.name)).map((r) => `${r.code} ${r.name}`),
  aliases: { province: aliasStats[0], city: aliasStats[1], county: aliasStats[2] },
  shortNames: { township: rows.filter((r) => r.level === 4 && r.short).length, village: rows.filter((r) => r.level === 5 && r.short).length },
  shortNameAgreementWithJioNlp: { compared: jioCheck.compared, agree: jioCheck.agree, rate: Number((jioCheck.agree / jioCheck.compared).toFixed(4)) },
  countiesWithoutTownships: countiesWithoutTowns.map((r) => `${r.code} ${r.name}`),
  townshipsWithoutVillages: townsWithoutVillages.length,
  tsvBytes: tsv.length,
  gzipBytes: gz.length,
  sha256: createHash('sha256').update(gz).digest('hex'),
};

mkdirSync(OUT_DIR, { recursive: true });
writeFileSync(new URL('divisions.tsv.gz', OUT_DIR), gz);
writeFileSync(new URL('divisions.meta.json', OUT_DIR), `${JSON.stringify(meta, null, 2)}\n`);
console.log(JSON.stringify({ ...meta, sharedCodes: meta.sharedCodes.length, placeholders: meta.placeholders.length, countiesWithoutTownships: meta.countiesWithoutTownships.length }, null, 2));
