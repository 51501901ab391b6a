import { useState } from 'react';
import { App, Button, Divider, Drawer, Tag, Typography } from 'antd';
import { sharingApi, type Agreement } from '../../api/sharing.ts';
import { categoryLabel, fieldLabel, orgTypeLabel } from '../../api/labels.ts';
import { useIsMobile } from '../../hooks/useIsMobile.ts';
import { formatTime } from '../LedgerTable.tsx';
import { RegionName } from '../RegionName.tsx';
import { agreementPurpose, StatusTag } from './AgreementList.tsx';
import { ReasonDialog } from '../ReasonDialog.tsx';
import { ReviewForm } from './ReviewForm.tsx';

const ASSESSMENT_LABELS: Record<string, string> = {
  necessity: '合法、正当、必要', impact: '对儿童权益的影响', risks: '安全风险', measures: '保护措施', conclusion: '结论',
};

function Children({ a }: { a: Agreement }) {
  const c = a.children;
  if (c.childIds?.length) return <>指定的 {c.childIds.length} 名儿童</>;
  return <>{c.regionCode ? <RegionName code={c.regionCode} /> : '不限区划'}{c.category ? ` · ${categoryLabel(c.category)}` : ''}</>;
}

const org = (o: Agreement['ownerOrg']) => `${o.name}${o.type ? `（${orgTypeLabel(o.type)}）` : ''}`;

/** One agreement; for the owner's approver, the assessment and the decision. */
export function AgreementDrawer({ a, box, canApprove, canRequest, onClose, onChanged }: {
  a: Agreement | null; box: 'outgoing' | 'incoming'; canApprove: boolean; canRequest: boolean; onClose: () => void; onChanged: () => void;
}) {
  const mobile = useIsMobile();
  const { message } = App.useApp();
  const [asking, setAsking] = useState<'refuse' | 'revoke' | null>(null);
  const deciding = !!a && box === 'incoming' && canApprove && a.status === 'requested';
  const live = !!a && (a.status === 'requested' || (a.status === 'approved' && !a.expired));
  // The owner's approver ends a grant; the requester may withdraw its own request or grant.
  const revocable = live && (box === 'incoming' ? canApprove && a?.status === 'approved' : canRequest);
  const revokeText = box === 'incoming' ? '撤销授权' : a?.status === 'requested' ? '撤回申请' : '终止授权';

  const done = (text: string) => { void message.success(text); setAsking(null); onChanged(); };

  return (
    <Drawer open={!!a} onClose={onClose} size={mobile ? '100%' : 720} title={deciding ? '审批数据共享申请' : '数据共享详情'} destroyOnHidden>
      {a && (
        <>
          <dl className="field-grid" style={{ margin: 0 }}>
            <dt>状态</dt><dd><StatusTag a={a} /></dd>
            <dt>申请机构</dt><dd>{org(a.requesterOrg)}</dd>
            <dt>提供方</dt><dd>{org(a.ownerOrg)}</dd>
            <dt>处理目的</dt><dd>{agreementPurpose(a)}</dd>
            <dt>涉及儿童</dt><dd><Children a={a} /></dd>
            <dt>申请的信息项</dt><dd>{a.fields.map((f) => <Tag key={f} style={{ marginBottom: 4 }}>{fieldLabel(f)}</Tag>)}</dd>
            <dt>期间</dt><dd>{a.startsOn} 至 {a.endsOn}</dd>
            {a.activityEndsOn && <><dt>活动结束</dt><dd>{a.activityEndsOn}（第十条：以活动期间为限）</dd></>}
            <dt>安全保护措施</dt><dd style={{ whiteSpace: 'pre-wrap' }}>{a.securityMeasures}</dd>
            <dt>责任人</dt><dd>{a.responsiblePerson.name} · {a.responsiblePerson.title} · {a.responsiblePerson.phone}</dd>
            <dt>申请人</dt><dd>{a.requestedBy.displayName} · {formatTime(a.requestedAt)}</dd>
          </dl>
          {a.granted && (
            <>
              <Divider titlePlacement="start">批准范围</Divider>
              <dl className="field-grid" style={{ margin: 0 }}>
                <dt>信息项</dt><dd>{a.granted.fields.map((f) => <Tag key={f} color="green" style={{ marginBottom: 4 }}>{fieldLabel(f)}</Tag>)}</dd>
                <dt>提供至</dt><dd>{a.granted.endsOn}</dd>
                <dt>儿童人数</dt><dd>{a.granted.childCount} 名</dd>
              </dl>
            </>
          )}
          {a.decision && (
            <>
              <Divider titlePlacement="start">审批{a.decision.narrowed && <Tag color="blue" style={{ marginInlineStart: 8 }}>已收窄</Tag>}</Divider>
              <dl className="field-grid" style={{ margin: 0 }}>
                <dt>审批人</dt><dd>{a.decision.by.displayName} · {formatTime(a.decision.at)}</dd>
                {a.decision.note && <><dt>意见</dt><dd style={{ whiteSpace: 'pre-wrap' }}>{a.decision.note}</dd></>}
                {Object.entries(a.decision.impactAssessment ?? {}).map(([k, v]) => (
                  <div key={k} style={{ display: 'contents' }}><dt>{ASSESSMENT_LABELS[k] ?? k}</dt><dd style={{ whiteSpace: 'pre-wrap' }}>{v}</dd></div>
                ))}
              </dl>
            </>
          )}
          {a.revoked && (
            <Typography.Paragraph type="danger" style={{ marginTop: 16 }}>
              {a.revoked.by?.displayName ?? ''} 于 {formatTime(a.revoked.at)} 撤销：{a.revoked.reason}
            </Typography.Paragraph>
          )}
          {deciding && (
            <>
              <Divider />
              <ReviewForm a={a} onDone={onChanged} onRefuse={() => setAsking('refuse')} />
            </>
          )}
          {revocable && (
            <>
              <Divider />
              <Button danger onClick={() => setAsking('revoke')}>{revokeText}</Button>
            </>
          )}
          <ReasonDialog open={asking === 'refuse'} title="拒绝申请" label="拒绝理由" field="note" okText="拒绝"
            intro="拒绝理由会告知申请机构，并记入处理台账。" onClose={() => setAsking(null)}
            onSubmit={async (note) => { await sharingApi.refuse(a.id, note); done('已拒绝'); }} />
          <ReasonDialog open={asking === 'revoke'} title={revokeText} label="原因" field="reason" okText="确定"
            intro={box === 'incoming' ? '撤销立即生效，对方机构此后不能再查看这些儿童的信息。' : '立即生效，本机构此后不能再按此协议查看儿童信息；已接收的信息应当删除。'}
            onClose={() => setAsking(null)} onSubmit={async (reason) => { await sharingApi.revoke(a.id, reason); done(`已${revokeText}`); }} />
        </>
      )}
    </Drawer>
  );
}
