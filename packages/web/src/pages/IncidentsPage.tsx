import { useState } from 'react';
import { useSearchParams } from 'react-router-dom';
import { Button, Card, Checkbox, Space, Tabs } from 'antd';
import { ImportOutlined } from '@ant-design/icons';
import { incidentsApi, type IncidentStatus } from '../api/incidents.ts';
import { useLoader } from '../hooks/useLoader.ts';
import { useSession } from '../hooks/useSession.tsx';
import { PageHeader } from '../components/PageHeader.tsx';
import { LoadError } from '../components/ProblemAlert.tsx';
import { IncidentList } from '../components/incidents/IncidentList.tsx';
import { ImportHitsDrawer } from '../components/incidents/ImportHitsDrawer.tsx';
import { STATUS } from '../components/incidents/labels.ts';

const PAGE_SIZE = 20;
const TABS: IncidentStatus[] = ['open', 'notified', 'closed'];
const EMPTY: Record<IncidentStatus, string> = {
  open: '没有待处理的泄露事件',
  notified: '没有已发通知、等待整改的事件',
  closed: '没有已结案的事件',
};

/**
 * 泄露事件 (第五条): posts found disclosing a registered child. The cyberspace office that
 * screened imports the hits; the child's owning org sees its children's incidents. The status is
 * kept in the address so the back button returns to the same tab.
 */
export default function IncidentsPage() {
  const { can } = useSession();
  const [params, setParams] = useSearchParams();
  const wanted = params.get('status') as IncidentStatus | null;
  const status: IncidentStatus = wanted && TABS.includes(wanted) ? wanted : 'open';
  const [importing, setImporting] = useState(false);
  const [reload, setReload] = useState(0);

  return (
    <div style={{ maxWidth: 1280 }}>
      <PageHeader
        title="泄露事件"
        subtitle="网络上披露、泄露在册困境儿童个人信息的帖子：通知所属机构，要求平台或发布者删除、更正，跟进至结案（《困境儿童个人信息保护工作办法》第五条）"
        extra={can('incident.manage') && <Button type="primary" icon={<ImportOutlined />} onClick={() => setImporting(true)}>导入巡查结果</Button>}
      />
      <Tabs
        activeKey={status}
        onChange={(k) => setParams({ status: k }, { replace: true })}
        items={TABS.map((k) => ({ key: k, label: STATUS[k].label, children: <StatusBox status={k} reloadKey={reload} /> }))}
      />
      <ImportHitsDrawer open={importing} onClose={() => setImporting(false)} onImported={() => setReload((n) => n + 1)} />
    </div>
  );
}

function StatusBox({ status, reloadKey }: { status: IncidentStatus; reloadKey: number }) {
  const [overdue, setOverdue] = useState(false);
  const [page, setPage] = useState(1);
  const list = useLoader((signal) => incidentsApi.list({ status, overdue: overdue || undefined, page, pageSize: PAGE_SIZE }, signal),
    [status, overdue, page, reloadKey]);
  return (
    <Card size="small">
      {status !== 'closed' && (
        <Space wrap style={{ marginBottom: 12 }}>
          <Checkbox checked={overdue} onChange={(e) => { setOverdue(e.target.checked); setPage(1); }}>只看已逾期</Checkbox>
        </Space>
      )}
      <LoadError error={list.error} onRetry={list.reload} />
      <IncidentList items={list.data?.items ?? []} total={list.data?.total ?? 0} loading={list.loading}
        page={page} pageSize={PAGE_SIZE} onPage={setPage} empty={overdue ? '没有已逾期的事件' : EMPTY[status]} />
    </Card>
  );
}
