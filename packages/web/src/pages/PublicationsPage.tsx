import { useState } from 'react';
import { useNavigate, useSearchParams } from 'react-router-dom';
import { Button, Card, Select, Space, Tabs } from 'antd';
import { PlusOutlined } from '@ant-design/icons';
import { publicationsApi, type PublicationStatus } from '../api/publications.ts';
import { useLoader } from '../hooks/useLoader.ts';
import { useSession } from '../hooks/useSession.tsx';
import { PageHeader } from '../components/PageHeader.tsx';
import { LoadError } from '../components/ProblemAlert.tsx';
import { PublicationList } from '../components/publication/PublicationList.tsx';
import { STATUS_OPTIONS } from '../components/publication/labels.ts';

type Box = 'mine' | 'review';
const PAGE_SIZE = 20;

/**
 * 发布审核: publicity staff, schools, courts and civil affairs submit what they will publish about
 * children; reviewers of the jurisdiction check it before it goes out (第八、十三、十四、十五条).
 */
export default function PublicationsPage() {
  const { can } = useSession();
  const navigate = useNavigate();
  const [params, setParams] = useSearchParams();
  const submitter = can('publication.submit');
  const reviewer = can('publication.review');
  const tabs: Box[] = [...(submitter ? ['mine' as const] : []), ...(reviewer ? ['review' as const] : [])];
  const wanted = params.get('box') as Box | null;
  const box: Box = wanted && tabs.includes(wanted) ? wanted : tabs[0] ?? 'mine';

  return (
    <div style={{ maxWidth: 1280 }}>
      <PageHeader
        title="发布审核"
        subtitle="涉及困境儿童的通讯、新闻、名单、海报和音视频，发布前经技术处理、核对同意并由审核员批准（《困境儿童个人信息保护工作办法》第八、十三、十四、十五条）"
        extra={submitter && <Button type="primary" icon={<PlusOutlined />} onClick={() => navigate('/publications/new')}>提交送审</Button>}
      />
      <Tabs
        activeKey={box}
        onChange={(k) => setParams({ box: k }, { replace: true })}
        items={tabs.map((k) => ({ key: k, label: k === 'mine' ? '我的提交' : '待我审核', children: <Box box={k} /> }))}
      />
    </div>
  );
}

function Box({ box }: { box: Box }) {
  const [status, setStatus] = useState<PublicationStatus | undefined>(box === 'review' ? 'in_review' : undefined);
  const [page, setPage] = useState(1);
  const list = useLoader((signal) => publicationsApi.list({ box, status, page, pageSize: PAGE_SIZE }, signal), [box, status, page]);
  return (
    <Card size="small">
      <Space wrap style={{ marginBottom: 12 }}>
        <label htmlFor={`status-${box}`}>状态</label>
        <Select id={`status-${box}`} aria-label="按状态筛选" allowClear placeholder="全部" value={status}
          onChange={(v) => { setStatus(v); setPage(1); }} options={STATUS_OPTIONS} style={{ width: 140 }} />
      </Space>
      <LoadError error={list.error} onRetry={list.reload} />
      <PublicationList box={box} items={list.data?.items ?? []} total={list.data?.total ?? 0} loading={list.loading}
        page={page} pageSize={PAGE_SIZE} onPage={setPage} />
    </Card>
  );
}
