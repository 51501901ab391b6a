import { useEffect, useState } from 'react';
import { Alert, Button, Descriptions, Drawer, Space, Tag, Typography } from 'antd';
import { DownloadOutlined, SafetyCertificateOutlined } from '@ant-design/icons';
import type { InclusionProof, LedgerEntry } from '../api/types.ts';
import { ledgerApi } from '../api/endpoints.ts';
import { errorMessage } from '../api/client.ts';
import { actLabel, fieldLabel, LEDGER_CATEGORY_LABELS, reasonText } from '../api/labels.ts';
import { purposeLabel } from '../api/purposes.ts';
import { useIsMobile } from '../hooks/useIsMobile.ts';
import { entryKey, formatTime, OutcomeTag, seqText } from './LedgerTable.tsx';
import { SectionTitle } from './SectionTitle.tsx';
import { saveText } from './redact/download.ts';

export function downloadJson(filename: string, data: unknown): void {
  saveText(filename, JSON.stringify(data, null, 2) + '\n', 'application/json');
}

const pre: React.CSSProperties = {
  background: '#f5f5f5', padding: 12, borderRadius: 6, fontSize: 12, overflowX: 'auto', maxHeight: 320, whiteSpace: 'pre', margin: 0,
};

/** One ledger entry, and (for those who may read the ledger) its inclusion proof against the latest checkpoint. */
export function LedgerEntryDrawer({ entry, onClose, canProve, orgNames }: {
  entry: LedgerEntry | null;
  onClose: () => void;
  canProve: boolean;
  orgNames?: ReadonlyMap<string, string>;
}) {
  const mobile = useIsMobile();
  const [proof, setProof] = useState<InclusionProof | null>(null);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);

  useEffect(() => {
    setProof(null);
    setError(null);
  }, [entry ? entryKey(entry) : null]);

  const fetchProof = async () => {
    if (!entry || entry.seq === null) return;
    setBusy(true);
    setError(null);
    try {
      const cp = await ledgerApi.latestCheckpoint().catch(() => null);
      const treeSize = cp && typeof cp.treeSize === 'number' ? cp.treeSize : undefined;
      if (treeSize !== undefined && entry.seq >= treeSize) {
        setError(`该条目尚未纳入最新的签名检查点（覆盖第 0–${treeSize - 1} 条），请在下一个检查点生成后再获取证明。`);
        return;
      }
      setProof(await ledgerApi.inclusionProof(entry.seq, treeSize));
    } catch (e) {
      setError(errorMessage(e));
    } finally {
      setBusy(false);
    }
  };

  return (
    <Drawer
      open={!!entry}
      onClose={onClose}
      title={entry ? `台账第 ${seqText(entry)} 条` : ''}
      size={mobile ? '90%' : 560}
      placement={mobile ? 'bottom' : 'right'}
    >
      {entry && (
        <Space orientation="vertical" size="middle" style={{ width: '100%' }}>
          <Descriptions column={1} size="small" bordered styles={{ label: { width: 110 } }} items={[
            { key: 'at', label: '时间', children: formatTime(entry.at) },
            { key: 'act', label: '行为', children: <Tag color="blue">{entry.actLabel ?? actLabel(entry.act)}</Tag> },
            { key: 'cat', label: '类别', children: LEDGER_CATEGORY_LABELS[entry.category] ?? entry.category },
            { key: 'actor', label: '操作人', children: entry.actorName ?? entry.actorUserId ?? '系统' },
            { key: 'org', label: '操作人机构', children: entry.actorOrgName ?? (entry.actorOrgId ? orgNames?.get(entry.actorOrgId) : undefined) ?? entry.actorOrgId ?? '—' },
            { key: 'acc', label: '责任机构', children: entry.accountableOrgName ?? (entry.accountableOrgId ? orgNames?.get(entry.accountableOrgId) : undefined) ?? entry.accountableOrgId ?? '—' },
            { key: 'purpose', label: '处理目的', children: purposeLabel(entry.purpose) || '—' },
            { key: 'basis', label: '依据', children: entry.basis ?? '—' },
            { key: 'children', label: '涉及儿童', children: entry.childIds?.length ? entry.childIds.join('、') : '—' },
            { key: 'fields', label: '涉及字段', children: entry.fields?.length ? entry.fields.map(fieldLabel).join('、') : '—' },
            { key: 'outcome', label: '结果', children: <OutcomeTag outcome={entry.outcome} /> },
            { key: 'reason', label: '说明', children: entry.reason ? <span title={entry.reason}>{reasonText(entry.reason)}</span> : '—' },
            ...(entry.requestId ? [{ key: 'req', label: '请求编号', children: <Typography.Text code style={{ wordBreak: 'break-all' }}>{entry.requestId}</Typography.Text> }] : []),
          ]} />
          <Space wrap>
            <Button icon={<DownloadOutlined />} onClick={() => downloadJson(`ledger-entry-${seqText(entry)}.json`, entry)}>下载条目 JSON</Button>
            {canProve && (
              <Button type="primary" icon={<SafetyCertificateOutlined />} loading={busy} disabled={entry.seq === null} onClick={() => void fetchProof()}>获取包含证明</Button>
            )}
          </Space>
          {canProve && entry.seq === null && <Alert type="info" showIcon title="该条目刚刚写入，尚未编号；编号并纳入检查点后才能获取包含证明。" />}
          {error && <Alert type="error" showIcon role="alert" title={error} />}
          {proof && (
            <div>
              <SectionTitle style={{ marginTop: 0 }}>包含证明</SectionTitle>
              <Typography.Paragraph type="secondary" style={{ marginBottom: 4 }}>
                证明第 {proof.leafIndex} 号叶子在规模为 {proof.treeSize} 的签名检查点的默克尔树中{proof.hash ? `（${proof.hash}）` : ''}。根哈希：
              </Typography.Paragraph>
              <Typography.Paragraph copyable={{ text: proof.rootHash }} style={{ wordBreak: 'break-all', fontFamily: 'ui-monospace, Menlo, Consolas, monospace', fontSize: 12 }}>
                {proof.rootHash}
              </Typography.Paragraph>
              <pre style={pre} aria-label="包含证明 JSON" tabIndex={0}>{JSON.stringify(proof, null, 2)}</pre>
              <Button style={{ marginTop: 8 }} icon={<DownloadOutlined />}
                onClick={() => downloadJson(`inclusion-proof-seq${entry.seq}-tree${proof.treeSize}.json`, { entry, proof })}>
                下载证明 JSON
              </Button>
            </div>
          )}
        </Space>
      )}
    </Drawer>
  );
}
