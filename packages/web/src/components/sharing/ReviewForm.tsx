import { App, Button, Col, DatePicker, Form, Input, Row, Select, Space } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { sharingApi, type Agreement, type Approval, type ImpactAssessment } from '../../api/sharing.ts';
import { fieldLabel } from '../../api/labels.ts';
import { useProblem } from '../../hooks/useProblem.ts';
import { ProblemAlert } from '../ProblemAlert.tsx';
import { SectionTitle } from '../SectionTitle.tsx';

/** 个人信息保护法 第五十六条: what an impact assessment must weigh. */
const ASSESSMENT: { key: keyof ImpactAssessment; label: string; hint: string }[] = [
  { key: 'necessity', label: '处理目的和方式是否合法、正当、必要', hint: '对方的目的是否属于其法定职责或服务范围；申请的信息是否都是必需的。' },
  { key: 'impact', label: '对儿童权益的影响', hint: '提供后可能给儿童带来的影响，例如被贴标签、隐私暴露。' },
  { key: 'risks', label: '安全风险', hint: '泄露、滥用、超期使用的可能性。' },
  { key: 'measures', label: '保护措施', hint: '对方承诺的措施是否有效、与风险相当；是否需要收窄信息项或期限。' },
  { key: 'conclusion', label: '结论', hint: '是否同意提供，以及同意的范围。' },
];

interface Values { impactAssessment: ImpactAssessment; fields: string[]; endsOn: Dayjs; note?: string }

/** The owner's decision on a request: assessment first (第五十五条), then approve, possibly narrowed. */
export function ReviewForm({ a, onDone, onRefuse }: { a: Agreement; onDone: () => void; onRefuse: () => void }) {
  const [form] = Form.useForm<Values>();
  const { problem, busy, run } = useProblem(form);
  const { message } = App.useApp();
  const requestedEnd = dayjs(a.endsOn);

  const approve = async (v: Values) => {
    await run(async () => {
      const fewer = v.fields.length < a.fields.length;
      const earlier = v.endsOn.isBefore(requestedEnd, 'day');
      const body: Approval = {
        impactAssessment: Object.fromEntries(ASSESSMENT.map(({ key }) => [key, v.impactAssessment[key].trim()])) as unknown as ImpactAssessment,
        ...(fewer ? { fields: v.fields } : {}),
        ...(earlier ? { endsOn: v.endsOn.format('YYYY-MM-DD') } : {}),
        ...(v.note?.trim() ? { note: v.note.trim() } : {}),
      };
      await sharingApi.approve(a.id, body);
      void message.success(fewer || earlier ? '已批准（已收窄范围），已记入处理台账' : '已批准，已记入处理台账');
      onDone();
    });
  };

  return (
    <Form form={form} name="sharingReview" layout="vertical" requiredMark onFinish={(v) => void approve(v)}
      initialValues={{ fields: a.fields, endsOn: requestedEnd }}>
      <SectionTitle>个人信息保护影响评估（个人信息保护法 第五十五、五十六条）</SectionTitle>
      <ProblemAlert problem={problem} />
      {ASSESSMENT.map(({ key, label, hint }) => (
        <Form.Item key={key} name={['impactAssessment', key]} label={label} extra={hint}
          rules={[{ required: true, whitespace: true, message: `请填写“${label}”` }, { min: 4, message: '请具体填写，至少 4 个字' }]}>
          <Input.TextArea rows={2} maxLength={2000} />
        </Form.Item>
      ))}
      <SectionTitle>批准范围（可以收窄）</SectionTitle>
      <Row gutter={12}>
        <Col xs={24} sm={16}>
          <Form.Item name="fields" label="提供的信息项" rules={[{ required: true, message: '至少保留一项' }]} extra="去掉不必要的信息项，只提供最少的信息。">
            <Select mode="multiple" options={a.fields.map((f) => ({ value: f, label: fieldLabel(f) }))} />
          </Form.Item>
        </Col>
        <Col xs={24} sm={8}>
          <Form.Item name="endsOn" label="提供至" rules={[{ required: true, message: '请选择结束日期' }]} extra={`申请至 ${a.endsOn}`}>
            <DatePicker style={{ width: '100%' }} inputReadOnly disabledDate={(d) => d.isAfter(requestedEnd, 'day') || d.isBefore(dayjs(a.startsOn), 'day')} />
          </Form.Item>
        </Col>
      </Row>
      <Form.Item name="note" label="审批意见（可不填）">
        <Input.TextArea rows={2} maxLength={1000} />
      </Form.Item>
      <Space wrap>
        <Button type="primary" htmlType="submit" loading={busy}>批准</Button>
        <Button danger onClick={onRefuse}>拒绝</Button>
      </Space>
    </Form>
  );
}
