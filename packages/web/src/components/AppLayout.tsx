import { Suspense, useMemo, useState } from 'react';
import { Link, Outlet, useLocation, useNavigate } from 'react-router-dom';
import { Button, Drawer, Flex, Layout, Menu, Popover, Space, Spin, Tag, Typography } from 'antd';
import type { MenuProps } from 'antd';
import {
  ExperimentOutlined, FileProtectOutlined,
  AlertOutlined, AuditOutlined, BankOutlined, DeleteOutlined, HomeOutlined, KeyOutlined, LockOutlined, LogoutOutlined, MenuOutlined,
  ProfileOutlined, ShareAltOutlined, WarningOutlined, TeamOutlined, UserOutlined, UsergroupAddOutlined, CalendarOutlined, UploadOutlined, NotificationOutlined,
} from '@ant-design/icons';
import { useSession } from '../hooks/useSession.tsx';
import { useIsMobile } from '../hooks/useIsMobile.ts';
import { IdleWatcher } from './IdleWatcher.tsx';

const { Header, Sider, Content } = Layout;

interface NavItem {
  path: string;
  label: string;
  icon: React.ReactNode;
  /** Any one of several shows it. */
  permission?: string | readonly string[];
  /** Roles that do not see it. */
  hideForRoles?: string[];
  group?: string;
}

/** Every page of the console, with the permission that shows it in the menu. */
export const NAV: NavItem[] = [
  { path: '/', label: '首页', icon: <HomeOutlined /> },
  { path: '/children', label: '儿童名册', icon: <TeamOutlined />, permission: 'child.read' },
  { path: '/children/import', label: '导入名册', icon: <UploadOutlined />, permission: 'child.import' },
  { path: '/ledger', label: '处理台账', icon: <AuditOutlined />, permission: 'ledger.read' },
  { path: '/policy-check', label: '合法性判定演练', icon: <ExperimentOutlined />, hideForRoles: ['admin'] },
  { path: '/redact', label: '技术处理', icon: <FileProtectOutlined /> },
  { path: '/publications', label: '发布审核', icon: <NotificationOutlined />, permission: ['publication.submit', 'publication.review'] },
  { path: '/turning-14', label: '即将满十四周岁', icon: <CalendarOutlined />, permission: 'child.read', group: '依法处理' },
  { path: '/deletion-tasks', label: '待删除', icon: <DeleteOutlined />, permission: 'child.read', group: '依法处理' },
  { path: '/sharing', label: '数据共享', icon: <ShareAltOutlined />, permission: 'sharing.request', group: '依法处理' },
  { path: '/incidents', label: '泄露事件', icon: <WarningOutlined />, permission: ['incident.manage', 'child.read'], group: '依法处理' },
  { path: '/emergency', label: '紧急查阅', icon: <AlertOutlined />, permission: 'child.read', group: '依法处理' },
  { path: '/purposes', label: '处理目的目录', icon: <ProfileOutlined />, hideForRoles: ['admin'], group: '依法处理' },
  { path: '/admin/orgs', label: '机构管理', icon: <BankOutlined />, permission: 'org.manage', group: '系统管理' },
  { path: '/admin/users', label: '用户管理', icon: <UsergroupAddOutlined />, permission: 'user.manage', group: '系统管理' },
  { path: '/admin/keys', label: '密钥管理', icon: <LockOutlined />, permission: 'org.manage', group: '系统管理' },
  { path: '/account/tokens', label: 'API 令牌', icon: <KeyOutlined />, group: '我的账户' },
  { path: '/account/password', label: '修改密码', icon: <LockOutlined />, group: '我的账户' },
];

function selectedKey(pathname: string): string {
  const hit = NAV.filter((n) => n.path !== '/' && (pathname === n.path || pathname.startsWith(n.path + '/')));
  return hit.sort((a, b) => b.path.length - a.path.length)[0]?.path ?? '/';
}

export function AppLayout() {
  const { me, can, logout } = useSession();
  const mobile = useIsMobile();
  const [drawer, setDrawer] = useState(false);
  const [collapsed, setCollapsed] = useState(false);
  const location = useLocation();
  const navigate = useNavigate();

  const items = useMemo<MenuProps['items']>(() => {
    const visible = NAV.filter((n) => (!n.permission || [n.permission].flat().some(can)) && !n.hideForRoles?.includes(me?.user.role ?? ''));
    const out: NonNullable<MenuProps['items']> = [];
    const groups = new Map<string, NavItem[]>();
    for (const n of visible) {
      if (!n.group) out.push({ key: n.path, icon: n.icon, label: n.label });
      else groups.set(n.group, [...(groups.get(n.group) ?? []), n]);
    }
    for (const [g, ns] of groups) {
      out.push({ type: 'group', key: g, label: g, children: ns.map((n) => ({ key: n.path, icon: n.icon, label: n.label })) });
    }
    return out;
  }, [can, me]);

  if (!me) return null;
  const key = selectedKey(location.pathname);
  const menu = (
    <Menu
      theme="dark"
      mode="inline"
      selectedKeys={[key]}
      items={items}
      onClick={({ key: k }) => { setDrawer(false); navigate(k); }}
      aria-label="主菜单"
      style={{ borderInlineEnd: 0 }}
    />
  );

  const account = (
    <Space orientation="vertical" size={4} style={{ minWidth: 200 }}>
      <Typography.Text strong>{me.user.displayName}</Typography.Text>
      <span><Tag color="blue">{me.user.roleLabel}</Tag></span>
      {me.org && <Typography.Text type="secondary">{me.org.name}</Typography.Text>}
      <Typography.Text type="secondary">用户名：{me.user.username}</Typography.Text>
      <Button block icon={<LogoutOutlined />} onClick={() => void logout()} style={{ marginTop: 8 }}>退出登录</Button>
    </Space>
  );

  const brand = (
    <Link to="/" style={{ color: 'inherit', display: 'flex', alignItems: 'center', gap: 8, minWidth: 0, lineHeight: 1 }} aria-label="护童首页">
      <span aria-hidden style={{ display: 'inline-grid', placeItems: 'center', width: 28, height: 28, borderRadius: 6, background: '#1677ff', color: '#fff', fontWeight: 700, flex: 'none' }}>护</span>
      <span style={{ fontWeight: 600, fontSize: 16, whiteSpace: 'nowrap' }}>护童</span>
    </Link>
  );

  return (
    <Layout style={{ minHeight: '100vh' }}>
      <a href="#main" className="skip-link">跳到主要内容</a>
      {!mobile && (
        <Sider
          collapsible
          collapsed={collapsed}
          onCollapse={setCollapsed}
          breakpoint="lg"
          width={216}
          style={{ position: 'sticky', top: 0, height: '100vh', overflow: 'auto' }}
          // antd's own trigger is a bare div that Tab never reaches (WCAG 2.1.1): a real button, whose click the div receives.
          trigger={<button type="button" className="sider-trigger" aria-expanded={!collapsed} aria-label={collapsed ? '展开菜单' : '收起菜单'}><span aria-hidden>{collapsed ? '›' : '‹'}</span></button>}
        >
          <div style={{ height: 56, display: 'flex', alignItems: 'center', padding: collapsed ? '0 18px' : '0 20px', color: '#fff' }}>
            {collapsed ? <span role="img" aria-label="护童" style={{ fontWeight: 700 }}>护</span> : brand}
          </div>
          <nav aria-label="主导航">{menu}</nav>
        </Sider>
      )}
      {mobile && (
        <Drawer
          open={drawer}
          onClose={() => setDrawer(false)}
          placement="left"
          size={240}
          title="护童 · 菜单"
          styles={{ body: { padding: 0, background: '#001529' } }}
        >
          <nav aria-label="主导航">{menu}</nav>
        </Drawer>
      )}
      <Layout>
        <Header
          style={{
            position: 'sticky', top: 0, zIndex: 10, background: '#fff', padding: mobile ? '0 8px' : '0 24px',
            borderBottom: '1px solid #f0f0f0', height: 56, lineHeight: '56px',
          }}
        >
          <Flex align="center" justify="space-between" gap={8} style={{ height: '100%' }}>
            <Flex align="center" gap={8} style={{ minWidth: 0 }}>
              {mobile && <Button type="text" icon={<MenuOutlined />} aria-label="打开菜单" onClick={() => setDrawer(true)} />}
              {mobile ? brand : <Typography.Text strong style={{ fontSize: 15 }}>困境儿童个人信息保护平台</Typography.Text>}
            </Flex>
            {mobile ? (
              <Popover content={account} trigger="click" placement="bottomRight">
                <Button type="text" icon={<UserOutlined />} aria-label={`账户：${me.user.displayName}`}>
                  <span style={{ maxWidth: 96, overflow: 'hidden', textOverflow: 'ellipsis', whiteSpace: 'nowrap' }}>{me.user.displayName}</span>
                </Button>
              </Popover>
            ) : (
              <Flex align="center" gap={12} style={{ minWidth: 0 }}>
                <UserOutlined aria-hidden />
                <Typography.Text strong>{me.user.displayName}</Typography.Text>
                <Tag color="blue" style={{ marginInlineEnd: 0 }}>{me.user.roleLabel}</Tag>
                {me.org && <Typography.Text type="secondary" ellipsis style={{ maxWidth: 260 }}>{me.org.name}</Typography.Text>}
                <Button icon={<LogoutOutlined />} onClick={() => void logout()}>退出</Button>
              </Flex>
            )}
          </Flex>
        </Header>
        <Content id="main" tabIndex={-1} style={{ padding: mobile ? 12 : 24, outline: 'none' }}>
          <Suspense fallback={<div style={{ padding: 48, textAlign: 'center' }}><Spin tip="加载中…" /></div>}>
            <Outlet />
          </Suspense>
        </Content>
      </Layout>
      <IdleWatcher />
    </Layout>
  );
}
