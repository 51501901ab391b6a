import { Alert, Typography } from 'antd';
import type { PublicationDetail } from '../../api/publications.ts';
import { formatTime } from '../LedgerTable.tsx';

/**
 * Where the publication stands, in one box at the top: blocked (第十五条, with why), returned
 * (with the reviewer's reasons), approved (who, when, why, and the manifest hash in the ledger),
 * or waiting for a reviewer; and what has become of the draft.
 */
export function DecisionBanner({ pub }: { pub: PublicationDetail }) {
  const d = pub.decision;
  const draft = pub.draft.available
    ? pub.draft.destroyAfter ? `原稿保留至 ${formatTime(pub.draft.destroyAfter)}，期满销毁。` : '原稿在审核期间保留，批准后即销毁。'
    : `原稿及识别出的原文已于 ${formatTime(pub.draft.destroyedAt)} 销毁。`;

  if (pub.status === 'blocked') {
    const blocks = pub.checks.filter((c) => c.severity === 'block');
    return (
      <Alert type="error" showIcon role="alert" style={{ marginBottom: 16 }}
        title={<strong>已拦截：稿件不得发布（{blocks[0]?.clause ?? '《困境儿童个人信息保护工作办法》第十五条'}）</strong>}
        description={(
          <>
            <ul style={{ margin: '4px 0', paddingInlineStart: 18 }}>{blocks.map((c, i) => <li key={i}>{c.message}</li>)}</ul>
            <Typography.Text type="secondary">{pub.viewer === 'submitter' ? '请删除相关内容后修改重新提交。' : '拦截的稿件不能审核，由提交人修改后重新提交。'}{draft}</Typography.Text>
          </>
        )}
      />
    );
  }
  if (pub.status === 'returned' && d) {
    return (
      <Alert type="warning" showIcon role="status" style={{ marginBottom: 16 }}
        title={<strong>已退回：{d.by.displayName} 于 {formatTime(d.at)} 退回，请按以下理由修改后重新提交</strong>}
        description={(
          <>
            <ol aria-label="退回理由" style={{ margin: '4px 0', paddingInlineStart: 18 }}>{d.reasons.map((r, i) => <li key={i}>{r}</li>)}</ol>
            <Typography.Text type="secondary">{draft}</Typography.Text>
          </>
        )}
      />
    );
  }
  if (pub.status === 'approved' && d) {
    return (
      <Alert type="success" showIcon role="status" style={{ marginBottom: 16 }}
        title={<strong>已批准发布：{d.by.displayName} 于 {formatTime(d.at)} 批准</strong>}
        description={(
          <>
            {d.note && <div>审核结论：{d.note}</div>}
            <div>只有下方“下载发布版本（已批准可发布）”的文件可以发布。</div>
            {pub.manifestSm3 && <div style={{ overflowWrap: 'anywhere' }}>发布版本清单 SM3：<Typography.Text code copyable>{pub.manifestSm3}</Typography.Text>（已记入处理台账“公开”记录）</div>}
            <Typography.Text type="secondary">{draft}</Typography.Text>
          </>
        )}
      />
    );
  }
  return (
    <Alert type="info" showIcon style={{ marginBottom: 16 }}
      title={pub.viewer === 'reviewer' ? '待审核：请核对下方每个文件的处理结果与核对结果，再批准或退回' : '审核中：审核员批准前，任何文件都不得发布'}
      description={draft}
    />
  );
}
