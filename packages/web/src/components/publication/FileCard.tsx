import { Alert, Card, Flex, Space, Tag, Typography } from 'antd';
import type { AdjustBody, PublicationDetail, PublicationFile } from '../../api/publications.ts';
import { TypeTag } from '../redact/TypeTag.tsx';
import { AudioReview } from './AudioReview.tsx';
import { DocumentReview } from './DocumentReview.tsx';
import { FileDownloads } from './FileDownloads.tsx';
import { ImageReview } from './ImageReview.tsx';
import { findingTypeLabel, formatBytes } from './labels.ts';

const ROLE: Record<PublicationFile['role'], string> = { document: '文档', image: '图片', audio: '录音', transcript: '转写稿' };

/** One file of a publication: what was found in it, the two versions, and its downloads. */
export function FileCard({ pub, file, plan, onAdjust }: {
  pub: PublicationDetail; file: PublicationFile; plan: AdjustBody; onAdjust: (body: AdjustBody) => Promise<void>;
}) {
  return (
    <Card
      size="small"
      data-file={file.name}
      title={<Space wrap size={6}><Tag>{ROLE[file.role]}</Tag><span style={{ overflowWrap: 'anywhere', whiteSpace: 'normal' }}>{file.name}</span></Space>}
      styles={{ header: { paddingBlock: 8 }, title: { whiteSpace: 'normal' } }}
    >
      <Flex vertical gap={12}>
        <Space wrap size={4}>
          <Typography.Text type="secondary" style={{ fontSize: 13 }}>
            原稿 {formatBytes(file.originalSize)}{file.processedSize !== null ? ` · 处理后 ${formatBytes(file.processedSize)}` : ''}
          </Typography.Text>
          {Object.entries(file.counts).map(([t, n]) => <TypeTag key={t} type={t}>{findingTypeLabel(t)} {n}</TypeTag>)}
        </Space>
        {file.omitted > 0 && <Typography.Text type="secondary">明细列出前 {file.findings.length} 处，另有 {file.omitted} 处只计入总数，已一并处理。</Typography.Text>}
        {file.embeddedMedia ? (
          <Alert type="warning" showIcon title={`文档内嵌 ${file.embeddedMedia} 张图片，文字处理不改动图片：如含儿童肖像或姓名，请取出图片单独送审（第十四条）`} />
        ) : null}
        {file.role === 'document' && <DocumentReview pub={pub} file={file} />}
        {file.role === 'image' && <ImageReview pub={pub} file={file} plan={plan} onAdjust={onAdjust} />}
        {file.role === 'audio' && <AudioReview pub={pub} file={file} />}
        {file.role === 'transcript' && (
          <Typography.Text type="secondary">转写稿只用于找出录音“{file.transcriptOf}”中要静音的姓名等信息，不发布。</Typography.Text>
        )}
        <FileDownloads pub={pub} file={file} />
      </Flex>
    </Card>
  );
}
