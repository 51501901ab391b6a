import { Button, Empty, List, Space, Table, Tag, Typography } from 'antd';
import type { TableColumnsType } from 'antd';
import type { Agreement } from '../../api/sharing.ts';
import { purposeLabel } from '../../api/purposes.ts';
import { useIsMobile } from '../../hooks/useIsMobile.ts';
import { formatTime } from '../LedgerTable.tsx';

const STATUS: Record<Agreement['status'], { label: string; color: string }> = {
  requested: { label: '待审批', color: 'gold' },
  approved: { label: '已批准', color: 'green' },
  refused: { label: '已拒绝', color: 'red' },
  revoked: { label: '已撤销', color: 'default' },
};

export const STATUS_OPTIONS = Object.entries(STATUS).map(([value, s]) => ({ value, label: s.label }));

export function StatusTag({ a }: { a: Agreement }) {
  if (a.status === 'approved' && a.expired) return <Tag>已到期</Tag>;
  const s = STATUS[a.status];
  return <Tag color={s?.color}>{s?.label ?? a.status}</Tag>;
}

export const agreementPurpose = (a: Agreement) => a.purposeLabel ?? purposeLabel(a.purpose);

export function period(a: Agreement): string {
  const endsOn = a.granted?.endsOn ?? a.endsOn;
  return `${a.startsOn} 至 ${endsOn}`;
}

/** Agreements of one box: the other side's org, what for, how long, where it stands. */
export function AgreementList({ items, loading, box, onOpen }: {
  items: Agreement[]; loading: boolean; box: 'outgoing' | 'incoming'; onOpen: (a: Agreement) => void;
}) {
  const mobile = useIsMobile();
  const other = (a: Agreement) => (box === 'outgoing' ? a.ownerOrg : a.requesterOrg);
  const openText = (a: Agreement) => (box === 'incoming' && a.status === 'requested' ? '审批' : '查看');
  const empty = <Empty description={box === 'outgoing' ? '本机构还没有提出共享申请' : '没有需要本机构审批的申请'} />;

  if (mobile) {
    return (
      <List loading={loading} dataSource={items} locale={{ emptyText: empty }}
        renderItem={(a) => (
          <List.Item style={{ display: 'block' }}>
            <Space orientation="vertical" size={4} style={{ width: '100%' }}>
              <Space wrap size={6}><StatusTag a={a} /><strong>{other(a)?.name}</strong></Space>
              <span>{agreementPurpose(a)} · {a.fields.length} 项信息</span>
              <Typography.Text type="secondary">{period(a)}</Typography.Text>
              <Button size="small" type={openText(a) === '审批' ? 'primary' : 'default'} onClick={() => onOpen(a)}>{openText(a)}</Button>
            </Space>
          </List.Item>
        )} />
    );
  }
  const columns: TableColumnsType<Agreement> = [
    { title: box === 'outgoing' ? '提供方（信息持有机构）' : '申请机构', key: 'org', render: (_, a) => <strong>{other(a)?.name}</strong> },
    { title: '处理目的', key: 'purpose', render: (_, a) => agreementPurpose(a) },
    { title: '信息项', key: 'fields', render: (_, a) => `${(a.granted?.fields ?? a.fields).length} 项` },
    { title: '期间', key: 'period', render: (_, a) => period(a) },
    { title: '状态', key: 'status', render: (_, a) => <StatusTag a={a} /> },
    { title: '申请时间', dataIndex: 'requestedAt', render: (v: string) => formatTime(v) },
    { title: '操作', key: 'op', width: 80, render: (_, a) => <Button type="link" style={{ paddingInline: 0 }} onClick={() => onOpen(a)}>{openText(a)}</Button> },
  ];
  // An agreement's `children` is who it covers, not nested rows of the table.
  return <Table<Agreement> rowKey="id" columns={columns} dataSource={items} loading={loading} scroll={{ x: 'max-content' }}
    expandable={{ childrenColumnName: 'nestedRows' }}
    locale={{ emptyText: empty }} pagination={{ pageSize: 20, hideOnSinglePage: true, showTotal: (n) => `共 ${n} 项` }} />;
}
