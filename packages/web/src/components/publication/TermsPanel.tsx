import { Alert, Button, Flex, List, Space, Tag, Tooltip, Typography } from 'antd';
import { PlusOutlined } from '@ant-design/icons';
import { keepRefusal, type OrgType } from '@hutong/core';
import type { AdjustBody, PublicationDetail, Term } from '../../api/publications.ts';
import { sourceLabel } from '../redact/labels.ts';
import { TypeTag } from '../redact/TypeTag.tsx';
import { addTerm, decide, decisionOf, dropAddition } from './adjust-plan.ts';
import { AddTermDialog } from './AddTermDialog.tsx';
import { findingTypeLabel } from './labels.ts';
import { usePendingReason } from './usePendingReason.tsx';
import { useState } from 'react';
import { useProblem } from '../../hooks/useProblem.ts';
import { ProblemAlert } from '../ProblemAlert.tsx';

const SOURCE_EXTRA: Record<string, string> = { media: '图片或录音', reviewer: '审核员补充' };
const sources = (t: Term) => [...new Set(t.sources.map((s) => SOURCE_EXTRA[s] ?? sourceLabel(s)))].join('、');

/**
 * Every distinct text the engine found, across the files and the title: the reviewer keeps one
 * (确因工作需要且已取得同意, 第十四条), dismisses a false detection, or adds what the engine
 * missed. Each change is sent at once with its reason and the files are processed again.
 */
export function TermsPanel({ pub, plan, onAdjust }: { pub: PublicationDetail; plan: AdjustBody; onAdjust: (body: AdjustBody) => Promise<void> }) {
  const { ask, dialog } = usePendingReason();
  const [adding, setAdding] = useState(false);
  // Undoing needs no reason, so it is sent straight away; its refusal shows here.
  const direct = useProblem();
  const editable = pub.abilities.adjust;
  const terms = pub.terms ?? [];

  const keep = (t: Term) => ask({
    title: `保留“${t.text}”`, label: '保留理由', okText: '保留',
    intro: `保留即在所有文件与标题中按原样发布“${t.text}”。只有确因工作需要、且已事先告知并取得儿童及其监护人同意时才可保留（第十三、十四条）。`,
    send: (reason) => onAdjust(decide(plan, t.id, 'keep', reason)),
  });
  const dismiss = (t: Term) => ask({
    title: `“${t.text}”不是个人信息`, label: '误识别说明', okText: '标为误识别',
    intro: '标为误识别后不再处理这段文字，也不再据此关联名册中的儿童。请说明为什么它不能识别出儿童。',
    send: (reason) => onAdjust(decide(plan, t.id, 'remove', reason)),
  });

  return (
    <Flex vertical gap={12}>
      <Typography.Paragraph type="secondary" style={{ marginBottom: 0 }}>
        同一文字在所有文件和标题中一并处理。调整后服务器重新处理全部文件并重新核对；每项调整连同理由记入审核记录。
      </Typography.Paragraph>
      <List
        size="small"
        bordered
        aria-label="识别出的文字"
        locale={{ emptyText: '没有识别出的文字' }}
        dataSource={terms}
        renderItem={(t) => {
          const d = decisionOf(plan, t.id);
          const refusal = keepRefusal(t.type, pub.submitterOrg.type as OrgType);
          return (
            <List.Item style={{ display: 'block' }} data-term={t.text}>
              <Space wrap size={4}>
                <TypeTag type={t.type}>{findingTypeLabel(t.type)}</TypeTag>
                <Typography.Text strong style={{ overflowWrap: 'anywhere' }}>{t.text}</Typography.Text>
                {d?.action === 'keep' && <Tag color="gold">保留原文</Tag>}
                {d?.action === 'remove' && <Tag>误识别，不处理</Tag>}
                {!d && <Tag color="blue">处理</Tag>}
              </Space>
              <div><Typography.Text type="secondary" style={{ fontSize: 12 }}>识别依据：{sources(t)}</Typography.Text></div>
              {d && <div><Typography.Text style={{ fontSize: 13 }}>理由：{d.reason}</Typography.Text></div>}
              {editable && (
                <Space wrap size={8} style={{ marginTop: 6 }}>
                  {d ? (
                    <Button size="small" loading={direct.busy} onClick={() => void direct.run(() => onAdjust(decide(plan, t.id, null)))} aria-label={`恢复处理“${t.text}”`}>恢复处理</Button>
                  ) : (
                    <>
                      <Tooltip title={refusal ? `${refusal.message}（${refusal.clause}）` : undefined}>
                        <Button size="small" disabled={!!refusal} onClick={() => keep(t)} aria-label={`保留“${t.text}”`}>保留</Button>
                      </Tooltip>
                      <Button size="small" onClick={() => dismiss(t)} aria-label={`“${t.text}”标为误识别`}>标为误识别</Button>
                    </>
                  )}
                </Space>
              )}
              {editable && refusal && !d && (
                <div><Typography.Text type="secondary" style={{ fontSize: 12 }}>不能保留：{refusal.message}（{refusal.clause}）</Typography.Text></div>
              )}
            </List.Item>
          );
        }}
      />
      {plan.add.length > 0 && (
        <Alert
          type="info"
          showIcon
          title={`审核员补充处理的文字（${plan.add.length}）`}
          description={(
            <ul style={{ margin: 0, paddingInlineStart: 18 }}>
              {plan.add.map((a, i) => (
                <li key={`${a.type}-${a.text}`}>
                  <Space wrap size={4}>
                    <TypeTag type={a.type}>{findingTypeLabel(a.type)}</TypeTag>
                    <strong>{a.text}</strong>
                    <Typography.Text type="secondary">理由：{a.reason}</Typography.Text>
                    {editable && <Button size="small" type="link" loading={direct.busy} onClick={() => void direct.run(() => onAdjust(dropAddition(plan, i)))} aria-label={`撤销补充“${a.text}”`}>撤销</Button>}
                  </Space>
                </li>
              ))}
            </ul>
          )}
        />
      )}
      <ProblemAlert problem={direct.problem} onClose={direct.clear} style={{ marginBottom: 0 }} />
      {editable && (
        <div>
          <Button icon={<PlusOutlined />} onClick={() => setAdding(true)}>补充漏识别的文字</Button>
        </div>
      )}
      {dialog}
      <AddTermDialog open={adding} onClose={() => setAdding(false)} index={plan.add.length}
        onSubmit={async (a) => { await onAdjust(addTerm(plan, a)); setAdding(false); }} />
    </Flex>
  );
}
