import { Button, Flex, Tooltip } from 'antd';
import { DownloadOutlined, SafetyCertificateOutlined, WarningOutlined } from '@ant-design/icons';
import { publicationsApi, type FileVersion, type PublicationDetail, type PublicationFile } from '../../api/publications.ts';
import { useProblem } from '../../hooks/useProblem.ts';
import { ProblemAlert } from '../ProblemAlert.tsx';
import { saveBlob } from '../redact/download.ts';

/**
 * The downloads a file has, each saying what it is. Only the processed version of an approved
 * publication is publishable; the server names everything else 未批准-… or 原稿-未经技术处理-…,
 * and the buttons say so too, so nobody takes a draft for the approved file.
 */
export function FileDownloads({ pub, file }: { pub: PublicationDetail; file: PublicationFile }) {
  const { problem, clear, busy, run } = useProblem();
  const approved = pub.status === 'approved';
  const save = (version: FileVersion) => run(async () => {
    const f = await publicationsApi.file(pub.id, file.name, version);
    saveBlob(f.filename, f.blob);
  });
  if (!file.downloads.processed && !file.downloads.original) return null;
  return (
    <>
      <Flex wrap gap={8}>
        {file.downloads.processed && (approved ? (
          <Button type="primary" icon={<SafetyCertificateOutlined />} loading={busy} onClick={() => void save('processed')}
            aria-label={`下载发布版本（已批准可发布）：${file.name}`}>
            下载发布版本（已批准可发布）
          </Button>
        ) : (
          <Button icon={<DownloadOutlined />} loading={busy} onClick={() => void save('processed')}
            aria-label={`下载处理稿（未批准，不得发布）：${file.name}`}>
            下载处理稿（未批准，不得发布）
          </Button>
        ))}
        {file.downloads.original && (
          <Tooltip title="原稿含未经技术处理的个人信息，仅供提交人与审核员核对；每次下载都记入处理台账">
            <Button danger icon={<WarningOutlined />} loading={busy} onClick={() => void save('original')}
              aria-label={`下载原稿（未经技术处理）：${file.name}`}>
              下载原稿（未经技术处理）
            </Button>
          </Tooltip>
        )}
      </Flex>
      <ProblemAlert problem={problem} onClose={clear} style={{ marginTop: 8, marginBottom: 0 }} />
    </>
  );
}
