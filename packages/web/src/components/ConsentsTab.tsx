import { useEffect, useState } from 'react';
import { Alert, App, Button, Card, Col, DatePicker, Empty, Form, Input, List, Row, Select, Space, Tag, Typography } from 'antd';
import { PlusOutlined } from '@ant-design/icons';
import dayjs, { type Dayjs } from 'dayjs';
import { consentsApi } from '../api/endpoints.ts';
import type { ChildDetail, Consent, Guardian, NewConsent, NewNotification } from '../api/types.ts';
import { orgTypeLabel } from '../api/labels.ts';
import { listPurposes, purposeLabel, type Purpose } from '../api/purposes.ts';
import { useLoader } from '../hooks/useLoader.ts';
import { useProblem } from '../hooks/useProblem.ts';
import { LoadError, ProblemAlert } from './ProblemAlert.tsx';
import { ReasonDialog } from './ReasonDialog.tsx';
import { CONSENT_DEFAULTS, CONSENT_METHODS, ConsentFields, consentBody, type ConsentFieldValues, type Options } from './registry/ConsentFields.tsx';
import { PurposeEnds } from './registry/PurposeEnds.tsx';

const NOTICE_METHODS = [...CONSENT_METHODS, { value: 'sms', label: '短信' }];
const METHOD_LABELS: Record<string, string> = Object.fromEntries(NOTICE_METHODS.map((m) => [m.value, m.label]));
const STATUS: Record<Consent['status'], { color: string; label: string }> = {
  active: { color: 'green', label: '有效' },
  withdrawn: { color: 'red', label: '已撤回' },
  expired: { color: 'default', label: '已过期' },
};

function usePurposes(): Purpose[] {
  const [purposes, setPurposes] = useState<Purpose[]>([]);
  useEffect(() => { void listPurposes().then(setPurposes); }, []);
  return purposes;
}

function guardianName(g: Guardian, i: number): string {
  const fields = Array.isArray(g.fields) ? g.fields : Object.entries(g.fields).map(([key, f]) => ({ key, value: f?.value }));
  const name = fields.find((f) => f.key === 'name' || f.key === 'guardianName')?.value;
  return [g.relation ?? `监护人 ${i + 1}`, typeof name === 'string' ? name : ''].filter(Boolean).join(' ');
}

/** The child's birth date when it is shown in full (YYYY-MM-DD); null when masked or absent. */
function birthDateOf(d: ChildDetail): string | null {
  const f = d.groups.flatMap((g) => g.fields).find((x) => x.key === 'birthDate');
  if (!f || f.masked || typeof f.value !== 'string' || !/^\d{4}-\d{2}-\d{2}$/.test(f.value)) return null;
  return f.value;
}

/** 第十二条 guidance: who consents. 满十四周岁 starts the day after the 14th birthday. */
/** 第十二条: who consents by default — the child from the day after the 14th birthday if they can express a will. */
function defaultGivenBy(birthDate: string | null, canExpressWill: boolean): 'guardian' | 'child' {
  return birthDate && canExpressWill && dayjs().isAfter(dayjs(birthDate).add(14, 'year'), 'day') ? 'child' : 'guardian';
}

function AgeGuidance({ birthDate, canExpressWill }: { birthDate: string | null; canExpressWill: boolean }) {
  const rule = (
    <ul style={{ margin: '4px 0 0', paddingInlineStart: 20 }}>
      <li>不满十四周岁：由<strong>监护人同意</strong>。</li>
      <li>已满十四周岁：由<strong>儿童本人同意</strong>，并<strong>明确告知监护人</strong>（请同时登记告知）。</li>
      <li>满十四周岁自十四周岁生日的<strong>次日</strong>起算；生日当天仍按不满十四周岁处理。</li>
      {!canExpressWill && <li><strong>本儿童不能表达意愿</strong>：无论年龄，都<strong>须征得监护人同意</strong>（第十二条第三款）。</li>}
    </ul>
  );
  if (!birthDate) {
    const title = canExpressWill ? '由谁同意（第十二条）' : '儿童不能表达意愿：须征得监护人同意（第十二条第三款）';
    return <Alert type={canExpressWill ? 'info' : 'warning'} showIcon style={{ marginBottom: 16 }} title={title} description={<>{rule}<div style={{ marginTop: 4 }}>出生日期已脱敏，请按儿童实际年龄选择同意人；查看完整信息后此处会给出具体提示。</div></>} />;
  }
  const birthday14 = dayjs(birthDate).add(14, 'year');
  const over14 = dayjs().isAfter(birthday14, 'day');
  const title = !canExpressWill
    ? `儿童${over14 ? '已满' : '不满'}十四周岁且不能表达意愿：须征得监护人同意（第十二条第三款）`
    : over14 ? '儿童已满十四周岁：应由儿童本人同意，并明确告知监护人（第十二条第三款）' : `儿童不满十四周岁：应由监护人同意（第十二条第二款；${birthday14.add(1, 'day').format('YYYY-MM-DD')} 起满十四周岁）`;
  return <Alert type={over14 || !canExpressWill ? 'warning' : 'info'} showIcon style={{ marginBottom: 16 }} title={title} description={rule} />;
}

type ConsentValues = ConsentFieldValues & { guardianId?: string };

interface NotifyValues {
  guardianId?: string;
  notifiedOn: Dayjs;
  method: NewNotification['method'];
  purposes: string[];
  content: string;
}

export function ConsentsTab({ child, canWrite }: { child: ChildDetail; canWrite: boolean }) {
  const data = useLoader(() => consentsApi.list(child.id), [child.id]);
  const purposes = usePurposes();
  const [open, setOpen] = useState<'consent' | 'notify' | null>(null);
  const [withdrawing, setWithdrawing] = useState<Consent | null>(null);
  const { message } = App.useApp();
  const guardians = child.guardians ?? [];
  const guardianOptions = guardians.map((g, i) => ({ value: g.id, label: guardianName(g, i) }));
  const purposeOptions = purposes.map((p) => ({ value: p.code, label: p.label }));
  const guardianText = (id: string | null, relation?: string | null) => {
    if (!id) return relation ?? '';
    const i = guardians.findIndex((g) => g.id === id);
    return i >= 0 ? guardianName(guardians[i]!, i) : relation ?? '监护人';
  };
  const consents = data.data?.consents ?? [];
  const notifications = data.data?.notifications ?? [];

  return (
    // A flex column, not Space: the folded forms (kept mounted so nothing typed is lost) leave no gap.
    <div style={{ display: 'flex', flexDirection: 'column', gap: 16, width: '100%' }}>
      <LoadError error={data.error} onRetry={data.reload} />
      {canWrite && (
        <Space wrap>
          <Button type={open === 'consent' ? 'default' : 'primary'} icon={<PlusOutlined />} onClick={() => setOpen(open === 'consent' ? null : 'consent')}>登记同意</Button>
          <Button icon={<PlusOutlined />} onClick={() => setOpen(open === 'notify' ? null : 'notify')}>登记告知监护人</Button>
        </Space>
      )}
      {canWrite && (
        <ConsentForm
          hidden={open !== 'consent'} childId={child.id} birthDate={birthDateOf(child)} canExpressWill={child.canExpressWill !== false}
          guardianOptions={guardianOptions} purposeOptions={purposeOptions}
          onClose={() => setOpen(null)} onSaved={() => { setOpen(null); data.reload(); }}
        />
      )}
      {canWrite && (
        <NotifyForm
          hidden={open !== 'notify'} childId={child.id} guardianOptions={guardianOptions} purposeOptions={purposeOptions}
          onClose={() => setOpen(null)} onSaved={() => { setOpen(null); data.reload(); }}
        />
      )}
      <Card size="small" title={`同意记录（${consents.length}）`}>
        <List
          loading={data.loading}
          dataSource={consents}
          locale={{ emptyText: <Empty description="暂无同意记录" /> }}
          renderItem={(c) => (
            <List.Item
              actions={canWrite && c.status === 'active' ? [<Button key="w" danger size="small" onClick={() => setWithdrawing(c)}>撤回</Button>] : undefined}
              style={{ flexWrap: 'wrap', rowGap: 8 }}
            >
              <List.Item.Meta
                title={
                  <Space wrap size={6}>
                    <Tag color={STATUS[c.status]?.color}>{STATUS[c.status]?.label ?? c.status}</Tag>
                    <span>{c.givenBy === 'child' ? '儿童本人同意' : `监护人同意${c.guardianId || c.guardianRelation ? `（${guardianText(c.guardianId, c.guardianRelation)}）` : ''}`}</span>
                    {c.separate && <Tag color="purple">单独同意</Tag>}
                    <Tag>{METHOD_LABELS[c.method] ?? c.method}</Tag>
                  </Space>
                }
                description={
                  <Space orientation="vertical" size={4} style={{ width: '100%' }}>
                    <div>{(c.purposeLabels ?? c.purposes.map(purposeLabel)).map((p) => <Tag key={p} color="blue">{p}</Tag>)}</div>
                    <Typography.Text type="secondary">
                      同意日期 {c.givenOn} · 有效期至 {c.validUntil ?? '未约定'}
                      {c.recipientOrgTypes?.length ? ` · 接收方：${c.recipientOrgTypes.map(orgTypeLabel).join('、')}` : ''}
                    </Typography.Text>
                    {c.evidenceSm3 && <Typography.Text type="secondary" title={c.evidenceSm3}>证据 SM3：<code>{c.evidenceSm3.slice(0, 12)}…</code></Typography.Text>}
                    {c.status === 'withdrawn' && <Typography.Text type="danger">{c.withdrawnAt ? `${dayjs(c.withdrawnAt).format('YYYY-MM-DD HH:mm')} 撤回` : '已撤回'}{c.withdrawnReason ? `：${c.withdrawnReason}` : ''}</Typography.Text>}
                    <details>
                      <summary style={{ cursor: 'pointer' }}>告知内容</summary>
                      <dl className="field-grid" style={{ margin: '4px 0 0' }}>
                        <dt>处理目的</dt><dd>{c.notice.purpose}</dd>
                        <dt>处理方式</dt><dd>{c.notice.method}</dd>
                        <dt>信息种类</dt><dd>{c.notice.categories}</dd>
                        <dt>保存期限</dt><dd>{c.notice.retention}</dd>
                        <dt>权利行使</dt><dd>{c.notice.rights}</dd>
                        <dt>联系方式</dt><dd>{c.notice.contact}</dd>
                        {c.notice.necessityAndImpact && <><dt>必要性及影响</dt><dd>{c.notice.necessityAndImpact}</dd></>}
                      </dl>
                    </details>
                  </Space>
                }
              />
            </List.Item>
          )}
        />
      </Card>
      <Card size="small" title={`告知监护人记录（${notifications.length}）`}>
        <List
          loading={data.loading}
          dataSource={notifications}
          locale={{ emptyText: <Empty description="暂无告知记录" /> }}
          renderItem={(n) => (
            <List.Item>
              <List.Item.Meta
                title={<Space wrap size={6}><span>{n.notifiedOn}</span><Tag>{METHOD_LABELS[n.method] ?? n.method}</Tag>{n.guardianId && <span>{guardianText(n.guardianId)}</span>}</Space>}
                description={<><div>{n.purposes.map((p) => <Tag key={p} color="blue">{purposeLabel(p)}</Tag>)}</div><div style={{ whiteSpace: 'pre-wrap' }}>{n.content}</div></>}
              />
            </List.Item>
          )}
        />
      </Card>
      <PurposeEnds childId={child.id} ends={data.data?.purposeEnds ?? []} purposeOptions={purposeOptions} canWrite={canWrite} onSaved={data.reload} />
      <ReasonDialog open={!!withdrawing} title="撤回同意" label="撤回原因" field="reason" okText="撤回" maxLength={200}
        intro="撤回后立即生效，此前基于该同意的处理不受影响，之后不得再以该同意为依据处理。"
        onClose={() => setWithdrawing(null)}
        onSubmit={async (reason) => {
          await consentsApi.withdraw(child.id, withdrawing!.id, reason);
          void message.success('同意已撤回，立即生效');
          setWithdrawing(null);
          data.reload();
        }} />
    </div>
  );
}

function ConsentForm({ hidden, childId, birthDate, canExpressWill, guardianOptions, purposeOptions, onClose, onSaved }: {
  hidden: boolean; childId: string; birthDate: string | null; canExpressWill: boolean; guardianOptions: Options; purposeOptions: Options; onClose: () => void; onSaved: () => void;
}) {
  const [form] = Form.useForm<ConsentValues>();
  const { problem, clear, busy, run } = useProblem(form);
  const { message } = App.useApp();
  const givenBy = defaultGivenBy(birthDate, canExpressWill);
  // The birth date arrives when the full record is revealed: follow it unless the user already chose.
  useEffect(() => {
    if (!form.isFieldTouched('givenBy')) form.setFieldValue('givenBy', givenBy);
  }, [form, givenBy]);

  // What was typed stays in the form when the save fails.
  const submit = (v: ConsentValues) => run(async () => {
      const body: NewConsent = { ...(await consentBody(v)), ...(v.guardianId ? { guardianId: v.guardianId } : {}) };
      await consentsApi.create(childId, body);
      form.resetFields();
      form.setFieldValue('givenBy', givenBy);
      void message.success('同意已登记，已记入处理台账');
      onSaved();
  });

  return (
    <Card size="small" title="登记同意" hidden={hidden}>
      <AgeGuidance birthDate={birthDate} canExpressWill={canExpressWill} />
      <Form form={form} name="consent" layout="vertical" onFinish={(v) => void submit(v)} initialValues={{ ...CONSENT_DEFAULTS, givenBy }} style={{ maxWidth: 720 }}>
        <ProblemAlert problem={problem} />
        <ConsentFields
          purposeOptions={purposeOptions}
          guardianField={(givenBy) => (
            <Form.Item name="guardianId" label="监护人" hidden={givenBy === 'child'}
              rules={[{ required: givenBy === 'guardian' && guardianOptions.length > 0, message: '请选择给出同意的监护人' }]}>
              <Select allowClear options={guardianOptions} placeholder={guardianOptions.length ? '选择监护人' : '未登记监护人'} />
            </Form.Item>
          )}
        />
        <Space>
          <Button type="primary" htmlType="submit" loading={busy}>保存</Button>
          <Button onClick={() => { onClose(); clear(); }}>收起</Button>
        </Space>
      </Form>
    </Card>
  );
}

function NotifyForm({ hidden, childId, guardianOptions, purposeOptions, onClose, onSaved }: {
  hidden: boolean; childId: string; guardianOptions: Options; purposeOptions: Options; onClose: () => void; onSaved: () => void;
}) {
  const [form] = Form.useForm<NotifyValues>();
  const { problem, clear, busy, run } = useProblem(form);
  const { message } = App.useApp();

  const submit = async (v: NotifyValues) => {
    await run(async () => {
      await consentsApi.notify(childId, {
        ...(v.guardianId ? { guardianId: v.guardianId } : {}),
        notifiedOn: v.notifiedOn.format('YYYY-MM-DD'), method: v.method, purposes: v.purposes, content: v.content.trim(),
      });
      form.resetFields();
      void message.success('告知已登记');
      onSaved();
    });
  };

  return (
    <Card size="small" title="登记告知监护人" hidden={hidden}>
      <Typography.Paragraph type="secondary">儿童已满十四周岁、由本人同意时，应明确告知监护人（第十二条）。</Typography.Paragraph>
      <Form form={form} name="notify" layout="vertical" onFinish={(v) => void submit(v)} initialValues={{ notifiedOn: dayjs(), method: 'in_person' }} style={{ maxWidth: 720 }}>
        <ProblemAlert problem={problem} />
        <Row gutter={16}>
          <Col xs={24} sm={8}>
            <Form.Item name="guardianId" label="监护人">
              <Select allowClear options={guardianOptions} placeholder={guardianOptions.length ? '选择监护人' : '未登记监护人'} />
            </Form.Item>
          </Col>
          <Col xs={24} sm={8}>
            <Form.Item name="notifiedOn" label="告知日期" rules={[{ required: true, message: '请选择告知日期' }]}>
              <DatePicker style={{ width: '100%' }} disabledDate={(d) => d.isAfter(dayjs(), 'day')} inputReadOnly />
            </Form.Item>
          </Col>
          <Col xs={24} sm={8}>
            <Form.Item name="method" label="告知方式" rules={[{ required: true, message: '请选择告知方式' }]}>
              <Select options={NOTICE_METHODS} />
            </Form.Item>
          </Col>
        </Row>
        <Form.Item name="purposes" label="告知的处理目的" rules={[{ required: true, message: '至少选择一个处理目的' }]}>
          <Select mode="multiple" options={purposeOptions} showSearch={{ optionFilterProp: 'label' }} />
        </Form.Item>
        <Form.Item name="content" label="告知内容" rules={[{ required: true, whitespace: true, message: '请填写告知内容' }]}>
          <Input.TextArea rows={3} maxLength={2000} showCount />
        </Form.Item>
        <Space>
          <Button type="primary" htmlType="submit" loading={busy}>保存</Button>
          <Button onClick={() => { onClose(); clear(); }}>收起</Button>
        </Space>
      </Form>
    </Card>
  );
}

