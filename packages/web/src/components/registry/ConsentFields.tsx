import type { ReactNode } from 'react';
import { Button, Checkbox, Col, DatePicker, Form, Input, Row, Select, Upload } from 'antd';
import type { UploadFile } from 'antd';
import { UploadOutlined } from '@ant-design/icons';
import dayjs, { type Dayjs } from 'dayjs';
import type { ConsentNotice, NewConsent } from '../../api/types.ts';
import { ORG_TYPES } from '../../api/labels.ts';
import { SectionTitle } from '../SectionTitle.tsx';

export const CONSENT_METHODS = [
  { value: 'paper', label: '书面' },
  { value: 'in_person', label: '当面' },
  { value: 'phone', label: '电话' },
];
const ORG_TYPE_OPTIONS = Object.entries(ORG_TYPES).map(([value, label]) => ({ value, label }));

export type Options = { value: string; label: string }[];

export interface ConsentFieldValues {
  givenBy: 'guardian' | 'child';
  purposes: string[];
  recipientOrgTypes?: string[];
  separate?: boolean;
  givenOn: Dayjs;
  validUntil?: Dayjs | null;
  method: NewConsent['method'];
  evidenceBase64?: UploadFile[];
  notice: ConsentNotice;
  noticeOfNecessityAndImpact?: boolean;
}

export const CONSENT_DEFAULTS = { givenBy: 'guardian' as const, givenOn: dayjs(), method: 'paper' as const };

function readBase64(file: File): Promise<string> {
  return new Promise((resolve, reject) => {
    const r = new FileReader();
    r.onload = () => resolve(String(r.result).replace(/^data:[^,]*,/, ''));
    r.onerror = () => reject(new Error('无法读取证据文件，请重新选择'));
    r.readAsDataURL(file);
  });
}

const trimmed = (s: string | undefined) => (s ?? '').trim();

/** The body the server takes, minus who the guardian is (an id on a child's page, a position at registration). */
export async function consentBody(v: ConsentFieldValues): Promise<Omit<NewConsent, 'guardianId'>> {
  const file = v.evidenceBase64?.[0]?.originFileObj;
  const n = v.notice;
  return {
    givenBy: v.givenBy,
    purposes: v.purposes,
    ...(v.recipientOrgTypes?.length ? { recipientOrgTypes: v.recipientOrgTypes } : {}),
    ...(v.separate ? { separate: true } : {}),
    givenOn: v.givenOn.format('YYYY-MM-DD'),
    ...(v.validUntil ? { validUntil: v.validUntil.format('YYYY-MM-DD') } : {}),
    method: v.method,
    ...(file ? { evidenceBase64: await readBase64(file) } : {}),
    notice: {
      purpose: trimmed(n.purpose), method: trimmed(n.method), categories: trimmed(n.categories),
      retention: trimmed(n.retention), rights: trimmed(n.rights), contact: trimmed(n.contact),
      ...(trimmed(n.necessityAndImpact) ? { necessityAndImpact: trimmed(n.necessityAndImpact) } : {}),
    },
    ...(v.noticeOfNecessityAndImpact ? { noticeOfNecessityAndImpact: true } : {}),
  };
}

/**
 * The consent record's fields (第十二条, 个人信息保护法 第十七条), under `prefix` so registration
 * can nest them as `consent.*` and the server's `consent.notice.purpose` lands on its control.
 */
export function ConsentFields({ prefix = [], purposeOptions, guardianField }: {
  prefix?: string[]; purposeOptions: Options; guardianField: (givenBy: 'guardian' | 'child' | undefined) => ReactNode;
}) {
  const form = Form.useFormInstance();
  const n = (k: string | string[]) => [...prefix, ...(Array.isArray(k) ? k : [k])];
  const givenBy = Form.useWatch(n('givenBy'), form) as 'guardian' | 'child' | undefined;
  const separate = Form.useWatch(n('separate'), form) as boolean | undefined;

  return (
    <>
      <Row gutter={16}>
        <Col xs={24} sm={12}>
          <Form.Item name={n('givenBy')} label="同意人" rules={[{ required: true, message: '请选择同意人' }]}>
            <Select options={[{ value: 'guardian', label: '监护人' }, { value: 'child', label: '儿童本人（已满十四周岁）' }]} />
          </Form.Item>
        </Col>
        <Col xs={24} sm={12}>{guardianField(givenBy)}</Col>
      </Row>
      <Form.Item name={n('purposes')} label="处理目的" rules={[{ required: true, message: '至少选择一个处理目的' }]}
        extra={separate ? '单独同意只针对一个目的。' : undefined}>
        <Select mode="multiple" options={purposeOptions} placeholder="选择同意的处理目的" maxCount={separate ? 1 : undefined} showSearch={{ optionFilterProp: 'label' }} />
      </Form.Item>
      <Form.Item name={n('recipientOrgTypes')} label="接收方机构类型" extra="不填表示不限接收方类型。">
        <Select mode="multiple" allowClear options={ORG_TYPE_OPTIONS} placeholder="不限" />
      </Form.Item>
      <Row gutter={16}>
        <Col xs={24} sm={8}>
          <Form.Item name={n('givenOn')} label="同意日期" rules={[{ required: true, message: '请选择同意日期' }]}>
            <DatePicker style={{ width: '100%' }} disabledDate={(d) => d.isAfter(dayjs(), 'day')} inputReadOnly />
          </Form.Item>
        </Col>
        <Col xs={24} sm={8}>
          <Form.Item name={n('validUntil')} label="有效期至">
            <DatePicker style={{ width: '100%' }} inputReadOnly placeholder="未约定" />
          </Form.Item>
        </Col>
        <Col xs={24} sm={8}>
          <Form.Item name={n('method')} label="同意方式" rules={[{ required: true, message: '请选择同意方式' }]}>
            <Select options={CONSENT_METHODS} />
          </Form.Item>
        </Col>
      </Row>
      <Form.Item
        name={n('evidenceBase64')} label="同意书扫描件" valuePropName="fileList" getValueFromEvent={(e: { fileList: UploadFile[] }) => e.fileList.slice(-1)}
        dependencies={[n('method')]}
        extra="服务端只保存文件的 SM3 摘要，不超过 10 MB。书面同意必须上传。"
        rules={[({ getFieldValue }) => ({
          validator: (_r, v?: UploadFile[]) => (getFieldValue(n('method')) === 'paper' && !v?.length ? Promise.reject(new Error('书面同意须上传同意书扫描件')) : Promise.resolve()),
        })]}
      >
        <Upload beforeUpload={() => false} maxCount={1} accept="image/*,application/pdf">
          <Button icon={<UploadOutlined />}>选择文件</Button>
        </Upload>
      </Form.Item>
      <SectionTitle style={{ marginTop: 0 }}>已告知的内容（个人信息保护法 第十七条）</SectionTitle>
      <Row gutter={16}>
        {([
          ['purpose', '处理目的'], ['method', '处理方式'], ['categories', '个人信息种类'],
          ['retention', '保存期限'], ['rights', '行使权利的方式'], ['contact', '联系方式'],
        ] as const).map(([k, label]) => (
          <Col xs={24} sm={12} key={k}>
            <Form.Item name={n(['notice', k])} label={label} rules={[{ required: true, whitespace: true, message: `请填写${label}` }]}>
              <Input maxLength={k === 'contact' ? 200 : 500} />
            </Form.Item>
          </Col>
        ))}
      </Row>
      <Form.Item name={n(['notice', 'necessityAndImpact'])} label="必要性及对个人权益的影响（第十三条，公开前须告知）">
        <Input.TextArea rows={2} maxLength={2000} />
      </Form.Item>
      <Form.Item name={n('separate')} valuePropName="checked" style={{ marginBottom: 8 }}>
        <Checkbox>单独同意（只针对一个目的）</Checkbox>
      </Form.Item>
      <Form.Item name={n('noticeOfNecessityAndImpact')} valuePropName="checked">
        <Checkbox>已告知处理的必要性及对个人权益的影响</Checkbox>
      </Form.Item>
    </>
  );
}
