import { Col, List, Row, Space, Spin, Switch, Tag, Typography } from 'antd';
import type { AdjustBody, PublicationDetail, PublicationFile, PublicationFinding } from '../../api/publications.ts';
import { useProblem } from '../../hooks/useProblem.ts';
import { LoadError, ProblemAlert } from '../ProblemAlert.tsx';
import { colourOf } from '../redact/labels.ts';
import { decide, decisionOf } from './adjust-plan.ts';
import { actionLabel, findingTypeLabel } from './labels.ts';
import { usePendingReason } from './usePendingReason.tsx';
import { useObjectUrl, useReviewedFile } from './usePublicationFile.ts';

const FACE_COLOUR = { bg: '#ffe7ba', line: '#d46b08' };
const boxColour = (f: PublicationFinding) => (f.type === 'FACE' ? FACE_COLOUR : colourOf(f.type));

// The label is dark text on the pale tint (as TypeTag): white on orange falls under 4.5:1 (WCAG 1.4.3).

/** Faces are numbered in the order the server lists them; the number is drawn on the picture and used in the list. */
const faceNo = (faces: PublicationFinding[], f: PublicationFinding) => faces.indexOf(f) + 1;

function Picture({ url, file, label, faces }: { url: string | undefined; file: PublicationFile; label: string; faces: PublicationFinding[] }) {
  const w = file.width ?? 1, h = file.height ?? 1;
  return (
    <figure style={{ margin: 0 }}>
      <figcaption><Typography.Text strong>{label}</Typography.Text></figcaption>
      <div style={{ position: 'relative', width: '100%', aspectRatio: `${w} / ${h}`, background: '#f5f5f5', border: '1px solid #f0f0f0', borderRadius: 8, overflow: 'hidden' }}>
        {url && <img src={url} alt={`${file.name}：${label}`} style={{ position: 'absolute', inset: 0, width: '100%', height: '100%', objectFit: 'contain' }} />}
        {file.findings.filter((f) => f.box).map((f) => {
          const b = f.box!;
          const c = boxColour(f);
          const kept = f.action === 'kept';
          return (
            <div key={f.id} aria-hidden data-box={f.id}
              style={{
                position: 'absolute', left: `${(b.x / w) * 100}%`, top: `${(b.y / h) * 100}%`, width: `${(b.width / w) * 100}%`, height: `${(b.height / h) * 100}%`,
                border: `2px ${kept ? 'dashed' : 'solid'} ${c.line}`, boxSizing: 'border-box', borderRadius: 4,
              }}>
              <span style={{ position: 'absolute', left: -2, top: -2, transform: b.y / h < 0.06 ? 'none' : 'translateY(-100%)', background: c.bg, color: 'rgba(0, 0, 0, 0.88)', border: `1px solid ${c.line}`, fontSize: 12, lineHeight: '16px', padding: '0 4px', borderRadius: 2, whiteSpace: 'nowrap' }}>
                {f.type === 'FACE' ? `人脸 ${faceNo(faces, f)}${kept ? ' 保留' : ''}` : findingTypeLabel(f.type)}
              </span>
            </div>
          );
        })}
      </div>
    </figure>
  );
}

/**
 * A picture: the draft (reviewers only) beside the processed version, faces and words found in
 * it boxed on both; each face can be kept, with a reason (第十四条: only when needed for the work
 * and consented), which the server then leaves unblurred and flags.
 */
export function ImageReview({ pub, file, plan, onAdjust }: {
  pub: PublicationDetail; file: PublicationFile; plan: AdjustBody; onAdjust: (body: AdjustBody) => Promise<void>;
}) {
  const { showDraft, processed, draft, loading, error } = useReviewedFile(pub, file);
  const processedUrl = useObjectUrl(processed);
  const originalUrl = useObjectUrl(draft);
  const { ask, dialog } = usePendingReason();
  const direct = useProblem();
  const faces = file.findings.filter((f) => f.type === 'FACE');
  const others = file.findings.filter((f) => f.type !== 'FACE');

  const toggle = (f: PublicationFinding, on: boolean) => {
    const n = faceNo(faces, f);
    if (!on) {
      void direct.run(() => onAdjust(decide(plan, f.id, null)));
      return;
    }
    ask({
      title: `保留人脸 ${n}（不模糊）`, label: '保留理由', okText: '保留',
      intro: '保留即按原样发布此人的面部。只有确因工作需要、且已事先告知并取得儿童及其监护人同意时才可保留（第十三、十四条）；批准时须说明。',
      send: (reason) => onAdjust(decide(plan, f.id, 'keep', reason)),
    });
  };

  return (
    <>
      <LoadError error={error} />
      <Spin spinning={loading}>
        <Row gutter={[16, 12]}>
          {showDraft && <Col xs={24} lg={12}><Picture url={originalUrl} file={file} faces={faces} label="原图（仅审核员可见，未经技术处理）" /></Col>}
          <Col xs={24} lg={showDraft ? 12 : 24}>
            <Picture url={processedUrl} file={file} faces={faces} label={`处理后${pub.status === 'approved' ? '（已批准的发布版本）' : '（未批准）'}`} />
          </Col>
        </Row>
      </Spin>
      {file.metadataRemoved?.length ? (
        <Typography.Paragraph type="secondary" style={{ marginTop: 8, marginBottom: 0 }}>已去除图片元数据：{file.metadataRemoved.join('、')}（可能含拍摄地点、作者、说明文字）</Typography.Paragraph>
      ) : null}
      <List
        size="small"
        bordered
        style={{ marginTop: 12 }}
        aria-label={`${file.name} 中识别出的人脸与文字`}
        locale={{ emptyText: '没有识别到人脸或文字' }}
        dataSource={[...faces, ...others]}
        renderItem={(f) => {
          const d = decisionOf(plan, f.id);
          const isFace = f.type === 'FACE';
          const label = isFace ? `人脸 ${faceNo(faces, f)}` : findingTypeLabel(f.type);
          return (
            <List.Item style={{ display: 'block' }}>
              <Space wrap size={6} style={{ width: '100%', justifyContent: 'space-between' }}>
                <Space wrap size={6}>
                  <Typography.Text strong>{label}</Typography.Text>
                  {f.text && <Typography.Text>“{f.text}”</Typography.Text>}
                  <Tag color={f.action === 'kept' ? 'gold' : 'blue'}>{actionLabel(f.action)}</Tag>
                  <Typography.Text type="secondary" style={{ fontSize: 12 }}>置信度 {Math.round(f.score * 100)}%</Typography.Text>
                </Space>
                {isFace && pub.abilities.adjust && (
                  <Space size={6}>
                    <Typography.Text aria-hidden>保留</Typography.Text>
                    <Switch checked={d?.action === 'keep'} loading={direct.busy} aria-label={`保留${label}（不模糊）`}
                      onChange={(on) => toggle(f, on)} />
                  </Space>
                )}
              </Space>
              {d && <div><Typography.Text style={{ fontSize: 13 }}>保留理由：{d.reason}</Typography.Text></div>}
              <div><Typography.Text type="secondary" style={{ fontSize: 12 }}>{f.reason ?? f.article}</Typography.Text></div>
            </List.Item>
          );
        }}
      />
      <ProblemAlert problem={direct.problem} onClose={direct.clear} style={{ marginTop: 8, marginBottom: 0 }} />
      {dialog}
    </>
  );
}
