import { Flex, Skeleton, Typography } from 'antd';
import { useMe, useSession } from '../hooks/useSession.tsx';
import { useLoader } from '../hooks/useLoader.ts';
import { useRegionName } from '../hooks/useRegionName.ts';
import { dashboardApi } from '../api/dashboard.ts';
import { LoadError } from '../components/ProblemAlert.tsx';
import { TodoCards } from '../components/home/TodoCards.tsx';
import { FiguresSection } from '../components/home/FiguresSection.tsx';
import { AccountAndShortcuts } from '../components/home/AccountAndShortcuts.tsx';
import { RecentActivity } from '../components/home/RecentActivity.tsx';

/** What needs me now first, then figures for my jurisdiction, then the way to everything else. */
export default function HomePage() {
  const me = useMe();
  const { can } = useSession();
  const jurisdiction = useRegionName(me.user.jurisdiction ?? me.org?.regionCode) ?? null;
  const board = useLoader((signal) => dashboardApi.get(signal), []);
  return (
    <Flex vertical gap={24}>
      <Typography.Title level={1} style={{ margin: 0, fontSize: 24, lineHeight: 1.33 }}>您好，{me.user.displayName}</Typography.Title>
      <LoadError error={board.error} onRetry={board.reload} />
      {board.loading && !board.data ? <Skeleton active paragraph={{ rows: 6 }} /> : board.data && (
        <>
          <TodoCards todo={board.data.todo} />
          {board.data.figures && <FiguresSection figures={board.data.figures} jurisdiction={jurisdiction} />}
        </>
      )}
      <AccountAndShortcuts jurisdiction={jurisdiction} />
      {can('ledger.read') && <RecentActivity />}
    </Flex>
  );
}
