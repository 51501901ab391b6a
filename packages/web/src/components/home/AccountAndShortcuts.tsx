import { Link } from 'react-router-dom';
import { Alert, Card, Col, Descriptions, Row } from 'antd';
import { AuditOutlined, BankOutlined, KeyOutlined, TeamOutlined, UsergroupAddOutlined } from '@ant-design/icons';
import { useMe, useSession } from '../../hooks/useSession.tsx';

interface Shortcut { to: string; title: string; text: string; icon: React.ReactNode; permission?: string }

const SHORTCUTS: Shortcut[] = [
  { to: '/children', title: '儿童名册', text: '查询辖区内儿童，登记走访', icon: <TeamOutlined />, permission: 'child.read' },
  { to: '/ledger', title: '处理台账', text: '查阅与校验个人信息处理记录', icon: <AuditOutlined />, permission: 'ledger.read' },
  { to: '/admin/orgs', title: '机构管理', text: '维护机构及其所在区划', icon: <BankOutlined />, permission: 'org.manage' },
  { to: '/admin/users', title: '用户管理', text: '开设账户、解锁、重置密码', icon: <UsergroupAddOutlined />, permission: 'user.manage' },
  { to: '/account/tokens', title: 'API 令牌', text: '为对接系统创建访问令牌', icon: <KeyOutlined /> },
];

export function AccountAndShortcuts({ jurisdiction }: { jurisdiction: string | null }) {
  const me = useMe();
  const { can } = useSession();
  const shortcuts = SHORTCUTS.filter((s) => !s.permission || can(s.permission));
  return (
    <Row gutter={[16, 16]}>
      <Col xs={24} lg={10}>
        <Card title="当前账户" size="small" style={{ height: '100%' }}>
          <Descriptions column={1} size="small" items={[
            { key: 'role', label: '角色', children: me.user.roleLabel },
            { key: 'org', label: '所在机构', children: me.org ? `${me.org.name}（${me.org.typeLabel}）` : '—' },
            { key: 'jur', label: '管辖区划', children: jurisdiction ?? '—' },
            { key: 'user', label: '用户名', children: me.user.username },
          ]} />
        </Card>
      </Col>
      <Col xs={24} lg={14}>
        <Alert
          type="info"
          showIcon
          title="依法处理儿童个人信息"
          description="按照民发〔2024〕67号，处理困境儿童个人信息须遵循合法、正当、必要和诚信原则；名册默认脱敏显示，查看完整信息须说明目的，全部处理活动记入台账。"
          style={{ height: '100%' }}
        />
      </Col>
      {shortcuts.map((s) => (
        <Col xs={24} sm={12} lg={8} key={s.to}>
          <Link to={s.to} style={{ display: 'block' }}>
            <Card hoverable size="small">
              <Card.Meta avatar={<span style={{ fontSize: 24, color: '#1668dc' }} aria-hidden>{s.icon}</span>} title={s.title} description={s.text} />
            </Card>
          </Link>
        </Col>
      ))}
    </Row>
  );
}
