import { useId } from 'react';
import { Alert, App, Button, Descriptions, Flex, Form, Input, Select, Typography } from 'antd';
import { FileTextOutlined } from '@ant-design/icons';
import { incidentsApi, type BreachInput, type BreachLetterKind, type IncidentDetail } from '../../api/incidents.ts';
import { useProblem } from '../../hooks/useProblem.ts';
import { ProblemAlert } from '../ProblemAlert.tsx';
import { formatTime } from '../LedgerTable.tsx';
import type { LetterRequest } from './LetterDrawer.tsx';
import { INFO_TYPE_OPTIONS } from './labels.ts';

const LAW = '个人信息保护法 第五十七条；未成年人网络保护条例 第三十五条';

export const BREACH_LETTERS: Record<BreachLetterKind, { button: string; title: string; hint: string }> = {
  authority: {
    button: '报告监管部门', title: '数据泄露报告（报送监管部门）',
    hint: '向网信等履行个人信息保护职责的部门报告：泄露的信息种类、原因和可能的危害，已采取的补救措施，联系方式（个人信息保护法 第五十七条；未成年人网络保护条例 第三十五条）。',
  },
  guardian: {
    button: '告知监护人', title: '数据泄露告知书（致监护人）',
    hint: '以邮件、信函、电话等方式告知受影响儿童的监护人：发生了什么、可能的危害、平台已做什么、监护人可以采取哪些措施减轻危害、联系方式（未成年人网络保护条例 第三十五条）。',
  },
};

/**
 * 数据泄露处置: a leak from inside the platform is the platform's own breach. The officer records
 * the facts the law asks for once; the server writes the two letters from them.
 */
export function BreachPanel({ incident, onSaved, onLetter }: {
  incident: IncidentDetail; onSaved: (i: IncidentDetail) => void; onLetter: (l: LetterRequest) => void;
}) {
  const b = incident.breachRecord;
  const letter = (kind: BreachLetterKind): LetterRequest => ({
    title: BREACH_LETTERS[kind].title, hint: BREACH_LETTERS[kind].hint,
    load: (signal) => incidentsApi.breachLetter(incident.id, kind, signal),
  });

  if (b) {
    return (
      <>
        <Descriptions size="small" column={1} bordered styles={{ label: { width: 168 } }} items={[
          { key: 'cause', label: '泄露原因', children: b.cause },
          { key: 'types', label: '信息种类', children: b.infoTypes.join('、') },
          { key: 'harm', label: '可能造成的危害', children: b.harm },
          { key: 'measures', label: '已采取的补救措施', children: b.measures },
          { key: 'individual', label: '个人可以采取的减轻危害的措施', children: b.individualMeasures },
          { key: 'contact', label: '联系方式', children: b.contact },
          { key: 'authority', label: '报告的部门', children: b.authority },
          { key: 'at', label: '记录时间', children: `${formatTime(b.recordedAt)} · ${b.recordedBy}` },
        ]} />
        <Flex wrap gap={8} style={{ marginTop: 12 }}>
          {(['authority', 'guardian'] as const).map((k) => (
            <Button key={k} icon={<FileTextOutlined />} onClick={() => onLetter(letter(k))}>{BREACH_LETTERS[k].button}</Button>
          ))}
        </Flex>
      </>
    );
  }
  if (!incident.abilities.breach) {
    return <Typography.Text type="secondary">尚未记录数据泄露处置情况。须由平台的个人信息保护负责人记录。</Typography.Text>;
  }
  return <BreachForm incidentId={incident.id} onSaved={onSaved} />;
}

function BreachForm({ incidentId, onSaved }: { incidentId: string; onSaved: (i: IncidentDetail) => void }) {
  const [form] = Form.useForm<BreachInput>();
  const { problem, busy, run } = useProblem(form);
  const { message } = App.useApp();
  const name = useId();

  const submit = async (v: BreachInput) => {
    await run(async () => {
      const individual = v.individualMeasures?.trim();
      const saved = await incidentsApi.recordBreach(incidentId, {
        cause: v.cause.trim(), infoTypes: v.infoTypes.map((t) => t.trim()).filter(Boolean), harm: v.harm.trim(),
        measures: v.measures.trim(), ...(individual ? { individualMeasures: individual } : {}), contact: v.contact.trim(), authority: v.authority.trim(),
      });
      void message.success('已记录，可生成报告监管部门和告知监护人的文书');
      onSaved(saved);
    });
  };

  const required = (what: string) => [{ required: true, whitespace: true, message: `请填写${what}` }];
  return (
    <>
      <Alert type="warning" showIcon style={{ marginBottom: 16 }} title="泄露来自平台内部：应立即采取补救措施，及时报告网信等部门，并告知受影响儿童的监护人"
        description={`依据：${LAW}。以下内容即报告和告知的必备事项，请如实填写。`} />
      <Form form={form} name={name} layout="vertical" requiredMark onFinish={(v) => void submit(v)} initialValues={{ infoTypes: [] }}>
        <ProblemAlert problem={problem} />
        <Form.Item name="cause" label="泄露原因" rules={required('泄露原因')} extra="例如：工作人员账号被盗用，导出的名册被上传至网盘。">
          <Input.TextArea rows={2} maxLength={2000} showCount />
        </Form.Item>
        <Form.Item name="infoTypes" label="泄露的信息种类" rules={[{ required: true, type: 'array', min: 1, message: '请选择至少一种信息' }]}
          extra="可选择，也可输入其他种类后回车。">
          <Select mode="tags" options={INFO_TYPE_OPTIONS} placeholder="选择或输入信息种类" />
        </Form.Item>
        <Form.Item name="harm" label="可能造成的危害" rules={required('可能造成的危害')}>
          <Input.TextArea rows={2} maxLength={2000} showCount />
        </Form.Item>
        <Form.Item name="measures" label="已采取的补救措施" rules={required('已采取的补救措施')} extra="例如：已停用该账号、重置口令，已要求网盘删除文件。">
          <Input.TextArea rows={3} maxLength={2000} showCount />
        </Form.Item>
        <Form.Item name="individualMeasures" label="监护人可以采取的减轻危害的措施" extra="选填：不填时告知书使用通用建议（警惕冒充工作人员的电话、不向陌生人透露儿童信息等）。">
          <Input.TextArea rows={2} maxLength={2000} showCount />
        </Form.Item>
        <Form.Item name="contact" label="联系方式" rules={required('联系方式')} extra="处理者（本平台）负责此事的部门、电话或邮箱。">
          <Input maxLength={200} />
        </Form.Item>
        <Form.Item name="authority" label="报告的部门" rules={required('报告的部门')} extra="履行个人信息保护职责的部门，例如：某县网信办。">
          <Input maxLength={100} />
        </Form.Item>
        <Button type="primary" htmlType="submit" loading={busy}>保存处置情况</Button>
      </Form>
    </>
  );
}
