import { useEffect, useState } from 'react';
import { Alert, App, Button, Drawer, Form, Select, Space } from 'antd';
import type { Dayjs } from 'dayjs';
import { childrenApi } from '../../api/endpoints.ts';
import type { ChildDetail, ChildPatch } from '../../api/types.ts';
import { listPurposes, type Purpose } from '../../api/purposes.ts';
import { useIsMobile } from '../../hooks/useIsMobile.ts';
import { useProblem } from '../../hooks/useProblem.ts';
import { ProblemAlert } from '../ProblemAlert.tsx';
import { ChildFields, LONG_FIELDS, TEXT_FIELDS } from './ChildFields.tsx';
import { typedOnly } from './GuardianFields.tsx';
import { clearServerErrors, scrollToFirstError } from './formErrors.ts';

interface Values extends Partial<Record<keyof typeof TEXT_FIELDS | keyof typeof LONG_FIELDS, string>> {
  gender?: 'male' | 'female';
  birthDate?: Dayjs | null;
  regionCode?: string;
  categories?: string[];
  canExpressWill: boolean;
  purpose?: string;
}

/** What the page shows now (masked as sent), as hints only: never a value of the form. */
function shownValues(d: ChildDetail): Record<string, string | undefined> {
  const out: Record<string, string | undefined> = {};
  for (const f of d.groups.flatMap((g) => g.fields)) {
    if (!f.withheld && typeof f.value === 'string' && f.value) out[f.key] = f.value;
  }
  out.regionCode = d.regionName ?? d.regionCode;
  return out;
}

export function ChildEditDrawer({ child, open, onClose, onSaved }: { child: ChildDetail; open: boolean; onClose: () => void; onSaved: () => void }) {
  const [form] = Form.useForm<Values>();
  const { problem, clear, busy, run } = useProblem(form);
  const { message } = App.useApp();
  const mobile = useIsMobile();
  const [purposes, setPurposes] = useState<Purpose[]>([]);
  useEffect(() => { void listPurposes().then(setPurposes); }, []);
  const canExpressWill = child.canExpressWill !== false;
  useEffect(() => { if (open) form.setFieldsValue({ canExpressWill }); }, [open, canExpressWill, form]);

  const close = () => { form.resetFields(); clear(); onClose(); };

  const submit = (v: Values) => run(async () => {
    const { birthDate, canExpressWill: will, purpose, ...rest } = v;
    const patch: ChildPatch = {
      ...typedOnly(rest),
      ...(birthDate ? { birthDate: birthDate.format('YYYY-MM-DD') } : {}),
      ...(will !== canExpressWill ? { canExpressWill: will } : {}),
    };
    if (!Object.keys(patch).length) {
      void message.info('没有要修改的内容：只填写需要修改的项');
      return;
    }
    const { changed } = await childrenApi.update(child.id, { ...patch, ...(purpose ? { purpose } : {}) });
    form.resetFields();
    void message.success(changed.length ? `已修改 ${changed.length} 项，已记入处理台账` : '内容与原记录相同，未作修改');
    onSaved();
  });

  return (
    <Drawer
      open={open} onClose={close} title="修改基本信息" size={mobile ? '100%' : 720} destroyOnHidden={false}
      extra={<Space><Button onClick={close}>取消</Button><Button type="primary" loading={busy} onClick={() => form.submit()}>保存</Button></Space>}
    >
      <Alert
        type="info" showIcon style={{ marginBottom: 16 }}
        title="只填写需要修改的项，留空的不修改"
        description="页面上的信息已脱敏，不会填入表单；每项下方的“当前”仅供对照。修改须有合法性基础，没有依据的项会被拒绝并在该项下说明原因。"
      />
      <Form form={form} name="childEdit" layout="vertical" onFinish={(v) => void submit(v).then((ok) => { if (!ok) scrollToFirstError(form); })} onValuesChange={clearServerErrors(form)} initialValues={{ canExpressWill }} aria-label="修改基本信息" scrollToFirstError={{ block: 'center' }}>
        <ChildFields current={shownValues(child)} />
        <Form.Item name="purpose" label="处理目的（可选）" extra="不选时，按本机构可依据的目的逐一判定。">
          <Select allowClear showSearch optionFilterProp="label" options={purposes.map((p) => ({ value: p.code, label: p.label }))} placeholder="按本机构可依据的目的判定" />
        </Form.Item>
        {/* Next to the button pressed: the top of a long drawer is out of sight by then. */}
        <ProblemAlert problem={problem} />
        <Button type="primary" htmlType="submit" loading={busy}>保存修改</Button>
      </Form>
    </Drawer>
  );
}
