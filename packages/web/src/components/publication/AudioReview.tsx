import { Col, List, Row, Space, Spin, Tag, Typography } from 'antd';
import type { PublicationDetail, PublicationFile } from '../../api/publications.ts';
import { LoadError } from '../ProblemAlert.tsx';
import { actionLabel, findingTypeLabel, formatSeconds } from './labels.ts';
import { useObjectUrl, useReviewedFile } from './usePublicationFile.ts';

/**
 * A recording: the draft (reviewers only) and the processed version in two players, what was
 * muted and where, and how the voice was altered (第十四条: 声音影像).
 */
export function AudioReview({ pub, file }: { pub: PublicationDetail; file: PublicationFile }) {
  const { showDraft, processed, draft, loading, error } = useReviewedFile(pub, file);
  const processedUrl = useObjectUrl(processed);
  const originalUrl = useObjectUrl(draft);
  const muted = file.findings.filter((f) => f.action === 'muted');
  const voice = file.voiceAltered;
  return (
    <>
      <LoadError error={error} />
      <Spin spinning={loading}>
        <Row gutter={[16, 12]}>
          {showDraft && (
            <Col xs={24} lg={12}>
              <Typography.Text strong>原声（仅审核员可见，未经技术处理）</Typography.Text>
              {originalUrl && <audio controls src={originalUrl} aria-label={`${file.name} 原声`} style={{ width: '100%', display: 'block', marginTop: 4 }} />}
            </Col>
          )}
          <Col xs={24} lg={showDraft ? 12 : 24}>
            <Typography.Text strong>处理后{pub.status === 'approved' ? '（已批准的发布版本）' : '（未批准）'}</Typography.Text>
            {processedUrl && <audio controls src={processedUrl} aria-label={`${file.name} 处理后`} style={{ width: '100%', display: 'block', marginTop: 4 }} />}
          </Col>
        </Row>
      </Spin>
      {voice && (
        <Typography.Paragraph style={{ marginTop: 8, marginBottom: 0 }}>
          已变声：音高 {voice.pitchSemitones} 个半音，{voice.formant}{file.durationSeconds !== undefined ? `；时长 ${formatSeconds(file.durationSeconds)}` : ''}
        </Typography.Paragraph>
      )}
      {file.warnings?.map((w) => <Typography.Paragraph key={w} type="warning" style={{ marginBottom: 0 }}>{w}</Typography.Paragraph>)}
      <List
        size="small"
        bordered
        style={{ marginTop: 12 }}
        aria-label={`${file.name} 中静音的片段`}
        header={<Typography.Text strong>静音的片段（{muted.length}）</Typography.Text>}
        locale={{ emptyText: '转写稿中没有需要静音的个人信息' }}
        dataSource={muted}
        renderItem={(f) => (
          <List.Item style={{ display: 'block' }}>
            <Space wrap size={6}>
              <Typography.Text code>{formatSeconds(f.from)}–{formatSeconds(f.to)}</Typography.Text>
              <Tag>{findingTypeLabel(f.type)}</Tag>
              {f.text && <Typography.Text strong>“{f.text}”</Typography.Text>}
              <Tag color="blue">{actionLabel(f.action)}</Tag>
            </Space>
            {f.reason && <div><Typography.Text type="secondary" style={{ fontSize: 12 }}>{f.reason}</Typography.Text></div>}
          </List.Item>
        )}
      />
    </>
  );
}
