import { Link } from 'react-router-dom';
import { Empty, List, Space, Table, Tag, Typography } from 'antd';
import type { TableColumnsType } from 'antd';
import type { PublicationItem } from '../../api/publications.ts';
import { useIsMobile } from '../../hooks/useIsMobile.ts';
import { formatTime } from '../LedgerTable.tsx';
import { OUTCOME, STATUS } from './labels.ts';

export function StatusTags({ p }: { p: Pick<PublicationItem, 'status' | 'outcome'> }) {
  const s = STATUS[p.status];
  // The outcome adds something only while a decision is still to be made.
  const o = p.status === 'in_review' ? OUTCOME[p.outcome] : null;
  return <Space size={4} wrap><Tag color={s.color}>{s.label}</Tag>{o && <Tag color={o.color}>{o.label}</Tag>}</Space>;
}

const openText = (box: 'mine' | 'review', p: PublicationItem) => (box === 'review' && p.status === 'in_review' ? '审核' : '查看');

/** Publications of one box: a table on a desk, cards on a phone. Titles are the processed ones. */
export function PublicationList({ box, items, total, loading, page, pageSize, onPage }: {
  box: 'mine' | 'review'; items: PublicationItem[]; total: number; loading: boolean;
  page: number; pageSize: number; onPage: (page: number) => void;
}) {
  const mobile = useIsMobile();
  const empty = <Empty description={box === 'mine' ? '还没有提交过发布审核' : '没有需要审核的稿件'} />;
  const pagination = { current: page, pageSize, total, onChange: onPage, hideOnSinglePage: true, showSizeChanger: false, showTotal: (n: number) => `共 ${n} 篇` };
  const link = (p: PublicationItem) => (
    <Link to={`/publications/${p.id}`} aria-label={`${openText(box, p)}：${p.title}`}>{openText(box, p)}</Link>
  );

  if (mobile) {
    return (
      <List loading={loading} dataSource={items} locale={{ emptyText: empty }} pagination={total > pageSize ? { ...pagination, size: 'small', align: 'center' } : false}
        renderItem={(p) => (
          <List.Item style={{ display: 'block' }} data-publication={p.id}>
            <Space orientation="vertical" size={4} style={{ width: '100%' }}>
              <StatusTags p={p} />
              <Typography.Text strong style={{ overflowWrap: 'anywhere' }}>{p.title}</Typography.Text>
              <span>{p.kindLabel} · {p.channelLabel} · {p.fileCount} 个文件{p.linkedChildren ? ` · 涉及在册儿童 ${p.linkedChildren} 名` : ''}</span>
              <Typography.Text type="secondary">{box === 'review' ? `${p.submitterOrg.name} · ` : ''}{formatTime(p.submittedAt)}</Typography.Text>
              {link(p)}
            </Space>
          </List.Item>
        )} />
    );
  }

  const columns: TableColumnsType<PublicationItem> = [
    { title: '标题（已处理）', key: 'title', render: (_, p) => <Typography.Text strong>{p.title}</Typography.Text> },
    { title: '类型', dataIndex: 'kindLabel' },
    { title: '渠道', dataIndex: 'channelLabel' },
    ...(box === 'review' ? [{ title: '提交机构', key: 'org', render: (_: unknown, p: PublicationItem) => p.submitterOrg.name }] : []),
    { title: '在册儿童', dataIndex: 'linkedChildren', render: (n: number) => (n ? `${n} 名` : '—') },
    { title: '状态', key: 'status', render: (_, p) => <StatusTags p={p} /> },
    { title: '提交时间', dataIndex: 'submittedAt', render: (v: string) => formatTime(v) },
    { title: '操作', key: 'op', width: 72, render: (_, p) => link(p) },
  ];
  return (
    <Table<PublicationItem> rowKey="id" columns={columns} dataSource={items} loading={loading} scroll={{ x: 'max-content' }}
      locale={{ emptyText: empty }} pagination={pagination} />
  );
}
