import { useState } from 'react';
import { Link } from 'react-router-dom';
import { Alert, Card, Empty, List, Select, Space, Table, Tag, Typography } from 'antd';
import type { TableColumnsType } from 'antd';
import { tasksApi, type TurningFourteen } from '../api/tasks.ts';
import { useLoader } from '../hooks/useLoader.ts';
import { useIsMobile } from '../hooks/useIsMobile.ts';
import { PageHeader } from '../components/PageHeader.tsx';
import { LoadError } from '../components/ProblemAlert.tsx';
import { ChildLink } from '../components/ChildLink.tsx';

const WINDOWS = [30, 60, 90, 180].map((d) => ({ value: d, label: `${d} 天内` }));
const TODO = '征得儿童本人同意，并告知监护人';

function DaysLeft({ days }: { days: number }) {
  return <Tag color={days <= 7 ? 'red' : days <= 30 ? 'orange' : 'blue'}>还有 {days} 天</Tag>;
}

const purposeTags = (t: TurningFourteen) => t.purposes.map((p) => <Tag key={p.code} color="blue">{p.label}</Tag>);
const consentLink = (t: TurningFourteen) => <Link to={`/children/${encodeURIComponent(t.childId)}?tab=consents`}>去登记同意</Link>;

export default function TurningFourteenPage() {
  const [within, setWithin] = useState(60);
  const list = useLoader((signal) => tasksApi.turning14(within, signal), [within]);
  const mobile = useIsMobile();
  const items = list.data ?? [];

  const columns: TableColumnsType<TurningFourteen> = [
    { title: '儿童', key: 'child', render: (_, t) => <ChildLink childId={t.childId} name={t.name} place={t.regionName} tab="consents" /> },
    { title: '满十四周岁之日', dataIndex: 'fourteenFrom', render: (v: string, t) => <Space size={4} wrap>{v}<DaysLeft days={t.daysLeft} /></Space> },
    { title: '目前仅有监护人同意的处理目的', key: 'purposes', render: (_, t) => purposeTags(t) },
    { title: '需要做什么', key: 'todo', render: () => TODO },
    { title: '操作', key: 'op', render: (_, t) => <span style={{ whiteSpace: 'nowrap' }}>{consentLink(t)}</span> },
  ];

  return (
    <>
      <PageHeader title="即将满十四周岁" subtitle="这些儿童满十四周岁后，处理其信息要取得本人同意。"
        extra={<Select aria-label="时间范围" value={within} options={WINDOWS} onChange={setWithin} style={{ width: 120 }} />} />
      <Alert type="info" showIcon style={{ marginBottom: 16 }} title="第十二条：年满十四周岁的儿童，应当取得儿童本人同意，并以明确方式告知监护人"
        description={<ul style={{ margin: '4px 0 0', paddingInlineStart: 20 }}>
          <li>以下儿童目前只有监护人的同意。请在满十四周岁之前，当面向儿童讲清楚信息用来做什么，取得其本人同意，并登记对监护人的告知。</li>
          <li>满十四周岁自十四周岁生日的次日起算。</li>
          <li>儿童因身心健康等原因不能表达意愿的，还须征得监护人同意（第十二条第三款）。</li>
        </ul>} />
      <LoadError error={list.error} onRetry={list.reload} />
      <Card size="small">
        {mobile ? (
          <List loading={list.loading} dataSource={items} locale={{ emptyText: <Empty description="没有需要处理的儿童" /> }}
            renderItem={(t) => (
              <List.Item style={{ display: 'block' }}>
                <Space orientation="vertical" size={4} style={{ width: '100%' }}>
                  <Space wrap size={6}><ChildLink childId={t.childId} name={t.name} place={t.regionName} tab="consents" /><DaysLeft days={t.daysLeft} /></Space>
                  <Typography.Text type="secondary">{t.fourteenFrom} 起满十四周岁</Typography.Text>
                  <div>{purposeTags(t)}</div>
                  <div>{TODO}：{consentLink(t)}</div>
                </Space>
              </List.Item>
            )} />
        ) : (
          <Table<TurningFourteen> rowKey="childId" columns={columns} dataSource={items} loading={list.loading} scroll={{ x: 'max-content' }}
            locale={{ emptyText: <Empty description="没有需要处理的儿童" /> }}
            pagination={{ pageSize: 20, hideOnSinglePage: true, showTotal: (n) => `共 ${n} 名` }} />
        )}
      </Card>
    </>
  );
}
