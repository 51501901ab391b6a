import { Button, Flex } from 'antd';
import { DownloadOutlined } from '@ant-design/icons';
import { redactApi, type FileReport } from '../../api/redact.ts';
import { useProblem } from '../../hooks/useProblem.ts';
import { ProblemAlert } from '../ProblemAlert.tsx';
import { saveText } from './download.ts';

/** The review report for the archive: JSON as received, CSV and Markdown written by the server's report writer. */
export function ReportDownloads({ report, children }: { report: FileReport; children?: React.ReactNode }) {
  const { problem, clear, busy, run } = useProblem();
  const stem = report.file.replace(/\.[^.]*$/u, '');
  const table = (format: 'csv' | 'markdown') => run(async () => {
    const r = await redactApi.report(report, format);
    saveText(r.filename, r.content, r.mediaType);
  });
  return (
    <>
      <ProblemAlert problem={problem} onClose={clear} />
      <Flex wrap gap={8}>
        {children}
        <Button icon={<DownloadOutlined />} onClick={() => saveText(`${stem}-审核报告.json`, `${JSON.stringify(report, null, 2)}\n`, 'application/json')}>审核报告 JSON</Button>
        <Button icon={<DownloadOutlined />} loading={busy} onClick={() => void table('csv')}>审核报告 CSV</Button>
        <Button icon={<DownloadOutlined />} loading={busy} onClick={() => void table('markdown')}>审核报告 Markdown</Button>
      </Flex>
    </>
  );
}
