import { useCallback, useMemo } from 'react';
import { Link, useParams } from 'react-router-dom';
import { Card, Flex, List, Space, Spin, Tag, Typography } from 'antd';
import { ArrowLeftOutlined } from '@ant-design/icons';
import { publicationsApi, type AdjustBody, type PublicationDetail } from '../api/publications.ts';
import { useLoader } from '../hooks/useLoader.ts';
import { PageHeader } from '../components/PageHeader.tsx';
import { LoadError } from '../components/ProblemAlert.tsx';
import { SectionTitle } from '../components/SectionTitle.tsx';
import { formatTime } from '../components/LedgerTable.tsx';
import { planOf } from '../components/publication/adjust-plan.ts';
import { ChecksPanel } from '../components/publication/ChecksPanel.tsx';
import { ChildrenPanel } from '../components/publication/ChildrenPanel.tsx';
import { DecisionBanner } from '../components/publication/DecisionBanner.tsx';
import { FileCard } from '../components/publication/FileCard.tsx';
import { FindingsTable } from '../components/publication/FindingsTable.tsx';
import { findingTypeLabel, OUTCOME, STATUS } from '../components/publication/labels.ts';
import { ReviewActions } from '../components/publication/ReviewActions.tsx';
import { TermsPanel } from '../components/publication/TermsPanel.tsx';

const ADJUST_ACTIONS = { keep: '保留', remove: '误识别', add: '补充' } as const;

/**
 * One publication under review (第十三、十四、十五条): where it stands, every check with its
 * article, the children it names, each file's draft beside its processed version, the
 * reviewer's adjustments, and the decision. The server decides; this page shows and asks.
 */
export default function PublicationDetailPage() {
  const { id = '' } = useParams();
  const loaded = useLoader((signal) => publicationsApi.get(id, signal), [id]);
  const pub = loaded.data;
  const { setData } = loaded;
  const plan = useMemo(() => (pub ? planOf(pub) : { keep: [], remove: [], add: [] }), [pub]);
  const onAdjust = useCallback(async (body: AdjustBody) => { setData(await publicationsApi.adjust(id, body)); }, [id, setData]);
  const onChanged = useCallback((p: PublicationDetail) => setData(p), [setData]);

  const back = <Link to="/publications" style={{ display: 'inline-block', marginBottom: 8 }}><ArrowLeftOutlined aria-hidden /> 返回发布审核</Link>;
  if (!pub) {
    return (
      <div style={{ maxWidth: 1280 }}>
        {back}
        <LoadError error={loaded.error} onRetry={loaded.reload} />
        {loaded.loading && <div style={{ padding: 48, textAlign: 'center' }}><Spin /></div>}
      </div>
    );
  }

  const s = STATUS[pub.status];
  const o = OUTCOME[pub.outcome];
  return (
    <div style={{ maxWidth: 1280 }}>
      {back}
      <PageHeader
        title={pub.title}
        subtitle={`${pub.kindLabel} · ${pub.channelLabel} · 受众：${pub.audienceLabel} · 用途：${pub.purposeLabel}`}
        extra={<ReviewActions pub={pub} onChanged={onChanged} />}
      />
      <Space wrap size={6} style={{ marginBottom: 12 }}>
        <Tag color={s.color}>{s.label}</Tag>
        <Tag color={o.color}>{o.label}</Tag>
        <Typography.Text type="secondary">
          {pub.submitterOrg.name} · {pub.submittedBy.displayName} 于 {formatTime(pub.submittedAt)} 提交
          {pub.revisionOf ? <> · <Link to={`/publications/${pub.revisionOf}`}>修改自前一稿</Link></> : null}
        </Typography.Text>
      </Space>
      <DecisionBanner pub={pub} />
      <LoadError error={loaded.error} onRetry={loaded.reload} />

      <Flex vertical gap={16}>
        <Card size="small" title={<SectionTitle style={{ margin: 0 }}>核对结果</SectionTitle>}>
          <ChecksPanel checks={pub.checks} />
        </Card>

        <Card size="small" title={<SectionTitle style={{ margin: 0 }}>涉及的在册儿童（{pub.children.length}）</SectionTitle>}>
          <ChildrenPanel items={pub.children} />
        </Card>

        <section aria-label="文件">
          <SectionTitle>文件（{pub.files.length}）</SectionTitle>
          <Flex vertical gap={12}>
            {/* By position: a reviewer's keep can rename a file (a name in it), which must not remount its view. */}
            {pub.files.map((f, i) => <FileCard key={i} pub={pub} file={f} plan={plan} onAdjust={onAdjust} />)}
          </Flex>
        </section>

        {pub.titleFindings.length > 0 && (
          <Card size="small" title={<SectionTitle style={{ margin: 0 }}>标题中的识别结果</SectionTitle>}>
            <FindingsTable findings={pub.titleFindings} caption="标题中的识别结果" />
          </Card>
        )}

        {pub.viewer === 'reviewer' && pub.terms && (
          <Card size="small" title={<SectionTitle style={{ margin: 0 }}>审核调整：保留、误识别、补充</SectionTitle>}>
            <TermsPanel pub={pub} plan={plan} onAdjust={onAdjust} />
          </Card>
        )}

        {pub.adjustments.length > 0 && (
          <Card size="small" title={<SectionTitle style={{ margin: 0 }}>审核员的调整记录（{pub.adjustments.length}）</SectionTitle>}>
            <List
              size="small"
              dataSource={pub.adjustments}
              renderItem={(a) => (
                <List.Item style={{ display: 'block' }}>
                  <Space wrap size={6}>
                    <Tag>{ADJUST_ACTIONS[a.action]}</Tag>
                    <span>{findingTypeLabel(a.type)}</span>
                    <Typography.Text type="secondary">{formatTime(a.at)}</Typography.Text>
                  </Space>
                  <div>理由：{a.reason}</div>
                </List.Item>
              )}
            />
          </Card>
        )}
      </Flex>
    </div>
  );
}
