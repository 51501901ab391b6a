import { useState } from 'react';
import { Button, Card, Flex, Space, Statistic, Table, Typography, Upload } from 'antd';
import { DownloadOutlined, FileProtectOutlined, InboxOutlined } from '@ant-design/icons';
import { redactApi, typeName, type FileResult, type PresetName, type ReportEntry } from '../../api/redact.ts';
import { useProblem } from '../../hooks/useProblem.ts';
import { ProblemAlert } from '../ProblemAlert.tsx';
import { base64ToBytes, fileToBase64, saveBlob } from './download.ts';
import { OPERATORS } from './labels.ts';
import { ReportDownloads } from './ReportDownloads.tsx';
import { TypeTag } from './TypeTag.tsx';

const ACCEPT = '.txt,.md,.docx,.csv,.xlsx';
/** The server's limit; checked here only to spare a long upload that would be refused. */
const MAX_BYTES = 10 * 1024 * 1024;

const COLUMNS = [
  { title: '位置', dataIndex: 'location', render: (v?: string) => v ?? '—', width: 140 },
  { title: '类型', dataIndex: 'type', render: (t: string) => <TypeTag type={t} />, width: 110 },
  { title: '原文（已遮盖）', dataIndex: 'original', render: (v?: string) => v ?? '—' },
  { title: '处理后', dataIndex: 'replacement', render: (v: string, e: ReportEntry) => (v ? v : `（${OPERATORS[e.operator] ?? e.operator}）`) },
  { title: '依据', dataIndex: 'article', width: 260 },
];

/** Upload → the server processes the whole file with the preset → download the file and its report. */
export function FileWorkbench({ preset, useRegistry }: { preset: PresetName; useRegistry: boolean }) {
  const [file, setFile] = useState<File | null>(null);
  const [result, setResult] = useState<FileResult | null>(null);
  const { problem, clear, busy, run } = useProblem();

  const process = () => run(async () => {
    if (!file) return;
    setResult(null);
    if (file.size > MAX_BYTES) throw new Error('文件超过 10 MB，无法在线处理。请拆分文件，或在本机使用命令行 hutong redact 处理');
    const contentBase64 = await fileToBase64(file);
    setResult(await redactApi.file({ filename: file.name, contentBase64, preset, ...(useRegistry ? { useRegistry } : {}) }));
  });

  const r = result?.report;
  return (
    <Flex vertical gap={16}>
      <Card size="small" title="上传文件">
        <Upload.Dragger
          accept={ACCEPT}
          maxCount={1}
          fileList={file ? [{ uid: 'f', name: file.name, status: 'done', size: file.size }] : []}
          beforeUpload={(f) => { setFile(f); setResult(null); clear(); return false; }}
          onRemove={() => { setFile(null); setResult(null); }}
          aria-label="选择要处理的文件"
        >
          <p className="ant-upload-drag-icon"><InboxOutlined /></p>
          <p className="ant-upload-text">点击或拖入文件</p>
          <p className="ant-upload-hint">支持 .txt .md .docx .csv .xlsx，不超过 10 MB；文件只用于本次处理，服务器不保存</p>
        </Upload.Dragger>
        <Flex justify="flex-end" style={{ marginTop: 12 }}>
          <Button type="primary" icon={<FileProtectOutlined />} disabled={!file} loading={busy} onClick={() => void process()}>处理文件</Button>
        </Flex>
      </Card>
      <ProblemAlert problem={problem} onClose={clear} style={{ marginBottom: 0 }} />
      {result && r && (
        <Card size="small" title={`处理结果：${r.file}`}>
          <Flex wrap gap={24} style={{ marginBottom: 12 }}>
            <Statistic title="处理总数" value={r.total} />
            {r.flagged > 0 && <Statistic title="需人工复核" value={r.flagged} styles={{ content: { color: '#d4380d' } }} />}
          </Flex>
          <Space wrap size={4} style={{ marginBottom: 12 }}>
            {Object.entries(r.counts).map(([t, n]) => <TypeTag key={t} type={t}>{typeName(t)} {n}</TypeTag>)}
          </Space>
          <ReportDownloads report={r}>
            <Button type="primary" icon={<DownloadOutlined />} onClick={() => saveBlob(result.filename, new Blob([base64ToBytes(result.contentBase64)]))}>下载处理后文件</Button>
          </ReportDownloads>
          {r.omitted > 0 && <Typography.Paragraph type="secondary" style={{ marginTop: 8 }}>明细列出前 {r.entries.length} 条，另有 {r.omitted} 条只计入总数。</Typography.Paragraph>}
          <Table<ReportEntry>
            style={{ marginTop: 12 }}
            size="small"
            rowKey={(_, i) => String(i)}
            columns={COLUMNS}
            dataSource={r.entries}
            pagination={{ pageSize: 10, hideOnSinglePage: true, showSizeChanger: false }}
            scroll={{ x: 760 }}
          />
        </Card>
      )}
    </Flex>
  );
}
