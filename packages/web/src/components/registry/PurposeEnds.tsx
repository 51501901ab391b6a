import { useState } from 'react';
import { Alert, App, Button, Card, Col, DatePicker, Empty, Form, List, Row, Select, Space, Tag, Typography } from 'antd';
import { PlusOutlined } from '@ant-design/icons';
import dayjs, { type Dayjs } from 'dayjs';
import { consentsApi } from '../../api/endpoints.ts';
import type { PurposeEnd, PurposeEndEvent } from '../../api/types.ts';
import { retentionLabel } from '../../api/labels.ts';
import { useProblem } from '../../hooks/useProblem.ts';
import { ProblemAlert } from '../ProblemAlert.tsx';
import type { Options } from './ConsentFields.tsx';

// Age 18 and consent ending are seen by the platform itself; these three only an officer knows of.
const EVENTS: PurposeEndEvent[] = ['service_ended', 'activity_ended', 'case_closed'];
const EVENT_OPTIONS = EVENTS.map((e) => ({ value: e, label: retentionLabel(e) }));

interface Values { purpose: string; event: PurposeEndEvent; endedOn: Dayjs }

/** 个人信息保护法 第四十七条: once a purpose is achieved its processing stops and the data is deleted. */
export function PurposeEnds({ childId, ends, purposeOptions, canWrite, onSaved }: {
  childId: string; ends: PurposeEnd[]; purposeOptions: Options; canWrite: boolean; onSaved: () => void;
}) {
  const [form] = Form.useForm<Values>();
  const { problem, clear, busy, run } = useProblem(form);
  const { message } = App.useApp();
  const [open, setOpen] = useState(false);
  const ended = new Set(ends.map((e) => e.purpose));

  const submit = (v: Values) => run(async () => {
    await consentsApi.endPurpose(childId, { purpose: v.purpose, event: v.event, endedOn: v.endedOn.format('YYYY-MM-DD') });
    form.resetFields();
    setOpen(false);
    void message.success('已登记目的结束，已记入处理台账');
    onSaved();
  });

  return (
    <Card
      size="small"
      title={`处理目的结束（${ends.length}）`}
      extra={canWrite && !open ? <Button size="small" icon={<PlusOutlined />} onClick={() => setOpen(true)}>登记目的结束</Button> : undefined}
    >
      <Typography.Paragraph type="secondary" style={{ marginBottom: 12 }}>
        处理目的已实现（救助终止、活动结束、案件办结）的，应当停止处理并删除（个人信息保护法 第四十七条）。登记后，该目的不再作为处理依据，没有其他依据时儿童会列入“待删除”。
      </Typography.Paragraph>
      {canWrite && (
        <div hidden={!open}>
          <Form form={form} name="purposeEnd" layout="vertical" onFinish={(v) => void submit(v)} initialValues={{ endedOn: dayjs() }} style={{ maxWidth: 720 }} aria-label="登记目的结束">
            <ProblemAlert problem={problem} />
            <Row gutter={16}>
              <Col xs={24} sm={10}>
                <Form.Item name="purpose" label="结束的处理目的" rules={[{ required: true, message: '请选择处理目的' }]}>
                  <Select showSearch optionFilterProp="label" options={purposeOptions.map((o) => ({ ...o, disabled: ended.has(o.value) }))} placeholder="选择处理目的" />
                </Form.Item>
              </Col>
              <Col xs={24} sm={8}>
                <Form.Item name="event" label="结束事由" rules={[{ required: true, message: '请选择结束事由' }]}>
                  <Select options={EVENT_OPTIONS} placeholder="选择事由" />
                </Form.Item>
              </Col>
              <Col xs={24} sm={6}>
                <Form.Item name="endedOn" label="结束日期" rules={[{ required: true, message: '请选择结束日期' }]}>
                  <DatePicker style={{ width: '100%' }} disabledDate={(d) => d.isAfter(dayjs(), 'day')} inputReadOnly />
                </Form.Item>
              </Col>
            </Row>
            <Alert type="warning" showIcon style={{ marginBottom: 16 }} title="登记后不能撤销：请核实救助、活动或案件确已结束。" />
            <Space>
              <Button type="primary" htmlType="submit" loading={busy}>登记</Button>
              <Button onClick={() => { setOpen(false); clear(); }}>收起</Button>
            </Space>
          </Form>
        </div>
      )}
      <List
        dataSource={ends}
        locale={{ emptyText: <Empty description="尚未登记目的结束" image={Empty.PRESENTED_IMAGE_SIMPLE} /> }}
        renderItem={(e) => (
          <List.Item>
            <Space wrap size={6}>
              <Tag color="blue">{e.purposeLabel}</Tag>
              <span>{e.eventLabel}</span>
              <Typography.Text type="secondary">{e.endedOn} 结束</Typography.Text>
            </Space>
          </List.Item>
        )}
      />
    </Card>
  );
}
