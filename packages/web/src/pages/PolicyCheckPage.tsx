import { useEffect, useState } from 'react';
import { Alert, Button, Card, Col, DatePicker, Empty, Flex, Form, Input, List, Row, Select, Space, Switch, Tabs, Tag, Typography } from 'antd';
import { DeleteOutlined, PlusOutlined } from '@ant-design/icons';
import dayjs, { type Dayjs } from 'dayjs';
import { policyApi } from '../api/endpoints.ts';
import type { PolicyCheckResult } from '../api/types.ts';
import { CHILD_CATEGORIES, FIELD_CATALOGUE, fieldLabel, ORG_TYPES, PROCESSING_ACTS, ROLES } from '../api/labels.ts';
import { listPurposes, type Purpose } from '../api/purposes.ts';
import { useSession } from '../hooks/useSession.tsx';
import { useProblem, type FormProblem } from '../hooks/useProblem.ts';
import { PageHeader } from '../components/PageHeader.tsx';
import { ProblemAlert } from '../components/ProblemAlert.tsx';
import { SectionTitle } from '../components/SectionTitle.tsx';

const opts = (o: Record<string, string>) => Object.entries(o).map(([value, label]) => ({ value, label }));
const ORG_TYPE_OPTIONS = opts(ORG_TYPES);
const ROLE_OPTIONS = opts(ROLES).filter((r) => r.value !== 'admin');
const CATEGORY_OPTIONS = opts(CHILD_CATEGORIES);
const ACT_OPTIONS = opts(PROCESSING_ACTS);
const FIELD_OPTIONS = Object.keys(FIELD_CATALOGUE).map((k) => ({ value: k, label: fieldLabel(k) }));
const BY_OPTIONS = [{ value: 'guardian', label: '监护人' }, { value: 'child', label: '儿童本人' }];

interface ConsentRow {
  by: 'guardian' | 'child';
  purposes: string[];
  recipientOrgTypes?: string[];
  date: Dayjs;
  withdrawn?: boolean;
  noticeOfNecessityAndImpact?: boolean;
}

interface ScenarioValues {
  date: Dayjs;
  actor: { orgType: string; role: string; regionCode: string };
  child: { birthDate: Dayjs; regionCode: string; categories?: string[]; canExpressWill?: boolean };
  consents?: ConsentRow[];
  guardianNotified?: Dayjs | null;
  purpose: string;
  act: string;
  fields: string[];
}

const ymd = (d: Dayjs) => d.format('YYYY-MM-DD');

function toScenario(v: ScenarioValues): Record<string, unknown> {
  return {
    id: 'console',
    date: ymd(v.date),
    actor: { orgType: v.actor.orgType, role: v.actor.role, regionCode: v.actor.regionCode.trim() },
    child: {
      birthDate: ymd(v.child.birthDate), regionCode: v.child.regionCode.trim(),
      categories: v.child.categories ?? [], canExpressWill: !!v.child.canExpressWill,
    },
    consents: (v.consents ?? []).map((c) => ({
      by: c.by, purposes: c.purposes ?? [],
      ...(c.recipientOrgTypes?.length ? { recipientOrgTypes: c.recipientOrgTypes } : {}),
      date: c.date ? ymd(c.date) : undefined, withdrawn: !!c.withdrawn, noticeOfNecessityAndImpact: !!c.noticeOfNecessityAndImpact,
    })),
    guardianNotified: v.guardianNotified ? ymd(v.guardianNotified) : null,
    purpose: v.purpose,
    act: v.act,
    fields: v.fields,
  };
}

/** `consents[0].by` → ['consents', 0, 'by'] (a form field name). */
function fieldPath(field: string): (string | number)[] {
  return field.replace(/\[(\d+)\]/g, '.$1').split('.').filter(Boolean).map((s) => (/^\d+$/.test(s) ? Number(s) : s));
}

function usePurposes(): Purpose[] {
  const [purposes, setPurposes] = useState<Purpose[]>([]);
  useEffect(() => { void listPurposes().then(setPurposes); }, []);
  return purposes;
}

function ResultCard({ r }: { r: PolicyCheckResult }) {
  if (r.error) {
    return (
      <Card size="small" title={<Space wrap><Tag color="orange">输入有误</Tag><span>{r.id ?? `第 ${r.index + 1} 行`}</span></Space>}>
        <ul style={{ margin: 0, paddingInlineStart: 20 }}>
          {r.error.fields.map((f, i) => <li key={i}><code>{f.field}</code>：{f.message}</li>)}
        </ul>
      </Card>
    );
  }
  const allow = r.decision === 'allow';
  return (
    <Card
      size="small"
      title={<Space wrap><Tag color={allow ? 'green' : 'red'} style={{ fontSize: 14, padding: '2px 10px' }}>{allow ? '允许' : '拒绝'}</Tag><span>{r.id}</span></Space>}
      styles={{ header: { borderTop: `3px solid ${allow ? '#389e0d' : '#cf1322'}`, borderRadius: '8px 8px 0 0' } }}
    >
      <Typography.Text strong>可用字段：</Typography.Text>
      {r.allowedFields.length ? r.allowedFields.map((f) => <Tag key={f} color="blue">{fieldLabel(f)}</Tag>) : <Typography.Text type="secondary">无</Typography.Text>}
      <List
        size="small"
        header={<Typography.Text strong>理由</Typography.Text>}
        dataSource={r.reasons}
        locale={{ emptyText: '无' }}
        renderItem={(x) => (
          <List.Item style={{ display: 'block' }}>
            <div>{x.message}</div>
            {x.article && <Typography.Text type="secondary">依据：{x.article}</Typography.Text>}
          </List.Item>
        )}
      />
    </Card>
  );
}

function Results({ results }: { results: PolicyCheckResult[] | null }) {
  if (!results) return null;
  if (!results.length) return <Empty description="没有结果" />;
  return <Space orientation="vertical" size={12} style={{ width: '100%' }}>{results.map((r) => <ResultCard key={r.index} r={r} />)}</Space>;
}

function ScenarioForm() {
  const [form] = Form.useForm<ScenarioValues>();
  const purposes = usePurposes();
  const { me } = useSession();
  const { problem, handle, clear } = useProblem(form);
  const [local, setLocal] = useState<FormProblem | null>(null);
  const [busy, setBusy] = useState(false);
  const [results, setResults] = useState<PolicyCheckResult[] | null>(null);
  const purposeOptions = purposes.map((p) => ({ value: p.code, label: p.label }));
  const region = me?.org?.regionCode ?? '';

  const submit = async (v: ScenarioValues) => {
    setBusy(true);
    clear();
    setLocal(null);
    setResults(null);
    try {
      const out = await policyApi.check([toScenario(v)]);
      const bad = out.find((r) => r.error);
      if (bad?.error) {
        // Put each problem under its control; the ones without a control go in the alert.
        const known = new Set(form.getFieldsError().map((f) => f.name.join('.')));
        const unplaced: string[] = [];
        const placed = new Map<string, string[]>();
        for (const f of bad.error.fields) {
          const key = fieldPath(f.field).join('.');
          if (known.has(key)) placed.set(key, [...(placed.get(key) ?? []), f.message]);
          else unplaced.push(`${f.field}：${f.message}`);
        }
        form.setFields([...placed].map(([k, errors]) => ({ name: fieldPath(k) as never, errors })));
        setLocal({ title: '输入有误', detail: unplaced.join('；') });
      } else {
        setResults(out);
      }
    } catch (e) {
      handle(e); // the form keeps what was typed
    } finally {
      setBusy(false);
    }
  };

  return (
    <Row gutter={[16, 16]}>
      <Col xs={24} xl={14}>
        <Card size="small" title="场景">
          <Form
            form={form} layout="vertical" onFinish={(v) => void submit(v)}
            initialValues={{
              date: dayjs(), actor: { orgType: me?.org?.type ?? 'civil_affairs', role: me?.user.role !== 'admin' ? me?.user.role : undefined, regionCode: region },
              child: { regionCode: region, categories: [], canExpressWill: true }, consents: [], act: 'use', fields: ['name'],
            }}
          >
            <ProblemAlert problem={problem ?? local} />
            <Row gutter={12}>
              <Col xs={24} sm={12}>
                <Form.Item name="date" label="判定日期" rules={[{ required: true, message: '请选择日期' }]}>
                  <DatePicker style={{ width: '100%' }} inputReadOnly />
                </Form.Item>
              </Col>
            </Row>
            <SectionTitle>处理者</SectionTitle>
            <Row gutter={12}>
              <Col xs={24} sm={8}>
                <Form.Item name={['actor', 'orgType']} label="机构类型" rules={[{ required: true, message: '请选择机构类型' }]}>
                  <Select showSearch optionFilterProp="label" options={ORG_TYPE_OPTIONS} />
                </Form.Item>
              </Col>
              <Col xs={24} sm={8}>
                <Form.Item name={['actor', 'role']} label="角色" rules={[{ required: true, message: '请选择角色' }]}>
                  <Select options={ROLE_OPTIONS} />
                </Form.Item>
              </Col>
              <Col xs={24} sm={8}>
                <Form.Item name={['actor', 'regionCode']} label="管辖区划代码" rules={[{ required: true, whitespace: true, message: '请填写区划代码' }]}>
                  <Input inputMode="numeric" maxLength={12} placeholder="如 350724" />
                </Form.Item>
              </Col>
            </Row>
            <SectionTitle>儿童</SectionTitle>
            <Row gutter={12}>
              <Col xs={24} sm={8}>
                <Form.Item name={['child', 'birthDate']} label="出生日期" rules={[{ required: true, message: '请选择出生日期' }]}>
                  <DatePicker style={{ width: '100%' }} inputReadOnly />
                </Form.Item>
              </Col>
              <Col xs={24} sm={8}>
                <Form.Item name={['child', 'regionCode']} label="所在区划代码" rules={[{ required: true, whitespace: true, message: '请填写区划代码' }]}>
                  <Input inputMode="numeric" maxLength={12} placeholder="12 位区划代码" />
                </Form.Item>
              </Col>
              <Col xs={24} sm={8}>
                <Form.Item name={['child', 'canExpressWill']} label="能表达意愿" valuePropName="checked">
                  <Switch checkedChildren="能" unCheckedChildren="否" />
                </Form.Item>
              </Col>
            </Row>
            <Form.Item name={['child', 'categories']} label="儿童类别">
              <Select mode="multiple" allowClear options={CATEGORY_OPTIONS} placeholder="可不选" />
            </Form.Item>
            <SectionTitle>同意</SectionTitle>
            <Form.List name="consents">
              {(rows, { add, remove }) => (
                <Space orientation="vertical" size={8} style={{ width: '100%', marginBottom: 16 }}>
                  {rows.map(({ key, name }) => (
                    <Card size="small" key={key} title={`同意 ${name + 1}`} extra={<Button type="text" danger icon={<DeleteOutlined />} aria-label={`删除同意 ${name + 1}`} onClick={() => remove(name)} />}>
                      <Row gutter={12}>
                        <Col xs={24} sm={8}>
                          <Form.Item name={[name, 'by']} label="同意人" rules={[{ required: true, message: '请选择' }]}>
                            <Select options={BY_OPTIONS} />
                          </Form.Item>
                        </Col>
                        <Col xs={24} sm={8}>
                          <Form.Item name={[name, 'date']} label="同意日期" rules={[{ required: true, message: '请选择日期' }]}>
                            <DatePicker style={{ width: '100%' }} inputReadOnly />
                          </Form.Item>
                        </Col>
                        <Col xs={12} sm={4}>
                          <Form.Item name={[name, 'withdrawn']} label="已撤回" valuePropName="checked"><Switch /></Form.Item>
                        </Col>
                        <Col xs={12} sm={4}>
                          <Form.Item name={[name, 'noticeOfNecessityAndImpact']} label="已告知影响" valuePropName="checked"><Switch /></Form.Item>
                        </Col>
                      </Row>
                      <Form.Item name={[name, 'purposes']} label="处理目的" rules={[{ required: true, message: '至少选择一个' }]}>
                        <Select mode="multiple" options={purposeOptions} />
                      </Form.Item>
                      <Form.Item name={[name, 'recipientOrgTypes']} label="接收方机构类型" style={{ marginBottom: 0 }}>
                        <Select mode="multiple" allowClear options={ORG_TYPE_OPTIONS} placeholder="不限" />
                      </Form.Item>
                    </Card>
                  ))}
                  <Button icon={<PlusOutlined />} onClick={() => add({ by: 'guardian', date: dayjs(), purposes: [], withdrawn: false, noticeOfNecessityAndImpact: false })}>添加同意</Button>
                </Space>
              )}
            </Form.List>
            <Form.Item name="guardianNotified" label="已告知监护人日期" extra="儿童本人同意时，告知监护人的日期；未告知则留空。">
              <DatePicker style={{ width: '100%', maxWidth: 240 }} inputReadOnly placeholder="未告知" />
            </Form.Item>
            <SectionTitle>处理</SectionTitle>
            <Row gutter={12}>
              <Col xs={24} sm={12}>
                <Form.Item name="purpose" label="处理目的" rules={[{ required: true, message: '请选择处理目的' }]}>
                  <Select options={purposeOptions} />
                </Form.Item>
              </Col>
              <Col xs={24} sm={12}>
                <Form.Item name="act" label="处理活动" rules={[{ required: true, message: '请选择处理活动' }]}>
                  <Select options={ACT_OPTIONS} />
                </Form.Item>
              </Col>
            </Row>
            <Form.Item name="fields" label="字段" rules={[{ required: true, message: '至少选择一个字段' }]}>
              <Select mode="multiple" showSearch optionFilterProp="label" options={FIELD_OPTIONS} />
            </Form.Item>
            <Button type="primary" htmlType="submit" loading={busy}>判定</Button>
          </Form>
        </Card>
      </Col>
      <Col xs={24} xl={10}>
        <SectionTitle style={{ marginTop: 0 }}>判定结果</SectionTitle>
        {results ? <Results results={results} /> : <Typography.Text type="secondary">填写场景后点“判定”。</Typography.Text>}
      </Col>
    </Row>
  );
}

function JsonLines() {
  const [text, setText] = useState('');
  const [busy, setBusy] = useState(false);
  const [results, setResults] = useState<PolicyCheckResult[] | null>(null);
  const { problem, handle, clear } = useProblem();
  const [local, setLocal] = useState<FormProblem | null>(null);

  const run = async () => {
    clear();
    setLocal(null);
    const lines = text.split('\n').map((l, i) => ({ l: l.trim(), n: i + 1 })).filter((x) => x.l && !x.l.startsWith('//'));
    const scenarios: Record<string, unknown>[] = [];
    const bad: string[] = [];
    for (const { l, n } of lines) {
      try {
        const v: unknown = JSON.parse(l);
        if (!v || typeof v !== 'object' || Array.isArray(v)) bad.push(`第 ${n} 行不是 JSON 对象`);
        else scenarios.push(v as Record<string, unknown>);
      } catch {
        bad.push(`第 ${n} 行不是有效的 JSON`);
      }
    }
    if (bad.length || !scenarios.length) {
      setLocal({ title: '输入有误', detail: bad.length ? bad.join('；') : '请粘贴至少一行场景' });
      return;
    }
    if (scenarios.length > 500) {
      setLocal({ title: '输入有误', detail: '一次最多判定 500 个场景' });
      return;
    }
    setBusy(true);
    try {
      setResults(await policyApi.check(scenarios));
    } catch (e) {
      handle(e); // the text stays
    } finally {
      setBusy(false);
    }
  };

  const allow = results?.filter((r) => r.decision === 'allow').length ?? 0;
  const deny = results?.filter((r) => r.decision === 'deny').length ?? 0;
  const invalid = results?.filter((r) => r.error).length ?? 0;

  return (
    <Space orientation="vertical" size={16} style={{ width: '100%' }}>
      <Card size="small" title="粘贴 JSON 行">
        <Typography.Paragraph type="secondary">格式与 <code>hutong policy check</code> 相同：每行一个场景（JSON 对象），一次最多 500 行。</Typography.Paragraph>
        <ProblemAlert problem={problem ?? local} />
        <Input.TextArea
          value={text} onChange={(e) => setText(e.target.value)} rows={10} spellCheck={false} aria-label="场景 JSON 行"
          style={{ fontFamily: 'ui-monospace, SFMono-Regular, Menlo, monospace', fontSize: 12 }}
          placeholder='{"id":"例1","date":"2024-05-09","actor":{…},"child":{…},"consents":[…],"purpose":"care_service","act":"use","fields":["name"]}'
        />
        <Flex gap={8} style={{ marginTop: 12 }} wrap>
          <Button type="primary" onClick={() => void run()} loading={busy}>逐行判定</Button>
          <Button onClick={() => { setText(''); setResults(null); clear(); setLocal(null); }}>清空</Button>
        </Flex>
      </Card>
      {results && <Alert type="info" showIcon title={`共 ${results.length} 个场景：允许 ${allow}，拒绝 ${deny}${invalid ? `，输入有误 ${invalid}` : ''}`} />}
      <Results results={results} />
    </Space>
  );
}

export default function PolicyCheckPage() {
  return (
    <>
      <PageHeader title="合法性判定演练" subtitle="用与实际访问相同的规则判定假设场景；不读取任何儿童信息。" />
      <Tabs items={[
        { key: 'form', label: '单个场景', children: <ScenarioForm /> },
        { key: 'lines', label: '批量（JSON 行）', children: <JsonLines /> },
      ]} />
    </>
  );
}
