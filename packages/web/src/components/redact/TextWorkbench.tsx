import { useMemo, useState } from 'react';
import { Alert, Button, Card, Col, Empty, Flex, Input, Row, Typography } from 'antd';
import { DownloadOutlined, EditOutlined, ScanOutlined, SafetyOutlined } from '@ant-design/icons';
import { redactApi, textReport, type PresetName, type TextResult } from '../../api/redact.ts';
import { useProblem } from '../../hooks/useProblem.ts';
import { ProblemAlert } from '../ProblemAlert.tsx';
import { saveText } from './download.ts';
import { FindingList } from './FindingList.tsx';
import { HighlightedText, TEXT_STYLE } from './HighlightedText.tsx';
import { ReportDownloads } from './ReportDownloads.tsx';
import type { ReviewItem } from './ReviewTypes.ts';
import { TypeLegend } from './TypeLegend.tsx';

interface Analysis { text: string; preset: PresetName; useRegistry: boolean; result: TextResult }
interface Processed { result: TextResult; keep: string }

const keyOf = (s: ReadonlySet<string>) => [...s].sort().join('\u0000');

/**
 * Paste → 识别 (the server marks what it would process, and why) → the reviewer keeps what
 * should stay → 生成 (the server processes again, told the kept texts) → download. The browser
 * never undoes a replacement itself: what it shows and saves is what the server returned.
 */
export function TextWorkbench({ preset, useRegistry }: { preset: PresetName; useRegistry: boolean }) {
  const [text, setText] = useState('');
  const [analysis, setAnalysis] = useState<Analysis | null>(null);
  const [rejected, setRejected] = useState<ReadonlySet<string>>(new Set());
  const [processed, setProcessed] = useState<Processed | null>(null);
  const { problem, clear, busy, run } = useProblem();

  // A different preset or registry choice changes what is found and why: review again.
  const current = analysis && analysis.preset === preset && analysis.useRegistry === useRegistry ? analysis : null;
  const items = useMemo<ReviewItem[]>(() => (current ? current.result.findings.map((finding, i) => ({ finding, entry: current.result.report[i] })) : []), [current]);
  const counts = useMemo(() => {
    const c: Record<string, number> = {};
    for (const i of items) c[i.finding.type] = (c[i.finding.type] ?? 0) + 1;
    return c;
  }, [items]);
  const stale = processed && processed.keep !== keyOf(rejected);

  const detect = () => run(async () => {
    const result = await redactApi.text({ text, preset, ...(useRegistry ? { useRegistry } : {}) });
    setAnalysis({ text, preset, useRegistry, result });
    const found = new Set(result.findings.map((f) => f.text));
    setRejected((r) => new Set([...r].filter((t) => found.has(t))));
    setProcessed(null);
  });

  const generate = () => run(async () => {
    if (!current) return;
    const keep = [...rejected];
    const result = await redactApi.text({ text: current.text, preset, ...(keep.length ? { policy: { keep } } : {}), ...(useRegistry ? { useRegistry } : {}) });
    setProcessed({ result, keep: keyOf(rejected) });
  });

  const toggle = (t: string) => setRejected((r) => {
    const n = new Set(r);
    if (n.has(t)) n.delete(t); else n.add(t);
    return n;
  });

  if (!current) {
    return (
      <Card size="small" title="原文">
        <ProblemAlert problem={problem} onClose={clear} />
        <Input.TextArea
          aria-label="待处理的文本"
          value={text}
          onChange={(e) => setText(e.target.value)}
          autoSize={{ minRows: 8, maxRows: 20 }}
          placeholder="粘贴宣传稿、文书或名单的文字。文字只用于本次处理，服务器不保存。"
        />
        <Flex justify="flex-end" style={{ marginTop: 12 }}>
          <Button type="primary" icon={<ScanOutlined />} loading={busy} disabled={!text.trim()} onClick={() => void detect()}>识别个人信息</Button>
        </Flex>
      </Card>
    );
  }

  const done = processed && !stale ? processed : null;
  const report = done ? textReport(done.result.report, preset) : null;
  return (
    <Flex vertical gap={16}>
      <ProblemAlert problem={problem} onClose={clear} style={{ marginBottom: 0 }} />
      {/* On a phone the list comes before the result: review, then generate, then read. */}
      <Row gutter={[16, 16]}>
        <Col xs={{ span: 24, order: 1 }} lg={{ span: 12, order: 1 }}>
          <Card
            size="small"
            title="原文（已标出识别结果）"
            extra={<Button size="small" type="link" icon={<EditOutlined />} onClick={() => { setText(current.text); setAnalysis(null); setProcessed(null); }}>修改原文</Button>}
          >
            <TypeLegend counts={counts} />
            <Typography.Paragraph type="secondary" style={{ fontSize: 13, marginBottom: 8 }}>点击标出的文字可查看识别理由，并可决定保留原文。</Typography.Paragraph>
            <HighlightedText text={current.text} items={items} rejected={rejected} onToggle={toggle} />
          </Card>
        </Col>
        <Col xs={{ span: 24, order: 3 }} lg={{ span: 12, order: 2 }}>
          <Card size="small" title="处理后">
            {done ? (
              <Flex vertical gap={12}>
                <div style={TEXT_STYLE} aria-label="处理后的文本" role="region">{done.result.text}</div>
                <ReportDownloads report={report!}>
                  <Button type="primary" icon={<DownloadOutlined />} onClick={() => saveText('技术处理后文本.txt', done.result.text)}>下载处理后文本</Button>
                </ReportDownloads>
              </Flex>
            ) : (
              <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={stale ? '审核意见有改动，请重新生成' : '逐项审核后，点击“按审核结果生成”'} />
            )}
          </Card>
        </Col>
        <Col xs={{ span: 24, order: 2 }} lg={{ span: 24, order: 3 }}>
          <Card
            size="small"
            title={`审核清单（${items.length} 处${rejected.size ? `，保留 ${rejected.size} 项` : ''}）`}
            extra={<Button type="primary" icon={<SafetyOutlined />} loading={busy} onClick={() => void generate()}>按审核结果生成</Button>}
            styles={{ header: { flexWrap: 'wrap', gap: 8, paddingBlock: 8 }, title: { whiteSpace: 'normal' } }}
          >
            {rejected.size > 0 && <Alert type="info" showIcon style={{ marginBottom: 12 }} title="保留的文字在全文各处都按原样保留；请确认它们不能识别出儿童（如新闻发言人、机构地址）。" />}
            <FindingList items={items} rejected={rejected} onToggle={toggle} />
          </Card>
        </Col>
      </Row>
    </Flex>
  );
}
