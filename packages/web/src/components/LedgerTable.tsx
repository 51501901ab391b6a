import { Card, Empty, List, Pagination, Space, Table, Tag, Typography } from 'antd';
import type { TableColumnsType } from 'antd';
import dayjs from 'dayjs';
import type { LedgerEntry } from '../api/types.ts';
import { actLabel, GOOD_OUTCOMES, OUTCOME_LABELS, reasonText } from '../api/labels.ts';
import { purposeLabel } from '../api/purposes.ts';
import { useIsMobile } from '../hooks/useIsMobile.ts';

export function formatTime(at: string | null | undefined): string {
  if (!at) return '';
  const d = dayjs(at);
  return d.isValid() ? d.format('YYYY-MM-DD HH:mm:ss') : at;
}

export function OutcomeTag({ outcome }: { outcome: string }) {
  const label = OUTCOME_LABELS[outcome] ?? outcome;
  return <Tag color={GOOD_OUTCOMES.has(outcome) ? 'green' : 'red'}>{label}</Tag>;
}

/** A stable key for an entry, numbered or not yet. */
export function entryKey(e: LedgerEntry): string {
  return e.seq !== null && e.seq !== undefined ? `#${e.seq}` : `${e.at}|${e.act}|${e.actorUserId ?? ''}|${e.requestId ?? ''}`;
}

export function seqText(e: LedgerEntry): string {
  return e.seq !== null && e.seq !== undefined ? String(e.seq) : '待编号';
}

export interface LedgerTableProps {
  entries: LedgerEntry[];
  loading?: boolean;
  total?: number;
  page?: number;
  pageSize?: number;
  onPage?: (page: number, pageSize: number) => void;
  onOpen?: (e: LedgerEntry) => void;
  selected?: LedgerEntry | null;
  /** Org names by id, for entries that carry only the id. */
  orgNames?: ReadonlyMap<string, string>;
  /** Hide the child column (a child's own history). */
  hideChild?: boolean;
  onFilterActor?: (actorUserId: string) => void;
  onFilterChild?: (childId: string) => void;
}

/** 处理台账 entries: a table on a desk, cards on a phone. */
export function LedgerTable(props: LedgerTableProps) {
  const { entries, loading, total, page = 1, pageSize = 20, onPage, onOpen, selected, hideChild, onFilterActor, onFilterChild, orgNames } = props;
  const selectedKey = selected ? entryKey(selected) : null;
  const orgText = (e: LedgerEntry) =>
    e.actorOrgName ?? (e.actorOrgId ? orgNames?.get(e.actorOrgId) : undefined) ?? e.accountableOrgName ?? e.actorOrgId ?? '—';
  const mobile = useIsMobile();
  const paginated = onPage && total !== undefined;

  const linkish = (text: string, onClick: () => void, label: string) => (
    <Typography.Link onClick={(e) => { e.stopPropagation(); onClick(); }} aria-label={label}>{text}</Typography.Link>
  );

  const actor = (e: LedgerEntry) => {
    const name = e.actorName ?? e.actorUserId ?? '系统';
    return onFilterActor && e.actorUserId ? linkish(name, () => onFilterActor(e.actorUserId!), `只看 ${name} 的记录`) : name;
  };
  const children = (e: LedgerEntry) => {
    const ids = e.childIds ?? [];
    if (!ids.length) return <Typography.Text type="secondary">—</Typography.Text>;
    return (
      <Space size={[4, 4]} wrap>
        {ids.slice(0, 3).map((id) => (
          <Tag key={id} style={{ marginInlineEnd: 0 }}>
            {onFilterChild ? linkish(id.slice(0, 8), () => onFilterChild(id), `只看儿童 ${id} 的记录`) : id.slice(0, 8)}
          </Tag>
        ))}
        {ids.length > 3 && <Typography.Text type="secondary">等 {ids.length} 名</Typography.Text>}
      </Space>
    );
  };

  if (mobile) {
    return (
      <>
        <List
          loading={loading}
          dataSource={entries}
          locale={{ emptyText: <Empty description="暂无记录" /> }}
          renderItem={(e) => (
            <List.Item style={{ padding: '6px 0', border: 0 }}>
              <Card
                size="small"
                style={{ width: '100%', borderColor: selectedKey === entryKey(e) ? '#1677ff' : undefined }}
                hoverable={!!onOpen}
                onClick={onOpen ? () => onOpen(e) : undefined}
                onKeyDown={onOpen ? (ev) => { if (ev.key === 'Enter') onOpen(e); } : undefined}
                tabIndex={onOpen ? 0 : undefined}
                role={onOpen ? 'button' : undefined}
                aria-label={onOpen ? `台账第 ${seqText(e)} 条` : undefined}
                title={<Space size={6}><Tag color="blue">{e.actLabel ?? actLabel(e.act)}</Tag><OutcomeTag outcome={e.outcome} /></Space>}
                extra={<Typography.Text type="secondary">#{seqText(e)}</Typography.Text>}
              >
                <div style={{ display: 'grid', gridTemplateColumns: '4.5em 1fr', rowGap: 4 }}>
                  <Typography.Text type="secondary">时间</Typography.Text><span>{formatTime(e.at)}</span>
                  <Typography.Text type="secondary">操作人</Typography.Text><span>{actor(e)}</span>
                  {e.purpose && <><Typography.Text type="secondary">目的</Typography.Text><span>{purposeLabel(e.purpose)}</span></>}
                  {!hideChild && <><Typography.Text type="secondary">儿童</Typography.Text><span>{children(e)}</span></>}
                  {e.reason && <><Typography.Text type="secondary">说明</Typography.Text><span style={{ wordBreak: 'break-all' }}>{reasonText(e.reason)}</span></>}
                </div>
              </Card>
            </List.Item>
          )}
        />
        {paginated && total > pageSize && (
          <Pagination simple current={page} pageSize={pageSize} total={total} onChange={onPage} style={{ marginTop: 8, textAlign: 'center' }} />
        )}
      </>
    );
  }

  const columns: TableColumnsType<LedgerEntry> = [
    { title: '序号', dataIndex: 'seq', width: 64, render: (_: unknown, e) => seqText(e) },
    { title: '时间', dataIndex: 'at', width: 160, render: (v: string) => formatTime(v) },
    { title: '行为', dataIndex: 'act', width: 100, render: (_: string, e) => <Tag color="blue">{e.actLabel ?? actLabel(e.act)}</Tag> },
    { title: '操作人', key: 'actor', width: 100, ellipsis: true, render: (_, e) => actor(e) },
    { title: '机构', key: 'org', width: 130, ellipsis: true, render: (_, e) => orgText(e) },
    ...(hideChild ? [] : [{ title: '儿童', key: 'children', width: 130, render: (_: unknown, e: LedgerEntry) => children(e) }]),
    { title: '处理目的', dataIndex: 'purpose', width: 110, render: (v: string | null) => purposeLabel(v) || '—' },
    { title: '结果', dataIndex: 'outcome', width: 70, render: (v: string) => <OutcomeTag outcome={v} /> },
    { title: '说明', dataIndex: 'reason', width: 160, ellipsis: true, render: (v: string | null) => reasonText(v) },
  ];

  return (
    <Table<LedgerEntry>
      rowKey={entryKey}
      size="middle"
      columns={columns}
      dataSource={entries}
      loading={loading}
      scroll={{ x: 1024 }}
      locale={{ emptyText: <Empty description="暂无记录" /> }}
      rowClassName={(e) => (entryKey(e) === selectedKey ? 'ant-table-row-selected' : '')}
      onRow={onOpen ? (e) => ({
        onClick: () => onOpen(e),
        onKeyDown: (ev) => { if (ev.key === 'Enter') onOpen(e); },
        tabIndex: 0,
        style: { cursor: 'pointer' },
        'aria-label': `台账第 ${seqText(e)} 条，按回车查看详情`,
      }) : undefined}
      pagination={paginated ? {
        current: page, pageSize, total, onChange: onPage, showSizeChanger: true, showTotal: (t) => `共 ${t} 条`,
      } : false}
    />
  );
}
