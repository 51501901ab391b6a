import { useCallback, useEffect, useState } from 'react';
import { Alert, App, Button, Card, Col, Drawer, Form, Input, InputNumber, Row, Select, Space, Switch, Typography } from 'antd';
import { DeleteOutlined, PlusOutlined } from '@ant-design/icons';
import { purposesApi, type CataloguePurpose, type FieldRuleDto, type PurposeEditBody } from '../api/purposes.ts';
import { FIELD_OPTIONS, optionsOf, ORG_TYPES, orgTypeLabel, PROCESSING_ACTS, RETENTION_EVENTS } from '../api/labels.ts';
import { useIsMobile } from '../hooks/useIsMobile.ts';
import { useProblem } from '../hooks/useProblem.ts';
import { ProblemAlert } from './ProblemAlert.tsx';
import { SectionTitle } from './SectionTitle.tsx';

const ORG_TYPE_OPTIONS = optionsOf(ORG_TYPES);
const ACT_OPTIONS = optionsOf(PROCESSING_ACTS);
const EVENT_OPTIONS = optionsOf(RETENTION_EVENTS);

type Values = PurposeEditBody;

function initial(p: CataloguePurpose): Values {
  const r = p.retention;
  return {
    orgTypes: (p.orgTypes ?? []).map((t) => t.code),
    fieldRules: (p.fieldRules ?? []).map((f) => ({ orgTypes: [...f.orgTypes], acts: [...f.acts], fields: [...f.fields] })),
    retention: { until: [...(r?.until ?? [])], graceMonths: r?.graceMonths ?? 0, byLaw: !!r?.byLaw, note: r?.note ?? '' },
    changeNote: '',
  };
}

/**
 * The protection officer's edit of one purpose (个人信息保护法 第五十二条). The server checks the
 * limits no edit may cross (第八、十、十一、十四、十五条) and answers field by field; a message
 * about a whole rule is shown on that rule's card.
 */
export function PurposeEditDrawer({ purpose, onClose, onSaved }: { purpose: CataloguePurpose | null; onClose: () => void; onSaved: () => void }) {
  const [form] = Form.useForm<Values>();
  const [busy, setBusy] = useState(false);
  const [ruleErrors, setRuleErrors] = useState<Record<number, string[]>>({});
  const place = useCallback((path: string, message: string) => {
    const m = /^fieldRules\.(\d+)$/.exec(path);
    if (!m) return false;
    const i = Number(m[1]);
    setRuleErrors((prev) => ({ ...prev, [i]: [...(prev[i] ?? []), message] }));
    return true;
  }, []);
  const { problem, handle, clear } = useProblem(form, place);
  const { message } = App.useApp();
  const mobile = useIsMobile();

  useEffect(() => {
    if (!purpose) return;
    form.resetFields();
    form.setFieldsValue(initial(purpose));
    setRuleErrors({});
    clear();
  }, [purpose, form, clear]);

  const save = async () => {
    let v: Values;
    try { v = await form.validateFields(); } catch { return; }
    if (!purpose) return;
    setBusy(true);
    clear();
    setRuleErrors({});
    try {
      const fieldRules: FieldRuleDto[] = (v.fieldRules ?? []).map((r) => ({ orgTypes: r.orgTypes ?? [], acts: r.acts ?? [], fields: r.fields ?? [] }));
      await purposesApi.update(purpose.code, {
        orgTypes: v.orgTypes ?? [], fieldRules,
        retention: { until: v.retention.until ?? [], graceMonths: v.retention.graceMonths ?? 0, byLaw: !!v.retention.byLaw, note: v.retention.note.trim() },
        changeNote: v.changeNote.trim(),
      });
      void message.success('已保存：新规则立即生效，修改已记入处理台账');
      onSaved();
    } catch (e) {
      handle(e);
      // The drawer is long: bring the first message into view once it is drawn.
      window.setTimeout(() => {
        const field = form.getFieldsError().find((f) => f.errors.length);
        if (field) form.scrollToField(field.name, { block: 'center' });
        else document.querySelector('.purpose-edit [role="alert"]')?.scrollIntoView({ block: 'center' });
      }, 50);
    } finally {
      setBusy(false);
    }
  };

  const duties = purpose?.statutoryDuties ?? [];
  return (
    <Drawer open={!!purpose} onClose={onClose} size={mobile ? '100%' : 760} title={purpose ? `编辑处理目的：${purpose.label}` : '编辑处理目的'}
      forceRender rootClassName="purpose-edit"
      footer={<Space><Button type="primary" loading={busy} onClick={() => void save()}>保存</Button><Button onClick={onClose}>取消</Button></Space>}>
      <Form form={form} layout="vertical" requiredMark>
        <ProblemAlert problem={problem} />
        <Typography.Paragraph type="secondary">
          只能收窄或按工作需要调整；法律划定的界限（如第十条所列组织不得获得身份证号和敏感信息、学校不得获知困境类别）由系统把关，越界的修改会被拒绝并指出原因。
        </Typography.Paragraph>
        <Form.Item name="orgTypes" label="可使用该目的的机构类型" rules={[{ required: true, message: '至少选择一种机构类型' }]}>
          <Select mode="multiple" options={ORG_TYPE_OPTIONS} showSearch={{ optionFilterProp: 'label' }} placeholder="选择机构类型" />
        </Form.Item>
        {duties.length > 0 && (
          <Alert type="info" showIcon style={{ marginBottom: 16 }} title="法定职责（由法律规定，这里不能修改）"
            description={duties.map((d, i) => <div key={i}>{d.orgTypes.map(orgTypeLabel).join('、')}：{d.message}</div>)} />
        )}
        <SectionTitle>字段规则（最小必要）</SectionTitle>
        <Form.List name="fieldRules">
          {(rows, { add, remove }) => (
            <Space orientation="vertical" size={12} style={{ width: '100%', marginBottom: 16 }}>
              {rows.map(({ key, name }) => (
                <Card key={key} size="small" title={`规则 ${name + 1}`} data-testid={`rule-${name}`}
                  extra={<Button type="text" danger icon={<DeleteOutlined />} aria-label={`删除规则 ${name + 1}`} onClick={() => remove(name)} />}>
                  {ruleErrors[name]?.map((m, i) => <Alert key={i} type="error" showIcon role="alert" title={m} style={{ marginBottom: 12 }} />)}
                  <Row gutter={12}>
                    <Col xs={24} sm={12}>
                      <Form.Item name={[name, 'orgTypes']} label="机构类型">
                        <Select mode="multiple" options={ORG_TYPE_OPTIONS} showSearch={{ optionFilterProp: 'label' }} placeholder="选择机构类型" />
                      </Form.Item>
                    </Col>
                    <Col xs={24} sm={12}>
                      <Form.Item name={[name, 'acts']} label="处理活动">
                        <Select mode="multiple" options={ACT_OPTIONS} placeholder="选择处理活动" />
                      </Form.Item>
                    </Col>
                  </Row>
                  <Form.Item name={[name, 'fields']} label="可用字段" style={{ marginBottom: 0 }}>
                    <Select mode="multiple" options={FIELD_OPTIONS} showSearch={{ optionFilterProp: 'label' }} placeholder="选择字段" />
                  </Form.Item>
                </Card>
              ))}
              <Button icon={<PlusOutlined />} onClick={() => add({ orgTypes: [], acts: [], fields: [] })}>添加规则</Button>
            </Space>
          )}
        </Form.List>
        <SectionTitle>保存期限（个人信息保护法 第十九、四十七条）</SectionTitle>
        <Form.Item name={['retention', 'until']} label="出现下列情形之一即停止处理" rules={[{ required: true, message: '至少选择一种情形' }]}>
          <Select mode="multiple" options={EVENT_OPTIONS} placeholder="选择情形" />
        </Form.Item>
        <Row gutter={12}>
          <Col xs={12} sm={8}>
            <Form.Item name={['retention', 'graceMonths']} label="宽限期（月）" extra="0 表示立即删除">
              <InputNumber min={0} max={120} precision={0} style={{ width: '100%' }} />
            </Form.Item>
          </Col>
          <Col xs={12} sm={16}>
            <Form.Item name={['retention', 'byLaw']} label="另有法定保存期限" valuePropName="checked" extra="如案卷、病历：期满前只存储">
              <Switch checkedChildren="有" unCheckedChildren="无" />
            </Form.Item>
          </Col>
        </Row>
        <Form.Item name={['retention', 'note']} label="保存期限说明" rules={[{ required: true, whitespace: true, message: '请说明保存期限' }]}>
          <Input.TextArea rows={2} maxLength={500} showCount />
        </Form.Item>
        <Form.Item name="changeNote" label="修改说明" rules={[{ required: true, whitespace: true, message: '请说明为什么修改' }]}
          extra="写明修改原因和依据，记入处理台账，供审计查阅。">
          <Input.TextArea rows={3} maxLength={1000} showCount />
        </Form.Item>
      </Form>
    </Drawer>
  );
}
