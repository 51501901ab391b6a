import { useState } from 'react';
import { App, Button, Card, Col, Empty, Form, Input, InputNumber, List, Popconfirm, Row, Table, Tag, Typography } from 'antd';
import type { TableColumnsType } from 'antd';
import { KeyOutlined } from '@ant-design/icons';
import dayjs from 'dayjs';
import { authApi } from '../api/endpoints.ts';
import type { ApiToken } from '../api/types.ts';
import { errorMessage } from '../api/client.ts';
import { useLoader } from '../hooks/useLoader.ts';
import { useProblem } from '../hooks/useProblem.ts';
import { useIsMobile } from '../hooks/useIsMobile.ts';
import { PageHeader } from '../components/PageHeader.tsx';
import { LoadError, ProblemAlert } from '../components/ProblemAlert.tsx';
import { OneTimeSecret } from '../components/OneTimeSecret.tsx';
import { formatTime } from '../components/LedgerTable.tsx';

interface TokenValues { name: string; expiresInDays: number }

function status(t: ApiToken): { label: string; color: string } {
  if (t.revoked || t.revokedAt) return { label: '已吊销', color: 'default' };
  if (t.expired || (t.expiresAt && dayjs(t.expiresAt).isBefore(dayjs()))) return { label: '已过期', color: 'default' };
  return { label: '有效', color: 'green' };
}

/** The caller's own API tokens (for systems that call Hutong); each is shown once, when created. */
export default function TokensPage() {
  const tokens = useLoader(() => authApi.tokens(), []);
  const [form] = Form.useForm<TokenValues>();
  const [secret, setSecret] = useState<string | null>(null);
  const { problem, busy, run } = useProblem(form);
  const { message } = App.useApp();
  const mobile = useIsMobile();

  const create = async (v: TokenValues) => {
    await run(async () => {
      const t = await authApi.createToken({ name: v.name.trim(), expiresInDays: v.expiresInDays });
      setSecret(t.token);
      form.resetFields();
      tokens.reload();
    });
  };

  const revoke = async (t: ApiToken) => {
    try {
      await authApi.revokeToken(t.id);
      void message.success('令牌已吊销');
      tokens.reload();
    } catch (e) {
      void message.error(errorMessage(e));
    }
  };

  const name = (t: ApiToken) => t.name ?? t.label ?? t.prefix ?? t.id;
  const revokeButton = (t: ApiToken) => !(t.revoked || t.revokedAt) && (
    <Popconfirm title={`吊销令牌“${name(t)}”？`} description="吊销后使用它的系统将无法再访问。" okText="吊销" okButtonProps={{ danger: true }} cancelText="取消" onConfirm={() => revoke(t)}>
      <Button danger size="small" aria-label={`吊销令牌 ${name(t)}`}>吊销</Button>
    </Popconfirm>
  );

  const columns: TableColumnsType<ApiToken> = [
    { title: '名称', key: 'name', render: (_, t) => <Typography.Text strong>{name(t)}</Typography.Text> },
    { title: '前缀', dataIndex: 'prefix', render: (v?: string) => (v ? <Typography.Text code>{v}…</Typography.Text> : '—') },
    { title: '创建时间', dataIndex: 'createdAt', render: (v?: string) => formatTime(v) || '—' },
    { title: '最近使用', dataIndex: 'lastUsedAt', render: (v?: string | null) => formatTime(v) || '从未使用' },
    { title: '有效期至', dataIndex: 'expiresAt', render: (v?: string | null) => formatTime(v) || '长期' },
    { title: '状态', key: 'status', render: (_, t) => { const s = status(t); return <Tag color={s.color}>{s.label}</Tag>; } },
    { title: '操作', key: 'op', render: (_, t) => revokeButton(t) },
  ];

  return (
    <>
      <PageHeader title="我的 API 令牌" subtitle="供其他业务系统以您的身份和权限调用护童接口。调用同样记入处理台账。" />
      <Card size="small" title="创建令牌" style={{ marginBottom: 16 }}>
        <Form form={form} layout="vertical" onFinish={(v) => void create(v)} initialValues={{ expiresInDays: 90 }}>
          <ProblemAlert problem={problem} />
          <Row gutter={16} align="top">
            <Col xs={24} md={10}>
              <Form.Item name="name" label="令牌名称（用途）" rules={[{ required: true, whitespace: true, message: '请填写令牌名称' }]}>
                <Input maxLength={100} placeholder="如：县救助系统对接" autoComplete="off" />
              </Form.Item>
            </Col>
            <Col xs={24} md={6}>
              <Form.Item name="expiresInDays" label="有效天数" rules={[{ required: true, message: '请填写有效天数' }]} extra="1–365 天，到期自动失效">
                <InputNumber min={1} max={365} precision={0} style={{ width: '100%' }} />
              </Form.Item>
            </Col>
            <Col xs={24} md={8}>
              <Form.Item label={mobile ? undefined : ' '} colon={false}>
                <Button type="primary" htmlType="submit" icon={<KeyOutlined />} loading={busy} block={mobile}>创建令牌</Button>
              </Form.Item>
            </Col>
          </Row>
        </Form>
      </Card>
      <LoadError error={tokens.error} onRetry={tokens.reload} />
      <Card size="small" title="已有令牌">
        {mobile ? (
          <List
            loading={tokens.loading}
            dataSource={tokens.data ?? []}
            locale={{ emptyText: <Empty description="还没有令牌" /> }}
            renderItem={(t) => {
              const s = status(t);
              return (
                <List.Item actions={[revokeButton(t)].filter(Boolean)}>
                  <List.Item.Meta
                    title={<>{name(t)} <Tag color={s.color}>{s.label}</Tag></>}
                    description={<>创建于 {formatTime(t.createdAt) || '—'}<br />最近使用 {formatTime(t.lastUsedAt) || '从未使用'}</>}
                  />
                </List.Item>
              );
            }}
          />
        ) : (
          <Table<ApiToken> rowKey="id" columns={columns} dataSource={tokens.data ?? []} loading={tokens.loading} pagination={false}
            locale={{ emptyText: <Empty description="还没有令牌" /> }} scroll={{ x: 'max-content' }} />
        )}
      </Card>
      <OneTimeSecret
        open={!!secret}
        title="令牌已创建"
        label="令牌（请求头 Authorization: Bearer 后接此值）："
        secret={secret}
        note="令牌等同于您的账户权限，请只保存在对接系统的安全配置中，不要发送给他人。"
        onClose={() => setSecret(null)}
      />
    </>
  );
}
