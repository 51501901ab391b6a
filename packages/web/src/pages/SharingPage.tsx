import { useState } from 'react';
import { Button, Card, Empty, List, Select, Space, Table, Tabs, Tag, Typography } from 'antd';
import type { TableColumnsType } from 'antd';
import { PlusOutlined } from '@ant-design/icons';
import { sharingApi, type Agreement, type AgreementStatus, type Grant } from '../api/sharing.ts';
import { fieldLabel } from '../api/labels.ts';
import { purposeLabel } from '../api/purposes.ts';
import { useLoader } from '../hooks/useLoader.ts';
import { useIsMobile } from '../hooks/useIsMobile.ts';
import { useSession } from '../hooks/useSession.tsx';
import { PageHeader } from '../components/PageHeader.tsx';
import { LoadError } from '../components/ProblemAlert.tsx';
import { AgreementList, STATUS_OPTIONS } from '../components/sharing/AgreementList.tsx';
import { AgreementDrawer } from '../components/sharing/AgreementDrawer.tsx';
import { RequestDrawer } from '../components/sharing/RequestDrawer.tsx';
import { GrantChildren } from '../components/sharing/GrantChildren.tsx';

type Box = 'outgoing' | 'incoming';

export default function SharingPage() {
  const { can } = useSession();
  const [tab, setTab] = useState<string>('outgoing');
  const [requesting, setRequesting] = useState(false);
  const [reloadOutgoing, setReloadOutgoing] = useState(0);
  const approver = can('sharing.approve');
  return (
    <>
      <PageHeader title="数据共享" subtitle="机构之间提供儿童信息，须经提供方评估批准，只在约定的目的、范围和期限内使用。"
        extra={can('sharing.request') && <Button type="primary" icon={<PlusOutlined />} onClick={() => setRequesting(true)}>申请数据共享</Button>} />
      <Tabs activeKey={tab} onChange={setTab} items={[
        { key: 'outgoing', label: '我方申请', children: <AgreementBox box="outgoing" approver={approver} reloadKey={reloadOutgoing} /> },
        ...(approver ? [{ key: 'incoming', label: '待我方审批', children: <AgreementBox box="incoming" approver={approver} reloadKey={0} /> }] : []),
        ...(can('child.read') ? [{ key: 'grants', label: '可用授权', children: <Grants /> }] : []),
      ]} />
      <RequestDrawer open={requesting} onClose={() => setRequesting(false)}
        onSaved={() => { setRequesting(false); setTab('outgoing'); setReloadOutgoing((n) => n + 1); }} />
    </>
  );
}

function AgreementBox({ box, approver, reloadKey }: { box: Box; approver: boolean; reloadKey: number }) {
  const { can } = useSession();
  const [status, setStatus] = useState<AgreementStatus | undefined>(box === 'incoming' ? 'requested' : undefined);
  const list = useLoader((signal) => sharingApi.list(box, status, signal), [box, status, reloadKey]);
  const [open, setOpen] = useState<Agreement | null>(null);
  return (
    <Card size="small">
      <Space wrap style={{ marginBottom: 12 }}>
        <span>状态</span>
        <Select aria-label="按状态筛选" allowClear placeholder="全部" value={status} onChange={setStatus} options={STATUS_OPTIONS} style={{ width: 140 }} />
      </Space>
      <LoadError error={list.error} onRetry={list.reload} />
      <AgreementList items={list.data ?? []} loading={list.loading} box={box} onOpen={setOpen} />
      <AgreementDrawer a={open} box={box} canApprove={approver} canRequest={can('sharing.request')} onClose={() => setOpen(null)} onChanged={() => { setOpen(null); list.reload(); }} />
    </Card>
  );
}

function Grants() {
  const list = useLoader((signal) => sharingApi.grants(signal), []);
  const mobile = useIsMobile();
  const [open, setOpen] = useState<Grant | null>(null);
  const items = list.data ?? [];
  const purpose = (g: Grant) => g.purposeLabel ?? purposeLabel(g.purpose);
  const fields = (g: Grant) => g.fields.map((f) => <Tag key={f} style={{ marginBottom: 4 }}>{fieldLabel(f)}</Tag>);
  const view = (g: Grant) => <Button size="small" onClick={() => setOpen(g)}>查看儿童</Button>;
  const empty = <Empty description="本机构目前没有可用的授权" />;
  const columns: TableColumnsType<Grant> = [
    { title: '提供方', key: 'owner', render: (_, g) => <strong>{g.ownerOrg.name}</strong> },
    { title: '处理目的', key: 'purpose', render: (_, g) => purpose(g) },
    { title: '信息项', key: 'fields', render: (_, g) => fields(g) },
    { title: '授权至', dataIndex: 'endsOn' },
    { title: '儿童', dataIndex: 'childCount', render: (n: number) => `${n} 名` },
    { title: '操作', key: 'op', width: 100, render: (_, g) => view(g) },
  ];
  return (
    <Card size="small">
      <Typography.Paragraph type="secondary">已批准且在有效期内的共享。查看时只显示对方批准提供的信息，每次查看都记入处理台账。</Typography.Paragraph>
      <LoadError error={list.error} onRetry={list.reload} />
      {mobile ? (
        <List loading={list.loading} dataSource={items} locale={{ emptyText: empty }} renderItem={(g) => (
          <List.Item style={{ display: 'block' }}>
            <Space orientation="vertical" size={4} style={{ width: '100%' }}>
              <strong>{g.ownerOrg.name}</strong>
              <span>{purpose(g)} · {g.childCount} 名 · 授权至 {g.endsOn}</span>
              <div>{fields(g)}</div>
              {view(g)}
            </Space>
          </List.Item>
        )} />
      ) : (
        <Table<Grant> rowKey="agreementId" columns={columns} dataSource={items} loading={list.loading} scroll={{ x: 'max-content' }}
          locale={{ emptyText: empty }} pagination={{ pageSize: 20, hideOnSinglePage: true }} />
      )}
      <GrantChildren grant={open} onClose={() => setOpen(null)} />
    </Card>
  );
}
