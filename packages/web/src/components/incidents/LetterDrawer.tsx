import { Button, Drawer, Skeleton, Space, Typography } from 'antd';
import { DownloadOutlined } from '@ant-design/icons';
import type { Letter } from '../../api/incidents.ts';
import { useLoader } from '../../hooks/useLoader.ts';
import { useIsMobile } from '../../hooks/useIsMobile.ts';
import { LoadError } from '../ProblemAlert.tsx';
import { saveText } from '../redact/download.ts';
import { LetterText } from './LetterText.tsx';

export interface LetterRequest {
  title: string;
  /** What the letter is for, shown above it. */
  hint: string;
  load: (signal: AbortSignal) => Promise<Letter>;
}

/**
 * A letter the server wrote, shown to be read and saved as it came (Markdown). It is fetched
 * only when opened: each fetch is the server's to record.
 */
export function LetterDrawer({ letter, onClose }: { letter: LetterRequest | null; onClose: () => void }) {
  const mobile = useIsMobile();
  // The answer names its request, so an earlier letter is never shown under a later title.
  const loaded = useLoader(async (signal) => ({ req: letter, letter: await letter!.load(signal) }), [letter], !!letter);
  const data = letter && loaded.data?.req === letter ? loaded.data.letter : undefined;
  return (
    <Drawer open={!!letter} onClose={onClose} size={mobile ? '100%' : 760} title={letter?.title}
      extra={data && (
        <Button type="primary" icon={<DownloadOutlined />} onClick={() => saveText(data.filename, data.text, 'text/markdown;charset=utf-8')}>
          下载
        </Button>
      )}>
      {letter && <Typography.Paragraph type="secondary">{letter.hint}</Typography.Paragraph>}
      <LoadError error={letter ? loaded.error : undefined} onRetry={loaded.reload} />
      {!data && !loaded.error ? <Skeleton active paragraph={{ rows: 10 }} /> : data && (
        <Space orientation="vertical" style={{ width: '100%' }}>
          <div role="document" aria-label={letter?.title} style={{ border: '1px solid #f0f0f0', borderRadius: 8, padding: mobile ? 12 : 24, background: '#fff' }}>
            <LetterText text={data.text} />
          </div>
          <Typography.Text type="secondary">文件名：{data.filename}</Typography.Text>
        </Space>
      )}
    </Drawer>
  );
}
