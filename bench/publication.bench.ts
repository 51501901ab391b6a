/**
 * Publication review end to end (issue 6 "Measure"): a 20-page DOCX report and a 10,000-row XLSX
 * aid list submitted through the service the API uses — intake, detection (registry included),
 * processing, encryption of the draft, checks, storage — timed, with the process's peak RSS.
 * Synthetic text only. `npm run bench -- publication`; figures go to docs/benchmarks.md.
 */
import JSZip from 'jszip';
import ExcelJS from 'exceljs';
import { composeIdNumber } from '@hutong/core';
import { benchContext, report } from './bench-context.ts';
import { actorFor, insertOrg } from '../packages/server/test/helpers/registry-fixtures.ts';
import { submitPublication } from '../packages/server/src/review/index.ts';

const SURNAMES = ['王', '李', '张', '刘', '陈', '杨', '黄', '赵', '吴', '周', '徐', '孙', '马', '朱', '胡', '郭'];
const GIVEN = ['子涵', '欣怡', '梓萱', '浩宇', '宇轩', '一诺', '思远', '雨桐', '明轩', '晨曦', '可馨', '俊杰', '佳怡', '若汐'];
const name = (i: number) => SURNAMES[i % SURNAMES.length]! + GIVEN[(i * 7) % GIVEN.length]!;
const W = 'xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"';

/** About 900 characters a page, 20 pages: a county report on summer care visits, names and phones inside. */
async function docx(pages: number): Promise<Buffer> {
  const paras: string[] = [];
  for (let p = 0; p < pages; p++) {
    for (let k = 0; k < 6; k++) {
      const i = p * 6 + k;
      paras.push(`第${p + 1}页第${k + 1}段：暑期关爱走访中，儿童主任陪同社工走访了${name(i)}家，孩子今年读五年级，在城关镇中心小学就读，`
        + `监护人${name(i + 50)}（联系电话139${String(10000000 + i * 7919).slice(0, 8)}）介绍了家中近况。走访组了解了孩子的学习、生活和心理状况，`
        + '对家庭教育提出了建议，并协调学校安排课后辅导，落实学习用品和冬衣，约定下月再次回访，持续跟进孩子的身心健康和学业进展。');
    }
    paras.push('<w:br w:type="page"/>');
  }
  const body = paras.map((t) => t.startsWith('<') ? `<w:p><w:r>${t}</w:r></w:p>` : `<w:p><w:r><w:t>${t}</w:t></w:r></w:p>`).join('');
  const zip = new JSZip();
  zip.file('[Content_Types].xml', '<?xml version="1.0"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="xml" ContentType="application/xml"/><Override PartName="/word/document.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/></Types>');
  zip.file('_rels/.rels', '<?xml version="1.0"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="word/document.xml"/></Relationships>');
  zip.file('word/document.xml', `<?xml version="1.0" encoding="UTF-8"?><w:document ${W}><w:body>${body}</w:body></w:document>`);
  return zip.generateAsync({ type: 'nodebuffer', compression: 'DEFLATE' });
}

/** A school's aid list: 姓名, 身份证号, 班级, 联系电话, 资助金额. */
async function xlsx(rows: number): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet('资助名单');
  ws.addRow(['姓名', '身份证号', '班级', '联系电话', '资助金额']);
  for (let i = 0; i < rows; i++) {
    const born = `20${String(10 + (i % 8)).padStart(2, '0')}-${String(1 + (i % 12)).padStart(2, '0')}-${String(1 + (i % 28)).padStart(2, '0')}`;
    ws.addRow([name(i), composeIdNumber('350102', born, (i % 900) + 10, i % 2 ? 'male' : 'female'), `${1 + (i % 6)}年级${1 + (i % 4)}班`, `139${String(10000000 + i * 7919).slice(0, 8)}`, 500 + (i % 5) * 100]);
  }
  return Buffer.from(await wb.xlsx.writeBuffer());
}

function peakRss(): { stop: () => number } {
  let peak = process.memoryUsage().rss;
  const t = setInterval(() => { peak = Math.max(peak, process.memoryUsage().rss); }, 20);
  return { stop: () => { clearInterval(t); return Math.max(peak, process.memoryUsage().rss); } };
}

const { ctx, engine, cleanup } = await benchContext();
try {
  const org = await insertOrg(ctx, { type: 'media', region: '350102000000' });
  const actor = await actorFor(ctx, org, 'department_staff');
  const mib = (b: number) => Math.round(b / 2 ** 20);
  // Warm the engine (gazetteer, name model) so the figures are of processing, not of loading.
  await submitPublication(ctx, actor, { title: '预热', kind: 'news', channel: 'newspaper', audience: 'public', files: [{ filename: 'a.txt', contentBase64: Buffer.from('县里开展关爱活动。').toString('base64') }] } as never);
  for (const [label, filename, bytes, kind] of [
    ['20 页 DOCX 报告', '暑期关爱走访报告.docx', await docx(20), 'report'],
    ['10,000 行 XLSX 资助名单', '资助名单.xlsx', await xlsx(10_000), 'aid_list'],
  ] as const) {
    const before = process.memoryUsage().rss;
    const rss = peakRss();
    const t0 = performance.now();
    const r = await submitPublication(ctx, actor, { title: label, kind, channel: 'website', audience: 'public', files: [{ filename, contentBase64: bytes.toString('base64') }] } as never);
    const seconds = (performance.now() - t0) / 1000;
    const peak = rss.stop();
    const findings = r.files.reduce((n, f) => n + Object.values(f.counts ?? {}).reduce((a: number, b) => a + Number(b), 0), 0);
    console.log(`${label}：${(bytes.length / 1024).toFixed(0)} KiB，${seconds.toFixed(1)} s，检出 ${findings} 处，状态 ${r.status}；RSS 提交前 ${mib(before)} MiB，峰值 ${mib(peak)} MiB（${engine}）`);
    report('publication', { case: label, engine, bytes: bytes.length, seconds, findings, rssBeforeMiB: mib(before), rssPeakMiB: mib(peak) });
  }
} finally {
  await cleanup();
}
