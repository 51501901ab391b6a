import { useEffect, useState } from 'react';
import { Link, useNavigate } from 'react-router-dom';
import { Alert, App, Button, Card, Checkbox, Form, Select, Space, Typography } from 'antd';
import { ArrowLeftOutlined, DeleteOutlined, PlusOutlined } from '@ant-design/icons';
import type { Dayjs } from 'dayjs';
import { childrenApi } from '../api/endpoints.ts';
import type { GuardianInput, NewChild } from '../api/types.ts';
import { listPurposes, type Purpose } from '../api/purposes.ts';
import { useProblem } from '../hooks/useProblem.ts';
import { PageHeader } from '../components/PageHeader.tsx';
import { ProblemAlert } from '../components/ProblemAlert.tsx';
import { ChildFields, LONG_FIELDS, TEXT_FIELDS } from '../components/registry/ChildFields.tsx';
import { GuardianFields, typedOnly } from '../components/registry/GuardianFields.tsx';
import { clearServerErrors, scrollToFirstError } from '../components/registry/formErrors.ts';
import { CONSENT_DEFAULTS, ConsentFields, consentBody, type ConsentFieldValues } from '../components/registry/ConsentFields.tsx';

interface Values extends Partial<Record<keyof typeof TEXT_FIELDS | keyof typeof LONG_FIELDS, string>> {
  gender: 'male' | 'female';
  birthDate: Dayjs;
  regionCode: string;
  categories: string[];
  canExpressWill: boolean;
  purpose?: string;
  guardians?: Partial<GuardianInput>[];
  withConsent?: boolean;
  consent?: ConsentFieldValues & { guardianIndex?: number };
}

export default function ChildNewPage() {
  const [form] = Form.useForm<Values>();
  const { problem, busy, run } = useProblem(form);
  const { message } = App.useApp();
  const navigate = useNavigate();
  const [purposes, setPurposes] = useState<Purpose[]>([]);
  useEffect(() => { void listPurposes().then(setPurposes); }, []);
  const purposeOptions = purposes.map((p) => ({ value: p.code, label: p.label }));
  const withConsent = Form.useWatch('withConsent', form);
  const guardians = Form.useWatch('guardians', form) ?? [];
  const guardianOptions = guardians.map((g, i) => ({ value: i, label: `${i + 1}. ${[g?.relation, g?.name].filter(Boolean).join(' ') || '（未填写）'}` }));

  const submit = (v: Values) => run(async () => {
    const { birthDate, guardians: gs, withConsent: wc, consent, canExpressWill, purpose, ...rest } = v;
    const body: NewChild = {
      ...typedOnly(rest),
      name: (rest.name ?? '').trim(), gender: v.gender, regionCode: v.regionCode, categories: v.categories,
      birthDate: birthDate.format('YYYY-MM-DD'),
      ...(canExpressWill === false ? { canExpressWill: false } : {}),
      ...(purpose ? { purpose } : {}),
      ...(gs?.length ? { guardians: gs.map((g) => typedOnly(g) as GuardianInput) } : {}),
      ...(wc && consent ? {
        consent: { ...(await consentBody(consent)), ...(consent.givenBy === 'guardian' && consent.guardianIndex !== undefined ? { guardianIndex: consent.guardianIndex } : {}) },
      } : {}),
    };
    const { id } = await childrenApi.create(body);
    void message.success('儿童已登记，已记入处理台账');
    navigate(`/children/${encodeURIComponent(id)}`);
  });

  return (
    <>
      <Link to="/children" style={{ display: 'inline-block', marginBottom: 8 }}><ArrowLeftOutlined aria-hidden /> 返回儿童名册</Link>
      <PageHeader title="登记儿童" subtitle="登记即收集儿童个人信息：须有处理目的和合法性基础，只填写履职所必需的内容。" />
      <Form
        form={form} layout="vertical" onFinish={(v) => void submit(v).then((ok) => { if (!ok) scrollToFirstError(form); })} onValuesChange={clearServerErrors(form)} aria-label="登记儿童"
        initialValues={{ canExpressWill: true, guardians: [{}], consent: { ...CONSENT_DEFAULTS, guardianIndex: 0 } }}
        scrollToFirstError={{ block: 'center' }}
      >
        <Space orientation="vertical" size={16} style={{ width: '100%' }}>
          <Card size="small" style={{ maxWidth: 880 }}>
            <ChildFields />
            <Form.Item name="purpose" label="处理目的（可选）" extra="不选时，按本机构可依据的目的逐一判定。">
              <Select allowClear showSearch optionFilterProp="label" options={purposeOptions} placeholder="按本机构可依据的目的判定" />
            </Form.Item>
          </Card>
          <Card size="small" title="监护人" style={{ maxWidth: 880 }}>
            <Form.List name="guardians">
              {(fields, { add, remove }) => (
                <>
                  {fields.map((f, i) => (
                    <div key={f.key} data-testid={`guardian-${i}`} style={{ borderBottom: '1px dashed #f0f0f0', marginBottom: 12 }}>
                      <Space style={{ width: '100%', justifyContent: 'space-between', marginBottom: 8 }}>
                        <Typography.Text strong>监护人 {i + 1}</Typography.Text>
                        <Button type="text" danger size="small" icon={<DeleteOutlined />} onClick={() => remove(f.name)} aria-label={`移除监护人 ${i + 1}`}>移除</Button>
                      </Space>
                      <GuardianFields prefix={[f.name]} />
                    </div>
                  ))}
                  {fields.length < 10 && <Button icon={<PlusOutlined />} onClick={() => add({})}>添加监护人</Button>}
                </>
              )}
            </Form.List>
          </Card>
          <Card size="small" title="登记时已取得的同意" style={{ maxWidth: 880 }}>
            <Alert
              type="info" showIcon style={{ marginBottom: 12 }}
              title="学校、医院、福利机构、社会组织等没有法定职责的机构登记时须附同意"
              description="民政、公安、司法等部门依法履职登记时可不附同意。已取得监护人（或已满十四周岁儿童本人）同意的，请一并登记，服务端据此判定能否收集（第十二条）。"
            />
            <Form.Item name="withConsent" valuePropName="checked" style={{ marginBottom: withConsent ? 16 : 0 }}>
              <Checkbox>登记时附上已取得的同意</Checkbox>
            </Form.Item>
            {withConsent && (
              <ConsentFields
                prefix={['consent']}
                purposeOptions={purposeOptions}
                guardianField={(givenBy) => (
                  <Form.Item name={['consent', 'guardianIndex']} label="给出同意的监护人" hidden={givenBy === 'child'}
                    rules={[{ required: givenBy === 'guardian', message: '请选择给出同意的监护人（先在上方填写监护人）' }]}>
                    <Select options={guardianOptions} placeholder={guardianOptions.length ? '选择监护人' : '请先填写监护人'} />
                  </Form.Item>
                )}
              />
            )}
          </Card>
          {/* Next to the button pressed: a refusal of the whole record names no field. */}
          <ProblemAlert problem={problem} style={{ maxWidth: 880, marginBottom: 0 }} />
          <Space wrap>
            <Button type="primary" htmlType="submit" loading={busy}>登记</Button>
            <Button onClick={() => navigate('/children')}>取消</Button>
          </Space>
        </Space>
      </Form>
    </>
  );
}
