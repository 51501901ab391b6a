import { useState } from 'react';
import { Link, useParams, useSearchParams } from 'react-router-dom';
import { Alert, App, Badge, Button, Card, Col, DatePicker, Empty, Form, Input, List, Row, Select, Skeleton, Space, Tabs, Tag, Typography } from 'antd';
import { ArrowLeftOutlined, EditOutlined, EyeInvisibleOutlined, EyeOutlined, PlusOutlined } from '@ant-design/icons';
import dayjs, { type Dayjs } from 'dayjs';
import { childrenApi } from '../api/endpoints.ts';
import type { ChildDetail, FieldValue, LedgerEntry, Sensitivity, Visit } from '../api/types.ts';
import { SENSITIVITY_LABELS } from '../api/labels.ts';
import { purposeLabel } from '../api/purposes.ts';
import { useLoader } from '../hooks/useLoader.ts';
import { useSession } from '../hooks/useSession.tsx';
import { useIsMobile } from '../hooks/useIsMobile.ts';
import { useProblem } from '../hooks/useProblem.ts';
import { PageHeader } from '../components/PageHeader.tsx';
import { FieldText } from '../components/FieldText.tsx';
import { asLabelled, FieldList } from '../components/FieldList.tsx';
import { LoadError, ProblemAlert } from '../components/ProblemAlert.tsx';
import { PurposeDialog, type PurposeInput } from '../components/PurposeDialog.tsx';
import { LedgerTable } from '../components/LedgerTable.tsx';
import { LedgerEntryDrawer } from '../components/LedgerEntryDrawer.tsx';
import { ConsentsTab } from '../components/ConsentsTab.tsx';
import { ChildEditDrawer } from '../components/registry/ChildEditDrawer.tsx';
import { GuardiansPanel } from '../components/registry/GuardiansPanel.tsx';

const SENSITIVITY_COLORS: Record<Sensitivity, string> = { direct: '#cf1322', location: '#d46b08', sensitive: '#722ed1', general: '#8c8c8c' };
const SENSITIVITY_ORDER: Sensitivity[] = ['direct', 'location', 'sensitive', 'general'];

/** Visit kinds offered when recording a home visit. */
export const VISIT_KINDS = [
  { value: 'home', label: '入户走访' },
  { value: 'phone', label: '电话回访' },
  { value: 'school', label: '到校了解' },
  { value: 'other', label: '其他' },
];

export default function ChildDetailPage() {
  const { id = '' } = useParams();
  const { can } = useSession();
  const { message } = App.useApp();
  const mobile = useIsMobile();
  const [access, setAccess] = useState<PurposeInput | null>(null);
  const [asking, setAsking] = useState(false);
  // ?tab=consents: the to-do lists (turning 14) open the page where consent is recorded.
  const [sp, setSp] = useSearchParams();
  const tab = sp.get('tab') ?? 'info';
  const setTab = (t: string) => setSp(t === 'info' ? {} : { tab: t }, { replace: true });
  const [entry, setEntry] = useState<LedgerEntry | null>(null);
  const [editing, setEditing] = useState(false);
  const child = useLoader(() => childrenApi.get(id), [id]);
  const history = useLoader(() => childrenApi.history(id), [id], tab === 'history');

  const d: ChildDetail | undefined = child.data;
  const unmasked = !!access;
  const nameField = d?.groups.flatMap((g) => g.fields).find((f) => f.key === 'name');

  const requestFull = async (v: PurposeInput) => {
    const full = await childrenApi.get(id, v); // a refusal rejects: the dialog shows why
    child.setData(full);
    setAccess(v);
    setAsking(false);
    void message.success('已显示完整信息，本次查看已记入处理台账');
  };

  const hideFull = () => {
    setAccess(null);
    child.reload();
  };

  // After a write the page reloads masked: showing the full record again would be a new 使用 to ledger.
  const afterWrite = () => {
    setAccess(null);
    child.reload();
  };

  const groups = [...(d?.groups ?? [])].sort((a, b) => SENSITIVITY_ORDER.indexOf(a.sensitivity) - SENSITIVITY_ORDER.indexOf(b.sensitivity));

  return (
    <>
      <Link to="/children" style={{ display: 'inline-block', marginBottom: 8 }}><ArrowLeftOutlined aria-hidden /> 返回儿童名册</Link>
      <PageHeader
        title={<span>儿童详情{nameField && <>：<FieldText field={nameField} strong /></>}</span>}
        subtitle={d ? `${d.regionName ?? d.regionCode} · 责任机构：${d.ownerOrg?.name ?? '—'}` : undefined}
        extra={d && (
          <>
            {can('child.write') && <Button icon={<EditOutlined />} onClick={() => setEditing(true)}>修改基本信息</Button>}
            {unmasked
              ? <Button icon={<EyeInvisibleOutlined />} onClick={hideFull}>恢复脱敏显示</Button>
              : <Button type="primary" icon={<EyeOutlined />} onClick={() => setAsking(true)}>查看完整信息</Button>}
          </>
        )}
      />
      <LoadError error={child.error} onRetry={child.reload} />
      {unmasked && (
        <Alert
          type="warning"
          showIcon
          style={{ marginBottom: 16 }}
          title={`正在显示完整信息 · 处理目的：${d?.basis?.purposeLabel ?? purposeLabel(access.purpose)}`}
          description={
            <>
              {d?.basis?.message && <div>{d.basis.message}</div>}
              {d?.basis?.article && <div>依据：{d.basis.article}</div>}
              <div>请仅在本次目的范围内使用，勿截屏、转发或留存。离开本页后恢复脱敏。</div>
            </>
          }
        />
      )}
      {child.loading && !d ? <Card><Skeleton active paragraph={{ rows: 8 }} /></Card> : d && (
        <Tabs
          activeKey={tab}
          onChange={setTab}
          items={[
            {
              key: 'info', label: mobile ? '信息' : '基本信息',
              children: (
                <Row gutter={[16, 16]}>
                  {/* A child who cannot express a will changes who must consent: say so first. */}
                  {d.canExpressWill === false && <Col span={24}><WillCard /></Col>}
                  {groups.map((g) => (
                    <Col xs={24} lg={12} key={g.sensitivity}>
                      <Card
                        size="small"
                        title={<Badge color={SENSITIVITY_COLORS[g.sensitivity]} text={<strong>{g.label || SENSITIVITY_LABELS[g.sensitivity] || g.sensitivity}</strong>} />}
                        styles={{ header: { borderTop: `3px solid ${SENSITIVITY_COLORS[g.sensitivity] ?? '#8c8c8c'}`, borderRadius: '8px 8px 0 0' } }}
                      >
                        <FieldList fields={g.fields} />
                      </Card>
                    </Col>
                  ))}
                  {!groups.length && <Col span={24}><Empty description="没有可显示的字段" /></Col>}
                </Row>
              ),
            },
            { key: 'guardians', label: mobile ? `监护人 ${d.guardians?.length ?? 0}` : `监护人（${d.guardians?.length ?? 0}）`, children: <GuardiansPanel childId={id} guardians={d.guardians ?? []} canWrite={can('child.write')} onChanged={afterWrite} /> },
            {
              key: 'visits', label: mobile ? `走访 ${d.visits?.length ?? 0}` : `走访记录（${d.visits?.length ?? 0}）`,
              children: <Visits childId={id} visits={d.visits ?? []} canWrite={can('visit.write')} onAdded={afterWrite} />,
            },
            {
              key: 'consents', label: mobile ? '同意' : '同意与告知',
              children: <ConsentsTab child={d} canWrite={can('child.write')} />,
            },
            {
              key: 'history', label: '处理记录',
              children: (
                <Card size="small" title="本儿童个人信息的处理记录">
                  <LoadError error={history.error} onRetry={history.reload} />
                  <LedgerTable entries={history.data ?? []} loading={history.loading} hideChild onOpen={setEntry} selected={entry} />
                </Card>
              ),
            },
          ]}
        />
      )}
      {d && can('child.write') && <ChildEditDrawer child={d} open={editing} onClose={() => setEditing(false)} onSaved={() => { setEditing(false); afterWrite(); }} />}
      <PurposeDialog open={asking} onCancel={() => setAsking(false)} onSubmit={requestFull} />
      <LedgerEntryDrawer entry={entry} onClose={() => setEntry(null)} canProve={can('ledger.read')} />
    </>
  );
}

/** 第十二条第三款: shown only for a child who cannot express a will (the default is that the child can). */
function WillCard() {
  return (
    <Card size="small" title={<strong>表达意愿能力</strong>} styles={{ header: { borderTop: '3px solid #d46b08', borderRadius: '8px 8px 0 0' } }}>
      <dl className="field-grid" style={{ margin: 0 }}>
        <dt>能否表达意愿</dt>
        <dd><Tag color="orange">不能表达意愿</Tag></dd>
      </dl>
      <Typography.Paragraph type="secondary" style={{ margin: '8px 0 0' }}>
        儿童因身心健康等原因不能表达意愿：即使已满十四周岁，处理其个人信息也须征得监护人同意（第十二条第三款）。
      </Typography.Paragraph>
    </Card>
  );
}

interface VisitValues { visitedOn: Dayjs; kind: string; notes: string }

function Visits({ childId, visits, canWrite, onAdded }: { childId: string; visits: Visit[]; canWrite: boolean; onAdded: () => void }) {
  const [form] = Form.useForm<VisitValues>();
  const [adding, setAdding] = useState(false);
  const [busy, setBusy] = useState(false);
  const { problem, handle, clear } = useProblem(form);
  const { message } = App.useApp();

  const submit = async (v: VisitValues) => {
    setBusy(true);
    clear();
    try {
      await childrenApi.addVisit(childId, { visitedOn: v.visitedOn.format('YYYY-MM-DD'), kind: v.kind, notes: v.notes.trim() });
      form.resetFields();
      setAdding(false);
      void message.success('走访记录已保存，已记入处理台账');
      onAdded();
    } catch (e) {
      handle(e); // what was typed stays in the form
    } finally {
      setBusy(false);
    }
  };

  const kindText = (v: Visit) => v.kindLabel ?? VISIT_KINDS.find((k) => k.value === v.kind)?.label ?? v.kind ?? '走访';
  const sorted = [...visits].sort((a, b) => String(b.visitedOn ?? '').localeCompare(String(a.visitedOn ?? '')));

  return (
    <Space orientation="vertical" size={16} style={{ width: '100%' }}>
      {canWrite && !adding && <Button type="primary" icon={<PlusOutlined />} onClick={() => setAdding(true)}>登记走访</Button>}
      {canWrite && (
        <Card size="small" title="登记走访" hidden={!adding}>
          <Form form={form} name="visit" layout="vertical" onFinish={(v) => void submit(v)} initialValues={{ visitedOn: dayjs(), kind: 'home' }} style={{ maxWidth: 560 }}>
            <ProblemAlert problem={problem} />
            <Row gutter={16}>
              <Col xs={24} sm={12}>
                <Form.Item name="visitedOn" label="走访日期" rules={[{ required: true, message: '请选择走访日期' }]}>
                  <DatePicker style={{ width: '100%' }} disabledDate={(d) => d.isAfter(dayjs(), 'day')} inputReadOnly />
                </Form.Item>
              </Col>
              <Col xs={24} sm={12}>
                <Form.Item name="kind" label="走访方式" rules={[{ required: true, message: '请选择走访方式' }]}>
                  <Select options={VISIT_KINDS} />
                </Form.Item>
              </Col>
            </Row>
            <Form.Item name="notes" label="走访情况" rules={[{ required: true, whitespace: true, message: '请填写走访情况' }]}
              extra="只记录履职所需的情况，不写与保护无关的隐私细节。">
              <Input.TextArea rows={4} maxLength={2000} showCount />
            </Form.Item>
            <Space>
              <Button type="primary" htmlType="submit" loading={busy}>保存</Button>
              <Button onClick={() => { setAdding(false); clear(); }}>收起</Button>
            </Space>
          </Form>
        </Card>
      )}
      <Card size="small">
        <List
          dataSource={sorted}
          locale={{ emptyText: <Empty description="暂无走访记录" /> }}
          renderItem={(v) => (
            <List.Item>
              <List.Item.Meta
                title={<Space wrap size={8}><span>{v.visitedOn ?? ''}</span><Tag>{kindText(v)}</Tag>{(v.visitorName ?? v.createdByName) && <Typography.Text type="secondary">{v.visitorName ?? v.createdByName}</Typography.Text>}</Space>}
                description={
                  v.fields ? <FieldList fields={asLabelled(v.fields)} /> : <FieldText field={v.notes as FieldValue | string | null | undefined} />
                }
              />
            </List.Item>
          )}
        />
      </Card>
    </Space>
  );
}
