import { Link } from 'react-router-dom';
import { Badge, Card, Col, Empty, Row, Typography } from 'antd';
import { AlertOutlined, CalendarOutlined, DeleteOutlined, FieldTimeOutlined, ShareAltOutlined, WarningOutlined } from '@ant-design/icons';
import type { Todo, TodoKind } from '../../api/dashboard.ts';
import { SectionTitle } from '../SectionTitle.tsx';

const KINDS: Record<TodoKind, { title: string; hint: string; to: string; icon: React.ReactNode }> = {
  sharingApprovals: { title: '待审批的数据共享', hint: '其他单位申请使用本单位的儿童信息', to: '/sharing', icon: <ShareAltOutlined /> },
  expiringGrants: { title: '14 天内到期的共享授权', hint: '到期后不能再查阅，应删除已接收的信息', to: '/sharing', icon: <FieldTimeOutlined /> },
  turningFourteen: { title: '60 天内满十四周岁', hint: '满十四周岁后须征得儿童本人同意', to: '/turning-14', icon: <CalendarOutlined /> },
  deletionTasks: { title: '待删除的儿童信息', hint: '处理目的已结束，应依法删除', to: '/deletion-tasks', icon: <DeleteOutlined /> },
  emergencyReviews: { title: '待复核的紧急查阅', hint: '核实紧急查阅是否确有必要', to: '/emergency', icon: <AlertOutlined /> },
  openIncidents: { title: '未结案的泄露事件', hint: '网上披露了在册儿童的信息，应通知删除并跟进（第五条）', to: '/incidents', icon: <WarningOutlined /> },
};

function TodoCard({ todo }: { todo: Todo }) {
  const k = KINDS[todo.kind];
  const more = todo.count - todo.items.length;
  return (
    <Card
      size="small"
      data-testid={`todo-${todo.kind}`}
      title={<span><span aria-hidden style={{ color: '#1668dc', marginInlineEnd: 8 }}>{k.icon}</span>{k.title}</span>}
      extra={<Badge count={todo.count} showZero color={todo.count ? '#fa541c' : '#d9d9d9'} overflowCount={999} aria-label={`${todo.count} 项`} />}
      actions={[<Link key="all" to={k.to}>{todo.count ? `去处理（共 ${todo.count} 项）` : '查看'}</Link>]}
      style={{ height: '100%' }}
    >
      <Typography.Text type="secondary" style={{ display: 'block', marginBottom: 8 }}>{k.hint}</Typography.Text>
      {todo.items.length === 0 ? <Typography.Text type="secondary">暂无</Typography.Text> : (
        <ul style={{ listStyle: 'none', margin: 0, padding: 0 }}>
          {todo.items.map((i) => (
            <li key={i.id} style={{ padding: '4px 0', borderTop: '1px solid #f5f5f5', minWidth: 0 }}>
              <Typography.Text strong>{i.title}</Typography.Text>
              <Typography.Text type="secondary" style={{ display: 'block', fontSize: 13 }}>{i.note}</Typography.Text>
            </li>
          ))}
          {more > 0 && <li style={{ paddingTop: 4 }}><Typography.Text type="secondary">还有 {more} 项</Typography.Text></li>}
        </ul>
      )}
    </Card>
  );
}

/** “What needs me now”: only the lists the person’s role may act on, the ones with work first. */
export function TodoCards({ todo }: { todo: Todo[] }) {
  if (todo.length === 0) return <Card size="small" title="待办"><Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description="您的角色没有需要处理的儿童信息事项" /></Card>;
  return (
    <section aria-label="待办">
      <SectionTitle look={4} style={{ marginTop: 0 }}>待办</SectionTitle>
      <Row gutter={[16, 16]}>
        {[...todo].sort((a, b) => Number(b.count > 0) - Number(a.count > 0)).map((t) => <Col xs={24} md={12} xl={8} key={t.kind}><TodoCard todo={t} /></Col>)}
      </Row>
    </section>
  );
}
