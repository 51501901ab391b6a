import { readFileSync, writeFileSync } from 'node:fs';
import JSZip from 'jszip';
import { describe, expect, it } from 'vitest';
import { redactFile } from '../../src/index.ts';
import { stubEngine } from '../operators/stub-engine.ts';
import { tempDir } from './tmp.ts';

const engine = stubEngine();
const p = tempDir();

const W = 'xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"';
const DOC = `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<w:document ${W}><w:body>
<w:p><w:pPr><w:jc w:val="center"/></w:pPr><w:r><w:t>关于</w:t></w:r><w:r><w:rPr><w:b/></w:rPr><w:t>李</w:t></w:r><w:proofErr w:type="spellStart"/><w:r><w:t>小花</w:t></w:r><w:proofErr w:type="spellEnd"/><w:r><w:t xml:space="preserve">的情况 &amp; 说明</w:t></w:r></w:p>
<w:p><w:r><w:t>监护人张三，电话1390599</w:t></w:r><w:r><w:t>1234，住福建省南平市松溪县郑墩镇双源村12号。</w:t></w:r></w:p>
<w:p/>
<w:p><w:r><w:t>无个人信息的段落。</w:t></w:r></w:p>
<w:p><w:del w:author="社工"><w:r><w:delText>王芳</w:delText></w:r></w:del><w:r><w:t>已删除</w:t></w:r></w:p>
<w:sectPr><w:pgSz w:w="11906" w:h="16838"/></w:sectPr>
</w:body></w:document>`;
const CORE = `<?xml version="1.0" encoding="UTF-8"?><cp:coreProperties xmlns:cp="http://schemas.openxmlformats.org/package/2006/metadata/core-properties" xmlns:dc="http://purl.org/dc/elements/1.1/"><dc:title>李小花个案</dc:title><dc:creator>社工</dc:creator></cp:coreProperties>`;

async function makeDocx(path: string): Promise<void> {
  const zip = new JSZip();
  zip.file('[Content_Types].xml', '<?xml version="1.0"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"/>');
  zip.file('word/document.xml', DOC);
  zip.file('word/footer1.xml', `<w:ftr ${W}><w:p><w:r><w:t>联系人：王芳</w:t></w:r></w:p></w:ftr>`);
  zip.file('word/_rels/document.xml.rels', '<?xml version="1.0"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId9" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/hyperlink" Target="tel:13905991234" TargetMode="External"/><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/styles" Target="styles.xml"/></Relationships>');
  zip.file('word/media/image1.png', Buffer.from([0x89, 0x50, 0x4e, 0x47]));
  zip.file('docProps/core.xml', CORE);
  writeFileSync(path, await zip.generateAsync({ type: 'nodebuffer' }));
}

describe('DOCX', () => {
  it('rewrites text runs, including a name split across runs, and keeps everything else', async () => {
    await makeDocx(p('a.docx'));
    const report = await redactFile(engine, p('a.docx'), p('a.out.docx'), { preset: 'judgment' });
    const zip = await JSZip.loadAsync(readFileSync(p('a.out.docx')));
    const xml = await zip.file('word/document.xml')!.async('string');
    // 李|小花 across two runs: the replacement sits in the first (bold) run, the rest is cut.
    expect(xml).toContain('<w:r><w:rPr><w:b/></w:rPr><w:t xml:space="preserve">李某</w:t></w:r>');
    expect(xml).toContain('<w:r><w:t xml:space="preserve"></w:t></w:r>');
    expect(xml).toContain('的情况 &amp; 说明</w:t>');
    expect(xml).toContain('<w:pPr><w:jc w:val="center"/></w:pPr>');
    expect(xml).toContain('<w:t xml:space="preserve">监护人张某，电话</w:t>');
    expect(xml).toContain('<w:t xml:space="preserve">，住松溪县。</w:t>');
    expect(xml).toContain('<w:t>无个人信息的段落。</w:t>');
    expect(xml).toContain('<w:sectPr><w:pgSz w:w="11906" w:h="16838"/></w:sectPr>');
    expect(xml).not.toMatch(/小花|张三|1390599|1234|双源村/u);
    expect(xml).toContain('<w:delText xml:space="preserve">王某</w:delText>');
    const rels = await zip.file('word/_rels/document.xml.rels')!.async('string');
    expect(rels).toContain('Target="tel:" TargetMode="External"');
    expect(rels).toContain('Target="styles.xml"');
    expect(await zip.file('word/footer1.xml')!.async('string')).toContain('联系人：王某');
    expect([...(await zip.file('word/media/image1.png')!.async('uint8array'))]).toEqual([0x89, 0x50, 0x4e, 0x47]);
    const core = await zip.file('docProps/core.xml')!.async('string');
    expect(core).toContain('<dc:title>李某个案</dc:title>');
    expect(core).toContain('<dc:creator>社工</dc:creator>');
    expect(report.entries.find((e) => e.type === 'PHONE')!.location).toBe('word/document.xml 第2段');
  });

  it('a file that is not a zip, or a zip without a document, is a validation error', async () => {
    writeFileSync(p('bad.docx'), '不是文档');
    await expect(redactFile(engine, p('bad.docx'), p('bad.out.docx'))).rejects.toThrow('不是有效的 DOCX');
    const zip = new JSZip();
    zip.file('a.txt', 'x');
    writeFileSync(p('empty.docx'), await zip.generateAsync({ type: 'nodebuffer' }));
    await expect(redactFile(engine, p('empty.docx'), p('empty.out.docx'))).rejects.toThrow('word/document.xml');
  });
});
