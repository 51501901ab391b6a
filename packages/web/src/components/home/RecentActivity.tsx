import { lazy, Suspense, useMemo } from 'react';
import { Card, Skeleton, Typography } from 'antd';
import { useLoader } from '../../hooks/useLoader.ts';
import { ledgerApi } from '../../api/endpoints.ts';
import { actLabel } from '../../api/labels.ts';
import { LoadError } from '../ProblemAlert.tsx';

const ActivityChart = lazy(() => import('../ActivityChart.tsx'));

/** For ledger readers (protection officers, auditors): what has been done lately, by kind. */
export function RecentActivity() {
  const recent = useLoader((signal) => ledgerApi.list({ page: 1, pageSize: 200 }, signal), []);
  const data = useMemo(() => {
    const counts = new Map<string, number>();
    for (const e of recent.data?.items ?? []) {
      const label = e.actLabel ?? actLabel(e.act);
      counts.set(label, (counts.get(label) ?? 0) + 1);
    }
    return [...counts].map(([label, count]) => ({ label, count })).sort((a, b) => b.count - a.count).slice(0, 10);
  }, [recent.data]);
  return (
    <Card title="近期处理活动（最近 200 条台账）" size="small">
      <LoadError error={recent.error} onRetry={recent.reload} />
      {recent.loading && !recent.data ? <Skeleton active /> : data.length ? (
        <Suspense fallback={<Skeleton active />}>
          <ActivityChart data={data} ariaLabel="近期处理活动按行为统计" height={Math.max(160, data.length * 32)} />
        </Suspense>
      ) : <Typography.Text type="secondary">暂无记录</Typography.Text>}
    </Card>
  );
}
