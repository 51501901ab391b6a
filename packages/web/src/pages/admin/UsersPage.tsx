import { useMemo, useRef, useState } from 'react';
import { App, Button, Card, Checkbox, Form, Input, List, Modal, Popconfirm, Select, Space, Table, Tag, Typography } from 'antd';
import dayjs from 'dayjs';
import type { TableColumnsType } from 'antd';
import { PlusOutlined } from '@ant-design/icons';
import { orgsApi, usersApi, type NewUser } from '../../api/endpoints.ts';
import type { User } from '../../api/types.ts';
import { errorMessage } from '../../api/client.ts';
import { ROLES, roleLabel } from '../../api/labels.ts';
import { useLoader } from '../../hooks/useLoader.ts';
import { useProblem } from '../../hooks/useProblem.ts';
import { useIsMobile } from '../../hooks/useIsMobile.ts';
import { PageHeader } from '../../components/PageHeader.tsx';
import { LoadError, ProblemAlert } from '../../components/ProblemAlert.tsx';
import { RegionPicker } from '../../components/RegionPicker.tsx';
import { OneTimeSecret } from '../../components/OneTimeSecret.tsx';
import { formatTime } from '../../components/LedgerTable.tsx';
import { RegionName } from '../../components/RegionName.tsx';

const ROLE_OPTIONS = Object.entries(ROLES).map(([value, label]) => ({ value, label }));

interface UserValues { username: string; displayName: string; orgId?: string | null; role: string; jurisdiction?: string | null }

function isLocked(u: User): boolean {
  return u.locked ?? (!!u.lockedUntil && dayjs(u.lockedUntil).isAfter(dayjs()));
}

export default function UsersPage() {
  const users = useLoader(() => usersApi.list(), []);
  const orgs = useLoader(() => orgsApi.list(), []);
  const [editing, setEditing] = useState<User | 'new' | null>(null);
  const [form] = Form.useForm<UserValues>();
  const [secret, setSecret] = useState<{ title: string; label: string; value: string } | null>(null);
  const [resetting, setResetting] = useState<User | null>(null);
  const [resetTotp, setResetTotp] = useState(false);
  const [resetBusy, setResetBusy] = useState(false);
  const { problem, clear, busy, run } = useProblem(form);
  const { message } = App.useApp();
  const lastWasEdit = useRef(false);
  const mobile = useIsMobile();

  const orgName = useMemo(() => new Map((orgs.data ?? []).map((o) => [o.id, o.name])), [orgs.data]);
  const orgOptions = (orgs.data ?? []).map((o) => ({ value: o.id, label: o.name }));

  const orgText = (u: User) => u.orgName ?? (u.orgId ? orgName.get(u.orgId) ?? u.orgId : '不属于机构');

  const open = (u: User | 'new') => {
    clear();
    if (u === 'new') {
      if (lastWasEdit.current) form.resetFields();
      lastWasEdit.current = false;
    } else {
      form.resetFields();
      form.setFieldsValue({ username: u.username, displayName: u.displayName, orgId: u.orgId, role: u.role, jurisdiction: u.jurisdiction });
      lastWasEdit.current = true;
    }
    setEditing(u);
  };

  const save = async () => {
    let v: UserValues;
    try {
      v = await form.validateFields();
    } catch {
      return;
    }
    await run(async () => {
      const body: NewUser = {
        username: v.username.trim(), displayName: v.displayName.trim(), orgId: v.orgId || null, role: v.role,
        ...(v.jurisdiction ? { jurisdiction: v.jurisdiction } : {}),
      };
      if (editing === 'new') {
        const created = await usersApi.create(body);
        setSecret({ title: `已创建用户 ${created.user?.displayName ?? body.displayName}`, label: `用户名 ${created.user?.username ?? body.username} 的初始密码：`, value: created.initialPassword });
      } else if (editing) {
        const { username: _u, ...patch } = body;
        await usersApi.update(editing.id, patch);
        void message.success('用户已修改');
      }
      setEditing(null);
      form.resetFields();
      users.reload();
    });
  };

  const unlock = async (u: User) => {
    try {
      await usersApi.unlock(u.id);
      void message.success(`已解锁 ${u.displayName}`);
      users.reload();
    } catch (e) {
      void message.error(errorMessage(e));
    }
  };

  const reset = async () => {
    const u = resetting;
    if (!u) return;
    setResetBusy(true);
    try {
      const r = await usersApi.resetPassword(u.id, resetTotp);
      setResetting(null);
      setSecret({ title: `已重置 ${u.displayName} 的密码`, label: `用户名 ${u.username} 的新初始密码：`, value: r.initialPassword });
      users.reload();
    } catch (e) {
      void message.error(errorMessage(e));
    } finally {
      setResetBusy(false);
    }
  };

  const statusTags = (u: User) => (
    <Space size={4} wrap>
      {u.disabled && <Tag>已停用</Tag>}
      {isLocked(u) && <Tag color="red">已锁定{u.lockedUntil ? `至 ${formatTime(u.lockedUntil)}` : ''}</Tag>}
      {u.mustChangePassword && <Tag color="gold">待修改初始密码</Tag>}
      {u.totpEnrolled === false && !u.mustChangePassword && <Tag color="gold">未绑定动态口令</Tag>}
      {!u.disabled && !isLocked(u) && !u.mustChangePassword && u.totpEnrolled !== false && <Tag color="green">正常</Tag>}
    </Space>
  );
  const actions = (u: User) => (
    <Space size={0} wrap>
      <Button type="link" size="small" onClick={() => open(u)} aria-label={`编辑 ${u.displayName}`}>编辑</Button>
      {(isLocked(u) || (u.failedLogins ?? 0) > 0) && (
        <Popconfirm title={`解锁 ${u.displayName} 的账户？`} description="同时清零连续登录失败次数。" okText="解锁" cancelText="取消" onConfirm={() => unlock(u)}>
          <Button type="link" size="small" aria-label={`解锁 ${u.displayName}`}>解锁</Button>
        </Popconfirm>
      )}
      <Button type="link" size="small" danger onClick={() => { setResetTotp(false); setResetting(u); }} aria-label={`重置 ${u.displayName} 的密码`}>重置密码</Button>
    </Space>
  );

  const columns: TableColumnsType<User> = [
    { title: '用户名', dataIndex: 'username', render: (v: string) => <Typography.Text code>{v}</Typography.Text> },
    { title: '姓名', dataIndex: 'displayName' },
    { title: '角色', dataIndex: 'role', render: (_: string, u) => <Tag color="blue">{u.roleLabel ?? roleLabel(u.role)}</Tag> },
    { title: '所属机构', dataIndex: 'orgId', render: (_: string, u) => orgText(u) },
    { title: '管辖区划', dataIndex: 'jurisdiction', render: (_: string, u) => <RegionName code={u.jurisdiction} /> },
    { title: '状态', key: 'status', render: (_, u) => statusTags(u) },
    { title: '最近登录', dataIndex: 'lastLoginAt', render: (v: string | null | undefined) => (v ? formatTime(v) : '—') },
    { title: '操作', key: 'op', render: (_, u) => actions(u) },
  ];

  return (
    <>
      <PageHeader title="用户管理" subtitle="系统管理员只管理账户，不能查看儿童信息（职责分离）。"
        extra={<Button type="primary" icon={<PlusOutlined />} onClick={() => open('new')}>新建用户</Button>} />
      <LoadError error={users.error} onRetry={users.reload} />
      <Card size="small">
        {mobile ? (
          <List
            loading={users.loading}
            dataSource={users.data ?? []}
            pagination={{ pageSize: 20, simple: true, hideOnSinglePage: true, align: 'center' }}
            renderItem={(u) => (
              <List.Item>
                <div style={{ width: '100%' }}>
                  <Space wrap size={6}>
                    <Typography.Text strong>{u.displayName}</Typography.Text>
                    <Typography.Text code>{u.username}</Typography.Text>
                    <Tag color="blue">{u.roleLabel ?? roleLabel(u.role)}</Tag>
                  </Space>
                  <div><Typography.Text type="secondary">{orgText(u)} · <RegionName code={u.jurisdiction} /></Typography.Text></div>
                  <div style={{ marginTop: 4 }}>{statusTags(u)}</div>
                  <div style={{ marginTop: 4, marginInlineStart: -8 }}>{actions(u)}</div>
                </div>
              </List.Item>
            )}
          />
        ) : (
          <Table<User> rowKey="id" columns={columns} dataSource={users.data ?? []} loading={users.loading} scroll={{ x: 'max-content' }}
            pagination={{ pageSize: 20, showTotal: (t) => `共 ${t} 个用户`, hideOnSinglePage: true }} />
        )}
      </Card>
      <Modal
        open={!!editing}
        title={editing === 'new' ? '新建用户' : '编辑用户'}
        okText={editing === 'new' ? '创建' : '保存'}
        cancelText="取消"
        onOk={() => void save()}
        onCancel={() => setEditing(null)}
        confirmLoading={busy}
        forceRender
      >
        <Form form={form} layout="vertical" preserve>
          <ProblemAlert problem={problem} />
          <Form.Item name="username" label="用户名" rules={[{ required: true, whitespace: true, message: '请输入用户名' }]}
            extra={editing === 'new' ? '登录用，创建后不能修改。' : undefined}>
            <Input autoComplete="off" autoCapitalize="off" spellCheck={false} disabled={editing !== 'new'} />
          </Form.Item>
          <Form.Item name="displayName" label="姓名" rules={[{ required: true, whitespace: true, message: '请输入姓名' }]}>
            <Input autoComplete="off" maxLength={50} />
          </Form.Item>
          <Form.Item name="orgId" label="所属机构" extra="系统管理员、审计员可不属于任何机构。">
            <Select allowClear options={orgOptions} showSearch={{ optionFilterProp: 'label' }} placeholder="请选择" loading={orgs.loading}
              notFoundContent={orgs.error ? errorMessage(orgs.error) : '暂无机构，请先新建机构'} />
          </Form.Item>
          <Form.Item name="role" label="角色" rules={[{ required: true, message: '请选择角色' }]}>
            <Select options={ROLE_OPTIONS} placeholder="请选择" />
          </Form.Item>
          <Form.Item name="jurisdiction" label="管辖区划" extra="不选则为所属机构所在区划。儿童主任一般为本村（社区）。">
            <RegionPicker placeholder="同所属机构" allowNationwide />
          </Form.Item>
        </Form>
      </Modal>
      <Modal
        open={!!resetting}
        title={resetting ? `重置 ${resetting.displayName} 的密码` : ''}
        okText="重置密码"
        okButtonProps={{ danger: true }}
        cancelText="取消"
        confirmLoading={resetBusy}
        onOk={() => void reset()}
        onCancel={() => setResetting(null)}
      >
        <Typography.Paragraph>将生成新的一次性初始密码，用户下次登录须修改。原密码立即失效。</Typography.Paragraph>
        <Checkbox checked={resetTotp} onChange={(e) => setResetTotp(e.target.checked)}>同时解除动态口令绑定（用户更换或丢失手机时）</Checkbox>
      </Modal>
      <OneTimeSecret
        open={!!secret}
        title={secret?.title ?? ''}
        label={secret?.label ?? ''}
        secret={secret?.value ?? null}
        note="请通过安全渠道（当面或电话）告知用户。用户首次登录须修改密码并绑定动态口令。"
        onClose={() => setSecret(null)}
      />
    </>
  );
}
