import { Button, Descriptions, List, Space, Tag, Timeline, Typography } from 'antd';
import { FileTextOutlined } from '@ant-design/icons';
import type { IncidentDetail, IncidentNotice } from '../../api/incidents.ts';
import { formatTime } from '../LedgerTable.tsx';
import { evidenceKindLabel, maskedName, OUTCOMES, RECIPIENT_KINDS, REQUESTS, RESOLUTIONS, SOURCE_KINDS } from './labels.ts';

/** An empty section says so in a line, not with a picture: the page has several. */
const Quiet = ({ children }: { children: string }) => <Typography.Text type="secondary" style={{ display: 'block', textAlign: 'start', padding: '4px 0' }}>{children}</Typography.Text>;

const MONO = { fontFamily: 'ui-monospace, SFMono-Regular, Menlo, Consolas, monospace', fontSize: 13, overflowWrap: 'anywhere' as const };

/** The child only as the server masked it, and where the post was found. */
export function IncidentFacts({ i }: { i: IncidentDetail }) {
  return (
    <Descriptions size="small" column={{ xs: 1, md: 2 }} items={[
      { key: 'child', label: '儿童', children: maskedName(i) },
      { key: 'org', label: '所属机构', children: i.child.ownerOrgName },
      { key: 'ref', label: '儿童引用', children: <Typography.Text style={MONO} copyable>{i.child.ref}</Typography.Text> },
      { key: 'source', label: '来源', children: `${SOURCE_KINDS[i.source.kind] ?? i.source.kind} · ${i.source.name}` },
      { key: 'post', label: '帖子编号', children: <Typography.Text style={MONO}>{i.postId}</Typography.Text> },
      ...(i.url ? [{ key: 'url', label: '帖子地址', children: <Typography.Text style={MONO} copyable>{i.url}</Typography.Text> }] : []),
      ...(i.packageVersion ? [{ key: 'pkg', label: '巡查包版本', children: i.packageVersion }] : []),
      { key: 'detected', label: '发现时间', children: formatTime(i.detectedAt) },
      { key: 'due', label: '处置期限', children: i.dueAt ? <Typography.Text type={i.overdue ? 'danger' : undefined}>{formatTime(i.dueAt)}{i.overdue ? '（已逾期）' : ''}</Typography.Text> : '尚未发出通知' },
      { key: 'score', label: '匹配强度', children: i.score.toFixed(2) },
    ]} />
  );
}

/** Excerpts come redacted from the server; the SM3 lets the post be matched without keeping it. */
export function EvidenceList({ i }: { i: IncidentDetail }) {
  return (
    <List size="small" dataSource={i.evidence} locale={{ emptyText: <Quiet>没有证据记录</Quiet> }}
      renderItem={(e, k) => (
        <List.Item key={k} style={{ display: 'block' }}>
          <Space orientation="vertical" size={4} style={{ width: '100%' }}>
            <Space size={[4, 4]} wrap>{(e.kinds.length ? e.kinds : [e.kind]).map((k) => <Tag key={k} style={{ marginInlineEnd: 0 }}>{evidenceKindLabel(k)}</Tag>)}</Space>
            {e.excerpt === null
              ? <Typography.Text type="secondary">导入时未附帖子原文，没有摘录。</Typography.Text>
              : (
                <blockquote style={{ margin: 0, padding: '6px 12px', borderInlineStart: '3px solid #ffa39e', background: '#fafafa', overflowWrap: 'anywhere' }}>
                  {e.excerpt}
                </blockquote>
              )}
            {e.postSm3 && <Typography.Text type="secondary">帖子 SM3：<Typography.Text style={MONO} copyable>{e.postSm3}</Typography.Text></Typography.Text>}
          </Space>
        </List.Item>
      )} />
  );
}

export function NoticeList({ i, onOpen }: { i: IncidentDetail; onOpen: (n: IncidentNotice) => void }) {
  return (
    <List size="small" dataSource={i.notices} locale={{ emptyText: <Quiet>尚未发出整改通知</Quiet> }}
      renderItem={(n) => (
        <List.Item key={n.id} data-notice={n.id} style={{ display: 'block' }}>
          <Space orientation="vertical" size={4} style={{ width: '100%' }}>
            <Space wrap size={6}>
              <Typography.Text strong>{n.recipient}</Typography.Text>
              <Tag>{RECIPIENT_KINDS[n.recipientKind] ?? n.recipientKind}</Tag>
              <Tag>要求{REQUESTS[n.request] ?? n.request}</Tag>
              {n.articles.map((a) => <Tag key={a} color="blue">{a}</Tag>)}
            </Space>
            <Typography.Text type="secondary">{formatTime(n.issuedAt)} 由 {n.issuedBy} 发出 · 限 {formatTime(n.dueAt)} 前处理</Typography.Text>
            <Button size="small" icon={<FileTextOutlined />} onClick={() => onOpen(n)} aria-label={`下载通知书：${n.recipient}`}>下载通知书</Button>
          </Space>
        </List.Item>
      )} />
  );
}

export function FollowUpList({ i }: { i: IncidentDetail }) {
  return (
    <List size="small" dataSource={i.followUps} locale={{ emptyText: <Quiet>还没有跟进记录</Quiet> }}
      renderItem={(f, k) => (
        <List.Item key={k} style={{ display: 'block' }}>
          <Space wrap size={6}>
            {f.outcome && <Tag color={f.outcome === 'removed' || f.outcome === 'corrected' ? 'green' : 'orange'}>{OUTCOMES[f.outcome]}</Tag>}
            <Typography.Text type="secondary">{formatTime(f.at)} · {f.by}</Typography.Text>
          </Space>
          <div style={{ overflowWrap: 'anywhere' }}>{f.note}</div>
        </List.Item>
      )} />
  );
}

export function Resolved({ i }: { i: IncidentDetail }) {
  const r = i.closure;
  if (!r) return null;
  return (
    <Descriptions size="small" column={1} items={[
      { key: 'r', label: '结案结果', children: RESOLUTIONS[r.resolution] ?? r.resolution },
      { key: 'n', label: '结案说明', children: r.note },
      { key: 'at', label: '结案时间', children: `${formatTime(r.at)} · ${r.by}` },
    ]} />
  );
}

export function IncidentTimeline({ i }: { i: IncidentDetail }) {
  if (!i.timeline.length) return <Typography.Text type="secondary">暂无记录</Typography.Text>;
  return (
    <Timeline items={i.timeline.map((t, k) => ({
      key: k,
      content: (
        <Space orientation="vertical" size={0}>
          <Typography.Text strong>{t.summary}</Typography.Text>
          <Typography.Text type="secondary">{formatTime(t.at)} · {t.by}</Typography.Text>
        </Space>
      ),
    }))} />
  );
}
