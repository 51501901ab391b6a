import { useMemo } from 'react';
import { Alert, App, Button, Col, DatePicker, Drawer, Form, Input, Radio, Row, Select, Space, Typography } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { orgsApi } from '../../api/endpoints.ts';
import { purposesApi } from '../../api/purposes.ts';
import { sharingApi, type NewAgreement, type ResponsiblePerson } from '../../api/sharing.ts';
import { CHILD_CATEGORIES, FIELD_OPTIONS, fieldLabel, isActivityOrgType, optionsOf, orgTypeLabel } from '../../api/labels.ts';
import { useLoader } from '../../hooks/useLoader.ts';
import { useIsMobile } from '../../hooks/useIsMobile.ts';
import { useProblem } from '../../hooks/useProblem.ts';
import { useSession } from '../../hooks/useSession.tsx';
import { ProblemAlert } from '../ProblemAlert.tsx';
import { RegionPicker } from '../RegionPicker.tsx';
import { SectionTitle } from '../SectionTitle.tsx';

interface Values {
  ownerOrgId: string;
  purpose: string;
  childMode: 'criteria' | 'ids';
  children: { regionCode?: string; category?: string; childIds?: string };
  fields: string[];
  startsOn: Dayjs;
  endsOn: Dayjs;
  activityEndsOn?: Dayjs;
  securityMeasures: string;
  responsiblePerson: ResponsiblePerson;
}

const ymd = (d: Dayjs) => d.format('YYYY-MM-DD');
const CATEGORY_OPTIONS = optionsOf(CHILD_CATEGORIES);

/** Pasted ids: one a line, or separated by commas, 顿号 or spaces. */
const splitIds = (s: string | undefined) => [...new Set((s ?? '').split(/[\s,，、;；]+/).map((x) => x.trim()).filter(Boolean))];

/** A request to another org for its children's data (个人信息保护法 第二十三条). */
export function RequestDrawer({ open, onClose, onSaved }: { open: boolean; onClose: () => void; onSaved: () => void }) {
  const [form] = Form.useForm<Values>();
  const { problem, busy, run } = useProblem(form);
  const { message } = App.useApp();
  const { me } = useSession();
  const mobile = useIsMobile();
  const orgs = useLoader(() => orgsApi.list(), [], open);
  const catalogue = useLoader((signal) => purposesApi.catalogue(signal), [], open);
  const myType = me?.org?.type ?? '';
  const activity = isActivityOrgType(myType);
  const childMode = Form.useWatch('childMode', form);
  const purpose = Form.useWatch('purpose', form);

  const orgOptions = (orgs.data ?? []).filter((o) => o.id !== me?.org?.id)
    .map((o) => ({ value: o.id, label: `${o.name}（${o.typeLabel ?? orgTypeLabel(o.type)}）` }));
  const purposes = useMemo(() => {
    const usable = (catalogue.data ?? []).filter((p) => !p.forbidden);
    const mine = usable.filter((p) => p.orgTypes?.some((t) => t.code === myType));
    return (mine.length ? mine : usable);
  }, [catalogue.data, myType]);
  // What this org type may use for the purpose: the ceiling the owner will hold the request to.
  const ceiling = useMemo(() => {
    const p = purposes.find((x) => x.code === purpose);
    const rules = (p?.fieldRules ?? []).filter((r) => r.orgTypes.includes(myType) && r.acts.includes('use'));
    return [...new Set(rules.flatMap((r) => r.fields))];
  }, [purposes, purpose, myType]);

  const submit = async (v: Values) => {
    await run(async () => {
      const c = v.children ?? {};
      const children = v.childMode === 'ids' ? { childIds: splitIds(c.childIds) }
        : { ...(c.regionCode ? { regionCode: c.regionCode } : {}), ...(c.category ? { category: c.category } : {}) };
      const body: NewAgreement = {
        ownerOrgId: v.ownerOrgId, purpose: v.purpose, children, fields: v.fields,
        startsOn: ymd(v.startsOn), endsOn: ymd(v.endsOn),
        ...(activity && v.activityEndsOn ? { activityEndsOn: ymd(v.activityEndsOn) } : {}),
        securityMeasures: v.securityMeasures.trim(),
        responsiblePerson: { name: v.responsiblePerson.name.trim(), title: v.responsiblePerson.title.trim(), phone: v.responsiblePerson.phone.trim() },
      };
      await sharingApi.create(body);
      form.resetFields();
      void message.success('申请已提交，等待对方机构审批');
      onSaved();
    });
  };

  const after = (other: string, what: string) => ({ getFieldValue }: { getFieldValue: (n: string) => unknown }) => ({
    validator: (_r: unknown, v?: Dayjs) => {
      const o = getFieldValue(other) as Dayjs | undefined;
      return !v || !o || !v.isBefore(o, 'day') ? Promise.resolve() : Promise.reject(new Error(what));
    },
  });

  return (
    <Drawer open={open} onClose={onClose} size={mobile ? '100%' : 720} title="申请数据共享" forceRender
      footer={<Space><Button type="primary" loading={busy} onClick={() => form.submit()}>提交申请</Button><Button onClick={onClose}>取消</Button></Space>}>
      <Typography.Paragraph type="secondary">
        向持有儿童信息的机构申请提供信息。对方机构的个人信息保护负责人将进行个人信息保护影响评估后决定是否批准（个人信息保护法 第二十三、五十五条）。只申请工作必需的最少信息。
      </Typography.Paragraph>
      <Form form={form} name="sharingRequest" layout="vertical" requiredMark onFinish={(v) => void submit(v)}
        initialValues={{ childMode: 'criteria', children: {}, fields: [], startsOn: dayjs() }}>
        <ProblemAlert problem={problem} />
        <Form.Item name="ownerOrgId" label="向哪个机构申请" rules={[{ required: true, message: '请选择提供信息的机构' }]}>
          <Select options={orgOptions} loading={orgs.loading} showSearch={{ optionFilterProp: 'label' }} placeholder="选择机构" />
        </Form.Item>
        <Form.Item name="purpose" label="处理目的" rules={[{ required: true, message: '请选择处理目的' }]}>
          <Select options={purposes.map((p) => ({ value: p.code, label: p.label }))} loading={catalogue.loading} placeholder="选择处理目的" />
        </Form.Item>
        <Form.Item name="childMode" label="涉及哪些儿童">
          <Radio.Group options={[{ value: 'criteria', label: '按区划或类别' }, { value: 'ids', label: '按儿童编号' }]} />
        </Form.Item>
        {childMode === 'ids' ? (
          <Form.Item name={['children', 'childIds']} label="儿童编号" rules={[{ required: true, whitespace: true, message: '请填写至少一个儿童编号' }]}
            extra="每行一个，或用逗号分隔。">
            <Input.TextArea rows={3} />
          </Form.Item>
        ) : (
          <Row gutter={12}>
            <Col xs={24} sm={12}>
              <Form.Item name={['children', 'regionCode']} label="所在区划" dependencies={[['children', 'category']]}
                rules={[({ getFieldValue }) => ({ validator: (_r, v?: string) => (v || getFieldValue(['children', 'category']) ? Promise.resolve() : Promise.reject(new Error('请至少选择区划或类别'))) })]}>
                <RegionPicker placeholder="选择区划" />
              </Form.Item>
            </Col>
            <Col xs={24} sm={12}>
              <Form.Item name={['children', 'category']} label="儿童类别">
                <Select allowClear options={CATEGORY_OPTIONS} placeholder="不限类别" />
              </Form.Item>
            </Col>
          </Row>
        )}
        <Form.Item name="fields" label="需要的信息项" rules={[{ required: true, message: '至少选择一项信息' }]}
          extra={ceiling.length ? `本机构类型在此目的下最多可使用：${ceiling.map(fieldLabel).join('、')}` : undefined}>
          <Select mode="multiple" options={FIELD_OPTIONS} showSearch={{ optionFilterProp: 'label' }} placeholder="选择信息项" />
        </Form.Item>
        <Row gutter={12}>
          <Col xs={24} sm={12}>
            <Form.Item name="startsOn" label="开始日期" rules={[{ required: true, message: '请选择开始日期' }]}>
              <DatePicker style={{ width: '100%' }} inputReadOnly />
            </Form.Item>
          </Col>
          <Col xs={24} sm={12}>
            <Form.Item name="endsOn" label="结束日期" dependencies={['startsOn']}
              extra="最长一年（个人信息保护法 第十九条：最短必要期限）。"
              rules={[{ required: true, message: '请选择结束日期' }, after('startsOn', '结束日期不能早于开始日期')]}>
              <DatePicker style={{ width: '100%' }} inputReadOnly />
            </Form.Item>
          </Col>
        </Row>
        {activity && (
          <>
            <Alert type="info" showIcon style={{ marginBottom: 12 }} title="第十条：以活动期间为限"
              description={`${orgTypeLabel(myType)}开展家庭教育指导、关爱服务活动处理儿童信息，限于活动所必需的最小范围，活动结束后不得再使用。`} />
            <Form.Item name="activityEndsOn" label="活动结束日期" dependencies={['startsOn']} extra="共享结束日期不能晚于活动结束日期。"
              rules={[{ required: true, message: '请填写活动结束日期（第十条）' }, after('startsOn', '活动结束日期不能早于开始日期')]}>
              <DatePicker style={{ width: '100%', maxWidth: 320 }} inputReadOnly />
            </Form.Item>
          </>
        )}
        <Form.Item name="securityMeasures" label="安全保护措施" rules={[{ required: true, whitespace: true, message: '请说明安全保护措施' }]}
          extra="例如：专人保管、仅在办公电脑查看、不打印不外传、活动结束后删除。">
          <Input.TextArea rows={3} maxLength={2000} showCount />
        </Form.Item>
        <SectionTitle>本机构责任人</SectionTitle>
        <Row gutter={12}>
          <Col xs={24} sm={8}>
            <Form.Item name={['responsiblePerson', 'name']} label="姓名" rules={[{ required: true, whitespace: true, message: '请填写姓名' }]}>
              <Input maxLength={50} autoComplete="off" />
            </Form.Item>
          </Col>
          <Col xs={24} sm={8}>
            <Form.Item name={['responsiblePerson', 'title']} label="职务" rules={[{ required: true, whitespace: true, message: '请填写职务' }]}>
              <Input maxLength={50} autoComplete="off" />
            </Form.Item>
          </Col>
          <Col xs={24} sm={8}>
            <Form.Item name={['responsiblePerson', 'phone']} label="联系电话" rules={[{ required: true, whitespace: true, message: '请填写联系电话' }]}>
              <Input maxLength={30} inputMode="tel" autoComplete="off" />
            </Form.Item>
          </Col>
        </Row>
      </Form>
    </Drawer>
  );
}
