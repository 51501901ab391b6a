import { useState } from 'react';
import { Alert, Button, Card, Col, Empty, Row, Skeleton, Space, Tag, Typography } from 'antd';
import { EditOutlined, StopOutlined } from '@ant-design/icons';
import { purposesApi, type CataloguePurpose } from '../api/purposes.ts';
import { actLabel, fieldLabel, orgTypeLabel, retentionLabel } from '../api/labels.ts';
import { useLoader } from '../hooks/useLoader.ts';
import { useSession } from '../hooks/useSession.tsx';
import { PageHeader } from '../components/PageHeader.tsx';
import { LoadError } from '../components/ProblemAlert.tsx';
import { formatTime } from '../components/LedgerTable.tsx';
import { PurposeEditDrawer } from '../components/PurposeEditDrawer.tsx';

// The server may send the editor as a bare user id; a name is shown only when there is one.

export default function PurposesPage() {
  const list = useLoader((signal) => purposesApi.catalogue(signal), []);
  const { can } = useSession();
  const [editing, setEditing] = useState<CataloguePurpose | null>(null);
  const all = list.data ?? [];
  const forbidden = all.filter((p) => p.forbidden);
  const usable = all.filter((p) => !p.forbidden);

  return (
    <>
      <PageHeader title="处理目的目录" subtitle="每个目的规定：哪些机构可以用、每种处理活动最多用哪些信息、信息保存到什么时候。所有判定都按这里执行。" />
      <LoadError error={list.error} onRetry={list.reload} />
      {forbidden.length > 0 && (
        <Alert type="error" showIcon icon={<StopOutlined />} style={{ marginBottom: 16 }}
          title="第十五条禁止的目的：一律拒绝"
          description={<>
            <div style={{ marginBottom: 6 }}>{forbidden.map((p) => <Tag key={p.code} color="red" style={{ marginBottom: 4 }}>{p.label} · 始终拒绝</Tag>)}</div>
            <div>不得利用困境儿童个人信息募捐、直播带货、博眼球、赚流量。无论是否取得同意，系统都拒绝，也不能修改。</div>
          </>} />
      )}
      {list.loading && !list.data ? <Card><Skeleton active /></Card> : (
        <Row gutter={[16, 16]}>
          {usable.map((p) => (
            <Col xs={24} xl={12} key={p.code}>
              <PurposeCard p={p} onEdit={can('purpose.manage') ? () => setEditing(p) : undefined} />
            </Col>
          ))}
          {!usable.length && !list.error && <Col span={24}><Empty description="目录为空" /></Col>}
        </Row>
      )}
      <PurposeEditDrawer purpose={editing} onClose={() => setEditing(null)} onSaved={() => { setEditing(null); list.reload(); }} />
    </>
  );
}

function PurposeCard({ p, onEdit }: { p: CataloguePurpose; onEdit?: () => void }) {
  const r = p.retention;
  const rules = p.fieldRules ?? [];
  return (
    <Card size="small" style={{ height: '100%' }}
      title={<Space wrap size={6}><strong>{p.label}</strong>{p.publication && <Tag color="gold">发布前须告知并取得同意（第十三条）</Tag>}{!!p.version && <Tag color="blue">已修改</Tag>}</Space>}
      extra={onEdit && <Button size="small" icon={<EditOutlined />} onClick={onEdit} aria-label={`编辑 ${p.label}`}>编辑</Button>}>
      <dl className="field-grid" style={{ margin: 0 }}>
        <dt>可用机构</dt>
        <dd>{(p.orgTypes ?? []).map((t) => <Tag key={t.code} style={{ marginBottom: 4 }}>{t.label}</Tag>)}</dd>
        {!!p.statutoryDuties?.length && <>
          <dt>法定职责</dt>
          <dd>{p.statutoryDuties.map((d, i) => (
            <div key={i}>{d.orgTypes.map(orgTypeLabel).join('、')}无须同意：{d.message}</div>
          ))}</dd>
        </>}
        {r && <>
          <dt>保存期限</dt>
          <dd>
            <div>{r.until.map((e) => <Tag key={e} style={{ marginBottom: 4 }}>{retentionLabel(e)}</Tag>)}{r.byLaw && <Tag color="blue">另有法定保存期限</Tag>}</div>
            <div>{r.graceMonths ? `出现任一情形即停止处理，${r.graceMonths} 个月后删除。` : '出现任一情形即停止处理并删除。'}</div>
            <Typography.Text type="secondary">{r.note}</Typography.Text>
          </dd>
        </>}
        {p.version ? <>
          <dt>版本</dt>
          <dd>第 {p.version} 版 · {formatTime(p.updatedAt)} {p.updatedByName ?? ''}{p.changeNote && <div><Typography.Text type="secondary">修改说明：{p.changeNote}</Typography.Text></div>}</dd>
        </> : null}
      </dl>
      {rules.length > 0 && (
        <details style={{ marginTop: 8 }}>
          <summary style={{ cursor: 'pointer' }}>字段规则（{rules.length} 条，最小必要）</summary>
          <ol style={{ margin: '4px 0 0', paddingInlineStart: 20 }}>
            {rules.map((f, i) => (
              <li key={i} style={{ marginBottom: 6 }}>
                <div><strong>{f.orgTypes.map(orgTypeLabel).join('、')}</strong>：{f.acts.map(actLabel).join('、')}</div>
                <Typography.Text type="secondary">{f.fields.map(fieldLabel).join('、')}</Typography.Text>
              </li>
            ))}
          </ol>
        </details>
      )}
    </Card>
  );
}
