import { useState } from 'react';
import { Link, useNavigate } from 'react-router-dom';
import { Alert, Button, Card, Checkbox, Flex, Result, Statistic, Table, Typography, Upload } from 'antd';
import type { TableColumnsType } from 'antd';
import { ArrowLeftOutlined, DownloadOutlined, FileSearchOutlined, InboxOutlined, UploadOutlined } from '@ant-design/icons';
import { importApi, refusedReport, type ImportFile, type ImportProblem, type ImportReport } from '../api/import.ts';
import { useProblem } from '../hooks/useProblem.ts';
import { useSession } from '../hooks/useSession.tsx';
import { PageHeader } from '../components/PageHeader.tsx';
import { ProblemAlert } from '../components/ProblemAlert.tsx';
import { fileToBase64, saveBlob } from '../components/redact/download.ts';

const ACCEPT = '.csv,.xlsx';
/** The server's limit; checked here only to spare a long upload that would be refused. */
const MAX_BYTES = 10 * 1024 * 1024;

const COLUMNS: TableColumnsType<ImportProblem> = [
  { title: '行号', dataIndex: 'row', width: 56 },
  { title: '列', dataIndex: 'column', width: 96 },
  { title: '说明', dataIndex: 'message' },
];

/** Row, column and the server's Chinese message for each bad row; wraps rather than scrolls on a phone. */
function ProblemTable({ report }: { report: ImportReport }) {
  return (
    <>
      <Table<ImportProblem>
        size="small"
        tableLayout="fixed"
        rowKey={(p) => `${p.row}-${p.field}-${p.message}`}
        columns={COLUMNS}
        dataSource={report.problems}
        pagination={{ pageSize: 10, hideOnSinglePage: true, showSizeChanger: false, size: 'small' }}
        aria-label="有问题的行"
      />
      {report.problemsOmitted > 0 && (
        <Typography.Paragraph type="secondary" style={{ marginTop: 8 }}>
          只列出前 {report.problems.length} 个问题，另有 {report.problemsOmitted} 个未列出；请改正后重新预检，或在服务器上用命令行 hutong import children 查看全部。
        </Typography.Paragraph>
      )}
    </>
  );
}

function Counts({ report }: { report: ImportReport }) {
  return (
    <Flex wrap gap={32} style={{ marginBottom: 12 }}>
      <Statistic title="数据行" value={report.rows} />
      <Statistic title="无误" value={report.valid} styles={{ content: { color: '#237804' } }} />
      <Statistic title="有问题" value={report.invalid} styles={{ content: { color: report.invalid ? '#cf1322' : undefined } }} />
    </Flex>
  );
}

/**
 * 导入名册: template → choose a file → 预检 (validated, nothing written) → 导入 into the user's own
 * organisation (第四条 谁主管谁负责), optionally skipping bad rows. The server decides every row.
 */
export default function ImportPage() {
  const { me } = useSession();
  const navigate = useNavigate();
  const [file, setFile] = useState<File | null>(null);
  const [sent, setSent] = useState<ImportFile | null>(null);
  const [preview, setPreview] = useState<ImportReport | null>(null);
  const [skip, setSkip] = useState(false);
  const [done, setDone] = useState<ImportReport | null>(null);
  const template = useProblem();
  const checking = useProblem();
  const importing = useProblem();

  const reset = (f: File | null) => {
    setFile(f); setSent(null); setPreview(null); setSkip(false); setDone(null);
    checking.clear(); importing.clear();
  };

  const downloadTemplate = () => template.run(async () => {
    const t = await importApi.template();
    saveBlob(t.filename, t.blob);
  });

  const check = () => checking.run(async () => {
    if (!file) return;
    setPreview(null);
    if (file.size > MAX_BYTES) throw new Error('文件超过 10 MB，无法在线导入。请把名册拆成几个文件，或在服务器上使用命令行 hutong import children 导入');
    const body = { filename: file.name, contentBase64: await fileToBase64(file) };
    setSent(body);
    setPreview(await importApi.preview(body));
  });

  const run = () => importing.run(async () => {
    if (!sent) return;
    try {
      setDone(await importApi.run(sent, skip));
    } catch (e) {
      // The register may have changed since the preview: show the rows as the server now sees them.
      const report = refusedReport(e);
      if (report) setPreview({ ...report, dryRun: true });
      throw e;
    }
  });

  if (done) {
    const skipped = done.invalid;
    return (
      <div style={{ maxWidth: 960 }}>
        <PageHeader title="导入名册" />
        <Card>
          <Result
            status="success"
            title={`已导入 ${done.imported} 名儿童`}
            subTitle={`文件“${done.file}”：每名儿童一条“收集”记录已记入处理台账${skipped ? `；跳过有问题的 ${skipped} 行，改正后可再导入这些行` : ''}。名册中默认脱敏显示。`}
            extra={[
              <Button key="list" type="primary" onClick={() => navigate('/children')}>查看儿童名册</Button>,
              <Button key="again" onClick={() => reset(null)}>继续导入</Button>,
            ]}
          />
          {skipped > 0 && <ProblemTable report={done} />}
        </Card>
      </div>
    );
  }

  const canImport = !!preview && preview.valid > 0 && (preview.invalid === 0 || skip);
  return (
    <div style={{ maxWidth: 960 }}>
      <Link to="/children" style={{ display: 'inline-block', marginBottom: 8 }}><ArrowLeftOutlined aria-hidden /> 返回儿童名册</Link>
      <PageHeader
        title="导入名册"
        subtitle={`导入到本机构${me?.org ? `“${me.org.name}”` : ''}的名册（谁主管谁负责，《困境儿童个人信息保护工作办法》第四条），每名儿童的收集记入处理台账`}
      />
      <Flex vertical gap={16}>
        <Card size="small" title="第一步：下载模板，按表头填写">
          <Typography.Paragraph style={{ marginBottom: 8 }}>
            表头须与模板一致；儿童类别可填多个，用“；”分隔；“身份证号”一列请设为文本格式，以免 Excel 丢失末位。
          </Typography.Paragraph>
          <Typography.Paragraph type="secondary">
            旧名册不带同意：每一行都按本机构的法定职责判定，没有依据的信息（例如残疾情况，第十一条）整行不予导入，须另取同意后再补录。
          </Typography.Paragraph>
          <Button icon={<DownloadOutlined />} loading={template.busy} onClick={() => void downloadTemplate()}>下载导入模板（CSV）</Button>
          <ProblemAlert problem={template.problem} onClose={template.clear} style={{ marginTop: 12, marginBottom: 0 }} />
        </Card>

        <Card size="small" title="第二步：选择文件并预检">
          <Upload.Dragger
            accept={ACCEPT}
            maxCount={1}
            fileList={file ? [{ uid: 'f', name: file.name, status: 'done', size: file.size }] : []}
            beforeUpload={(f) => { reset(f); return false; }}
            onRemove={() => reset(null)}
          >
            <p className="ant-upload-drag-icon"><InboxOutlined /></p>
            <p className="ant-upload-text">点击或拖入名册文件</p>
            <p className="ant-upload-hint">支持 .csv（UTF-8 或 GBK）与 .xlsx，不超过 10 MB；预检只校验，不写入任何数据</p>
          </Upload.Dragger>
          <Flex justify="flex-end" style={{ marginTop: 12 }}>
            <Button type="primary" icon={<FileSearchOutlined />} disabled={!file} loading={checking.busy} onClick={() => void check()}>预检</Button>
          </Flex>
        </Card>

        <ProblemAlert problem={checking.problem} onClose={checking.clear} style={{ marginBottom: 0 }} />

        {preview && (
          <Card size="small" title={`第三步：预检结果 · ${preview.file}`}>
            <Counts report={preview} />
            {preview.invalid === 0
              ? <Alert type="success" showIcon title={`全部 ${preview.rows} 行无误，可以导入`} style={{ marginBottom: 12 }} />
              : <Alert type="warning" showIcon style={{ marginBottom: 12 }}
                  title={preview.valid ? `有 ${preview.invalid} 行有问题：按行号改正后重新选择文件预检，或跳过这些行只导入无误的行` : `${preview.rows} 行都有问题：按行号改正后重新选择文件预检`} />}
            {preview.invalid > 0 && <ProblemTable report={preview} />}
            <ProblemAlert problem={importing.problem} onClose={importing.clear} style={{ marginTop: 12, marginBottom: 0 }} />
            <Flex vertical gap={8} style={{ marginTop: 12 }}>
              {preview.invalid > 0 && preview.valid > 0 && (
                <Checkbox checked={skip} onChange={(e) => setSkip(e.target.checked)}>
                  跳过有问题的 {preview.invalid} 行，只导入无误的 {preview.valid} 行
                </Checkbox>
              )}
              {preview.valid === 0 && <Typography.Text type="danger">没有可导入的行，请改正后重新预检。</Typography.Text>}
              {preview.valid > 0 && preview.invalid > 0 && !skip && (
                <Typography.Text type="secondary">有问题的行未改正时，整个文件不会导入；勾选上方选项可只导入无误的行。</Typography.Text>
              )}
              <Flex justify="flex-end">
                <Button type="primary" icon={<UploadOutlined />} disabled={!canImport} loading={importing.busy} onClick={() => void run()}>
                  {canImport ? `导入 ${preview.valid} 名儿童` : '导入'}
                </Button>
              </Flex>
            </Flex>
          </Card>
        )}
      </Flex>
    </div>
  );
}
