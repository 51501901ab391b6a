import { useState } from 'react';
import { useSearchParams } from 'react-router-dom';
import { Alert, Button, Card, Col, Form, Input, Row, Skeleton, Tabs, Typography } from 'antd';
import { AlertOutlined } from '@ant-design/icons';
import { emergencyApi } from '../api/tasks.ts';
import type { LabelledField } from '../api/types.ts';
import { FIELD_KEYS } from '../api/labels.ts';
import { useLoader } from '../hooks/useLoader.ts';
import { useProblem } from '../hooks/useProblem.ts';
import { useSession } from '../hooks/useSession.tsx';
import { PageHeader } from '../components/PageHeader.tsx';
import { LoadError, ProblemAlert } from '../components/ProblemAlert.tsx';
import { asLabelled, FieldList } from '../components/FieldList.tsx';
import { formatTime } from '../components/LedgerTable.tsx';
import { EmergencyReviews } from '../components/EmergencyReviews.tsx';

const BASIS = '个人信息保护法 第十三条第一款第四项：紧急情况下为保护自然人的生命健康所必需';
const MIN_JUSTIFICATION = 10;

interface OpenValues { idNumber: string; justification: string }

/** Only what the grant shows in clear, in the catalogue's order (name first). */
const ORDER = FIELD_KEYS as readonly string[];
const shown = (fs: LabelledField[]) => fs.filter((f) => !f.masked && f.value !== null && f.value !== '')
  .sort((a, b) => ORDER.indexOf(a.key) - ORDER.indexOf(b.key));

/** Characters, not UTF-16 units: a 汉字 counts once. */
const length = (s: string | undefined) => [...(s ?? '').trim()].length;

export default function EmergencyPage() {
  const { me } = useSession();
  const officer = me?.user.role === 'protection_officer';
  const [tab, setTab] = useState('open');
  return (
    <>
      <PageHeader title="紧急查阅" subtitle="儿童遇到危及生命健康的紧急情况、又不在本机构名册中时使用。" />
      {officer ? (
        <Tabs activeKey={tab} onChange={setTab} items={[
          { key: 'open', label: '发起紧急查阅', children: <OpenAccess /> },
          { key: 'reviews', label: '待复核', children: <EmergencyReviews /> },
        ]} />
      ) : <OpenAccess />}
    </>
  );
}

function OpenAccess() {
  // The grant stays in the address so a reload within the 24 hours shows the child again.
  const [sp, setSp] = useSearchParams();
  const grant = sp.get('grant');
  const [form] = Form.useForm<OpenValues>();
  const { problem, busy, run } = useProblem(form);
  const child = useLoader((signal) => emergencyApi.child(grant!, signal), [grant], !!grant);

  const submit = async (v: OpenValues) => {
    await run(async () => {
      const g = await emergencyApi.open(v.idNumber.replace(/\s+/g, '').toUpperCase(), v.justification.trim());
      form.resetFields();
      setSp({ grant: g.id });
    });
  };

  if (grant) {
    const d = child.data;
    return (
      <>
        <LoadError error={child.error} />
        {d && (
          <Alert type="warning" showIcon style={{ marginBottom: 16 }}
            title={`紧急查阅授权有效至 ${formatTime(d.expiresAt)}`}
            description={<>
              <div>只显示紧急处置所需的信息。本次查看已记入处理台账，将由个人信息保护负责人复核。</div>
              <div>请勿截屏、转发或留存。依据：{BASIS}</div>
            </>} />
        )}
        {child.loading && !d ? <Card><Skeleton active /></Card> : d && (
          <Row gutter={[16, 16]}>
            <Col xs={24} lg={12}>
              <Card size="small" title="儿童">
                <FieldList fields={shown(d.groups.flatMap((g) => g.fields))} />
              </Card>
            </Col>
            {d.guardians.map((g, i) => (
              <Col xs={24} lg={12} key={g.id ?? i}>
                <Card size="small" title={`监护人${g.relation ? `（${g.relation}）` : ''}`}>
                  <FieldList fields={shown(asLabelled(g.fields))} />
                </Card>
              </Col>
            ))}
          </Row>
        )}
        <Button style={{ marginTop: 16 }} onClick={() => setSp({})}>结束查看</Button>
      </>
    );
  }

  return (
    <Card size="small" style={{ maxWidth: 720 }}>
      <Alert type="warning" showIcon icon={<AlertOutlined />} style={{ marginBottom: 16 }}
        title="仅限紧急情况使用"
        description={<ul style={{ margin: '4px 0 0', paddingInlineStart: 20 }}>
          <li>一次只能查阅<strong>一名儿童</strong>，授权<strong>24 小时</strong>后自动失效。</li>
          <li>只显示紧急处置所需的信息：姓名、出生日期、民族、监护人姓名和电话、健康状况、残疾情况。</li>
          <li>发起和每次查看都<strong>记入处理台账</strong>，由个人信息保护负责人<strong>事后复核</strong>；理由不成立的，授权立即终止。</li>
          <li>依据：{BASIS}。</li>
        </ul>} />
      <Form form={form} layout="vertical" onFinish={(v) => void submit(v)} requiredMark>
        <ProblemAlert problem={problem} />
        <Form.Item name="idNumber" label="儿童身份证号" rules={[{ required: true, whitespace: true, message: '请输入儿童的身份证号' }]}
          extra="输入完整的 18 位身份证号；只能查阅本人管辖范围内的儿童。">
          <Input maxLength={24} autoComplete="off" inputMode="text" placeholder="18 位身份证号" style={{ maxWidth: 320 }} />
        </Form.Item>
        <Form.Item name="justification" label="紧急情况说明"
          rules={[{ required: true, whitespace: true, message: '请说明紧急情况' },
            { validator: (_r, v?: string) => (!v?.trim() || length(v) >= MIN_JUSTIFICATION ? Promise.resolve() : Promise.reject(new Error(`请具体说明紧急情况（至少 ${MIN_JUSTIFICATION} 个字）`))) }]}
          extra="例如：儿童在校突发昏迷送医，急需联系监护人并了解既往病史。">
          <Input.TextArea rows={3} maxLength={1000} showCount />
        </Form.Item>
        <Typography.Paragraph type="secondary">提交即表示您确认确有紧急情况，并对说明的真实性负责。</Typography.Paragraph>
        <Button type="primary" danger htmlType="submit" loading={busy}>发起紧急查阅</Button>
      </Form>
    </Card>
  );
}
