import { Col, DatePicker, Form, Input, Row, Select, Switch, Typography } from 'antd';
import dayjs from 'dayjs';
import { CHILD_CATEGORIES } from '../../api/labels.ts';
import { RegionPicker } from '../RegionPicker.tsx';
import { ID_HINT, PHONE_HINT } from './GuardianFields.tsx';
import { SectionTitle } from '../SectionTitle.tsx';

export const GENDER_OPTIONS = [{ value: 'male', label: '男' }, { value: 'female', label: '女' }];
export const CATEGORY_OPTIONS = Object.entries(CHILD_CATEGORIES).map(([value, label]) => ({ value, label }));

/** Text fields of the record, as the server names them; each one's label and its limit. */
export const TEXT_FIELDS = {
  name: ['姓名', 50], idNumber: ['身份证号', 24], ethnicity: ['民族', 20], phone: ['联系电话', 20],
  householdAddress: ['户籍地址', 200], residenceAddress: ['现住址', 200], school: ['就读学校', 100], grade: ['年级', 20],
} as const;
export const LONG_FIELDS = {
  health: '健康状况', disability: '残疾情况', abuseVictim: '遭受侵害情况', guardianSituation: '监护情况', assistance: '救助帮扶情况',
} as const;
const HINTS: Partial<Record<string, string>> = { idNumber: ID_HINT, phone: PHONE_HINT, school: '学校全称' };

/** 第十二条第三款: a child who cannot express a will is consented for by the guardian at any age. */
export const WILL_HINT = '儿童因身心健康等原因不能表达意愿的，即使已满十四周岁，处理其信息也须征得监护人同意（第十二条第三款）。';

/** Village level: the last three digits name the 村（社区）. */
export const villageRule = {
  validator: (_r: unknown, v?: string) => (!v || (/^\d{12}$/.test(v) && !v.endsWith('000')) ? Promise.resolve() : Promise.reject(new Error('请选择到村（社区）一级'))),
};

/**
 * The record's own fields. On an edit (`current` given) every one starts empty and shows what is
 * on file only as a hint: what the server sends is masked, and a masked value must never be saved back.
 */
export function ChildFields({ current }: { current?: Record<string, string | undefined> }) {
  const editing = !!current;
  const req = (label: string, select = false) => (editing ? [] : [{ required: true, ...(select ? {} : { whitespace: true }), message: `请${select ? '选择' : '填写'}${label}` }]);
  const hint = (k: string) => {
    const now = current?.[k];
    return editing && now ? `当前：${now}${HINTS[k] ? `；${HINTS[k]}` : ''}` : HINTS[k];
  };
  const ph = editing ? '留空不修改' : undefined;
  const text = (k: keyof typeof TEXT_FIELDS, required = false) => (
    <Col xs={24} sm={12} key={k}>
      <Form.Item name={k} label={TEXT_FIELDS[k][0]} rules={required ? req(TEXT_FIELDS[k][0]) : []} extra={hint(k)}>
        <Input maxLength={TEXT_FIELDS[k][1]} autoComplete="off" placeholder={ph} inputMode={k === 'phone' ? 'tel' : undefined} />
      </Form.Item>
    </Col>
  );
  return (
    <>
      <SectionTitle>基本信息</SectionTitle>
      <Row gutter={16}>
        {text('name', true)}
        <Col xs={12} sm={6}>
          <Form.Item name="gender" label="性别" rules={req('性别', true)} extra={hint('gender')}>
            <Select options={GENDER_OPTIONS} placeholder={ph ?? '请选择'} allowClear={editing} />
          </Form.Item>
        </Col>
        <Col xs={12} sm={6}>
          <Form.Item name="birthDate" label="出生日期" rules={req('出生日期', true)} extra={hint('birthDate')}>
            <DatePicker style={{ width: '100%' }} disabledDate={(d) => d.isAfter(dayjs(), 'day')} placeholder={ph ?? 'YYYY-MM-DD'} />
          </Form.Item>
        </Col>
        {text('idNumber')}
        {text('ethnicity')}
        {text('phone')}
      </Row>
      <SectionTitle>位置信息</SectionTitle>
      <Row gutter={16}>
        <Col xs={24}>
          <Form.Item name="regionCode" label="所在村（社区）" rules={[...req('所在村（社区）', true), villageRule]} extra={hint('regionCode') ?? '逐级展开，选择到村（社区）一级'}>
            <RegionPicker placeholder={ph ?? '选择行政区划'} />
          </Form.Item>
        </Col>
        {text('householdAddress')}
        {text('residenceAddress')}
        {text('school')}
        {text('grade')}
      </Row>
      <SectionTitle>敏感信息</SectionTitle>
      <Typography.Paragraph type="secondary">只登记履职所必需的信息；残疾情况、遭受侵害情况等仅限有依据的目的（第十一条），没有依据时服务端会拒绝并说明原因。</Typography.Paragraph>
      <Form.Item name="categories" label="儿童类别" rules={req('儿童类别', true)} extra={editing ? '留空不修改；选择后将替换原有类别' : '可多选'}>
        <Select mode="multiple" options={CATEGORY_OPTIONS} placeholder={ph ?? '选择儿童类别'} optionFilterProp="label" />
      </Form.Item>
      <Row gutter={16}>
        {(Object.keys(LONG_FIELDS) as (keyof typeof LONG_FIELDS)[]).map((k) => (
          <Col xs={24} sm={12} key={k}>
            <Form.Item name={k} label={LONG_FIELDS[k]} extra={hint(k)}>
              <Input.TextArea rows={2} maxLength={2000} placeholder={ph} />
            </Form.Item>
          </Col>
        ))}
      </Row>
      <Form.Item name="canExpressWill" label="能否表达意愿" valuePropName="checked" extra={WILL_HINT}>
        <Switch checkedChildren="能" unCheckedChildren="不能" />
      </Form.Item>
    </>
  );
}
