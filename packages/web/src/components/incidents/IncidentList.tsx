import { Link } from 'react-router-dom';
import { Empty, List, Space, Table, Tag, Tooltip, Typography } from 'antd';
import type { TableColumnsType } from 'antd';
import type { IncidentFlag, IncidentItem } from '../../api/incidents.ts';
import { useIsMobile } from '../../hooks/useIsMobile.ts';
import { formatTime } from '../LedgerTable.tsx';
import { FLAGS, maskedName, SOURCE_KINDS, STATUS } from './labels.ts';

/** Overdue rows and cards stand out: a notice's deadline has passed without closure. */
const OVERDUE_BG = '#fff1f0';

export function StatusTag({ i }: { i: Pick<IncidentItem, 'status' | 'overdue' | 'breach'> }) {
  const s = STATUS[i.status];
  return (
    <Space size={4} wrap>
      <Tag color={s.color}>{s.label}</Tag>
      {i.overdue && <Tag color="red">已逾期</Tag>}
      {i.breach && <Tag color="purple">数据泄露处置</Tag>}
    </Space>
  );
}

export function FlagTags({ flags }: { flags: IncidentFlag[] }) {
  if (!flags.length) return null;
  return (
    <Space size={4} wrap>
      {flags.map((f) => (
        <Tooltip key={f} title={FLAGS[f]?.hint}>
          <Tag color="magenta">{FLAGS[f]?.label ?? f}（第十五条）</Tag>
        </Tooltip>
      ))}
    </Space>
  );
}

/** To the minute: the list has no room for seconds (the detail shows them). */
const minutes = (at: string) => formatTime(at).slice(0, 16);

const sourceText = (i: IncidentItem) => `${SOURCE_KINDS[i.source.kind] ?? i.source.kind} · ${i.source.name}`;

function Due({ i }: { i: IncidentItem }) {
  if (!i.dueAt) return <Typography.Text type="secondary">—</Typography.Text>;
  return <Typography.Text type={i.overdue ? 'danger' : undefined} strong={i.overdue}>{minutes(i.dueAt)}</Typography.Text>;
}

/** Incidents of one status: a table on a desk, cards on a phone. The child is only ever masked. */
export function IncidentList({ items, total, loading, page, pageSize, onPage, empty }: {
  items: IncidentItem[]; total: number; loading: boolean; page: number; pageSize: number; onPage: (p: number) => void; empty: string;
}) {
  const mobile = useIsMobile();
  const pagination = { current: page, pageSize, total, onChange: onPage, hideOnSinglePage: true, showSizeChanger: false, showTotal: (n: number) => `共 ${n} 件` };
  const open = (i: IncidentItem) => <Link to={`/incidents/${encodeURIComponent(i.id)}`} aria-label={`查看：${maskedName(i)}，${sourceText(i)}`}>查看</Link>;
  const emptyNode = <Empty description={empty} />;

  if (mobile) {
    return (
      <List loading={loading} dataSource={items} locale={{ emptyText: emptyNode }}
        pagination={total > pageSize ? { ...pagination, size: 'small', align: 'center' } : false}
        renderItem={(i) => (
          <List.Item data-incident={i.id} style={{ display: 'block', padding: 12, background: i.overdue ? OVERDUE_BG : undefined }}>
            <Space orientation="vertical" size={4} style={{ width: '100%' }}>
              <StatusTag i={i} />
              <Typography.Text strong>{maskedName(i)}</Typography.Text>
              <span>{i.child.ownerOrgName}</span>
              <Typography.Text style={{ overflowWrap: 'anywhere' }}>{sourceText(i)}</Typography.Text>
              <FlagTags flags={i.flags} />
              <Typography.Text type="secondary">发现于 {formatTime(i.detectedAt)}</Typography.Text>
              {i.dueAt && <span>处置期限：<Due i={i} /></span>}
              {open(i)}
            </Space>
          </List.Item>
        )} />
    );
  }

  const columns: TableColumnsType<IncidentItem> = [
    {
      title: '儿童与所属机构', key: 'child', render: (_, i) => (
        <Space orientation="vertical" size={0}><Typography.Text strong>{maskedName(i)}</Typography.Text><Typography.Text type="secondary">{i.child.ownerOrgName}</Typography.Text></Space>
      ),
    },
    { title: '来源', key: 'source', render: (_, i) => sourceText(i) },
    { title: '标记', key: 'flags', render: (_, i) => (i.flags.length ? <FlagTags flags={i.flags} /> : '—') },
    { title: '状态', key: 'status', render: (_, i) => <StatusTag i={i} /> },
    { title: '发现时间', dataIndex: 'detectedAt', render: (v: string) => minutes(v) },
    { title: '处置期限', key: 'due', render: (_, i) => <Due i={i} /> },
    { title: '操作', key: 'op', width: 72, render: (_, i) => open(i) },
  ];
  return (
    <Table<IncidentItem> rowKey="id" columns={columns} dataSource={items} loading={loading} scroll={{ x: 'max-content' }}
      locale={{ emptyText: emptyNode }} pagination={pagination}
      onRow={(i) => ({ 'data-incident': i.id, style: i.overdue ? { background: OVERDUE_BG } : {} }) as React.HTMLAttributes<HTMLElement>} />
  );
}
