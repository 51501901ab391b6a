import { useEffect, useMemo, useState } from 'react';
import { useSearchParams } from 'react-router-dom';
import { Alert, Button, Card, Col, DatePicker, Descriptions, Form, Input, Row, Select, Space, Typography } from 'antd';
import { FilterOutlined, SafetyCertificateOutlined, SearchOutlined } from '@ant-design/icons';
import dayjs, { type Dayjs } from 'dayjs';
import { ledgerApi, orgsApi, type LedgerQuery } from '../api/endpoints.ts';
import type { LedgerEntry, VerifyResult } from '../api/types.ts';
import { errorMessage } from '../api/client.ts';
import { ACT_GROUPS, LEDGER_CATEGORY_LABELS } from '../api/labels.ts';
import { useLoader } from '../hooks/useLoader.ts';
import { useSession } from '../hooks/useSession.tsx';
import { useIsMobile } from '../hooks/useIsMobile.ts';
import { PageHeader } from '../components/PageHeader.tsx';
import { LoadError } from '../components/ProblemAlert.tsx';
import { LedgerTable } from '../components/LedgerTable.tsx';
import { LedgerEntryDrawer } from '../components/LedgerEntryDrawer.tsx';

interface Filters {
  category?: string;
  act?: string;
  actorUserId?: string;
  orgId?: string;
  childId?: string;
  range?: [Dayjs | null, Dayjs | null] | null;
}

const CATEGORY_OPTIONS = ['processing', 'security', 'admin'].map((value) => ({ value, label: LEDGER_CATEGORY_LABELS[value] ?? value }));

const ACT_OPTIONS = ACT_GROUPS.map((g) => ({
  label: g.label,
  title: g.label,
  options: Object.entries(g.acts).map(([value, label]) => ({ value, label })),
}));

function readQuery(sp: URLSearchParams): LedgerQuery {
  const num = (k: string, d: number) => {
    const n = Number(sp.get(k));
    return Number.isInteger(n) && n > 0 ? n : d;
  };
  const s = (k: string) => sp.get(k) ?? undefined;
  return {
    category: s('category'), act: s('act'), actorUserId: s('actorUserId'), orgId: s('orgId'), childId: s('childId'), from: s('from'), to: s('to'),
    page: num('page', 1), pageSize: num('pageSize', 20),
  };
}

function writeQuery(q: LedgerQuery): URLSearchParams {
  const sp = new URLSearchParams();
  for (const [k, v] of Object.entries(q)) {
    if (v === undefined || v === null || v === '') continue;
    if (k === 'page' && v === 1) continue;
    if (k === 'pageSize' && v === 20) continue;
    sp.set(k, String(v));
  }
  return sp;
}

export default function LedgerPage() {
  const [sp, setSp] = useSearchParams();
  const query = useMemo(() => readQuery(sp), [sp]);
  const { can } = useSession();
  const mobile = useIsMobile();
  const [form] = Form.useForm<Filters>();
  const [entry, setEntry] = useState<LedgerEntry | null>(null);
  const [moreFilters, setMoreFilters] = useState(false);
  const hiddenActive = [query.category, query.orgId, query.actorUserId, query.childId].filter(Boolean).length;
  const [verifying, setVerifying] = useState(false);
  const [verify, setVerify] = useState<{ result?: VerifyResult; error?: string; at: string } | null>(null);

  useEffect(() => {
    form.setFieldsValue({
      category: query.category, act: query.act, actorUserId: query.actorUserId, orgId: query.orgId, childId: query.childId,
      range: query.from || query.to ? [query.from ? dayjs(query.from) : null, query.to ? dayjs(query.to) : null] : null,
    });
  }, [form, query.category, query.act, query.actorUserId, query.orgId, query.childId, query.from, query.to]);

  const list = useLoader((signal) => ledgerApi.list(query, signal), [sp.toString()]);
  // Entries name orgs by id; the org list (readable by every signed-in user) gives their names.
  const orgs = useLoader(() => orgsApi.list(), []);
  const orgNames = useMemo(() => new Map((orgs.data ?? []).map((o) => [o.id, o.name])), [orgs.data]);
  const orgOptions = (orgs.data ?? []).map((o) => ({ value: o.id, label: o.name }));

  const apply = (v: Filters) => {
    const [from, to] = v.range ?? [null, null];
    setSp(writeQuery({
      category: v.category, act: v.act, actorUserId: v.actorUserId?.trim(), orgId: v.orgId, childId: v.childId?.trim(),
      from: from ? from.format('YYYY-MM-DD') : undefined,
      to: to ? to.format('YYYY-MM-DD') : undefined,
      page: 1, pageSize: query.pageSize,
    }));
  };
  const setFilter = (patch: Partial<LedgerQuery>) => setSp(writeQuery({ ...query, ...patch, page: 1 }));

  const runVerify = async () => {
    setVerifying(true);
    try {
      setVerify({ result: await ledgerApi.verify(), at: dayjs().format('YYYY-MM-DD HH:mm:ss') });
    } catch (e) {
      setVerify({ error: errorMessage(e), at: dayjs().format('YYYY-MM-DD HH:mm:ss') });
    } finally {
      setVerifying(false);
    }
  };

  const r = verify?.result;
  return (
    <>
      <PageHeader
        title="处理台账"
        subtitle="个人信息处理活动的防篡改记录（哈希链 + 默克尔树检查点）。"
        extra={can('ledger.verify') && (
          <Button type="primary" icon={<SafetyCertificateOutlined />} loading={verifying} onClick={() => void runVerify()}>校验台账</Button>
        )}
      />
      {verify && (
        <Alert
          style={{ marginBottom: 16 }}
          role="status"
          showIcon
          type={verify.error ? 'error' : r?.ok ? 'success' : 'error'}
          closable={{ onClose: () => setVerify(null) }}
          title={verify.error ? `校验失败：${verify.error}` : r?.ok ? '校验通过：台账完整，未发现篡改' : '校验未通过：台账可能被篡改'}
          description={r && (
            <Descriptions size="small" column={mobile ? 1 : 3} style={{ marginTop: 8 }} items={[
              { key: 'entries', label: '已校验条目', children: r.entries },
              { key: 'cps', label: '检查点', children: r.checkpoints },
              { key: 'at', label: '校验时间', children: `${verify.at}${r.seconds !== undefined ? `（用时 ${r.seconds.toFixed(1)} 秒）` : ''}` },
              { key: 'root', label: '根哈希', span: 3, children: <Typography.Text code copyable style={{ wordBreak: 'break-all' }}>{r.root}</Typography.Text> },
              ...(r.firstError ? [{
                key: 'err', label: '首个错误', span: 3,
                children: (
                  <Typography.Text type="danger">
                    {r.firstError.seq !== null ? `第 ${r.firstError.seq} 条` : r.firstError.treeSize ? `规模 ${r.firstError.treeSize} 的检查点` : '台账'}（{r.firstError.kind}）：{r.firstError.message}
                  </Typography.Text>
                ),
              }] : []),
            ]} />
          )}
        />
      )}
      <Card size="small" style={{ marginBottom: 16 }}>
        <Form form={form} layout="vertical" onFinish={apply} aria-label="台账查询条件">
          <Row gutter={[16, 0]}>
            {(!mobile || moreFilters) && <Col xs={24} sm={12} xl={4}>
              <Form.Item name="category" label="类别">
                <Select allowClear placeholder="全部类别" options={CATEGORY_OPTIONS} />
              </Form.Item>
            </Col>}
            <Col xs={24} sm={12} xl={5}>
              <Form.Item name="act" label="行为">
                <Select allowClear placeholder="全部行为" options={ACT_OPTIONS} showSearch={{ optionFilterProp: 'label' }} />
              </Form.Item>
            </Col>
            <Col xs={24} sm={12} xl={7}>
              <Form.Item name="range" label="日期范围（北京时间）">
                <DatePicker.RangePicker style={{ width: '100%' }} allowEmpty={[true, true]} inputReadOnly={mobile} />
              </Form.Item>
            </Col>
            {(!mobile || moreFilters) && <>
            <Col xs={24} sm={12} xl={8}>
              <Form.Item name="orgId" label="机构">
                <Select allowClear placeholder="全部机构" options={orgOptions} showSearch={{ optionFilterProp: 'label' }} loading={orgs.loading} />
              </Form.Item>
            </Col>
            <Col xs={24} sm={12} xl={8}>
              <Form.Item name="actorUserId" label="操作人 ID" extra="点表格中的操作人姓名可直接筛选">
                <Input allowClear autoComplete="off" spellCheck={false} />
              </Form.Item>
            </Col>
            <Col xs={24} sm={12} xl={8}>
              <Form.Item name="childId" label="儿童 ID" extra="点表格中的儿童编号可直接筛选">
                <Input allowClear autoComplete="off" spellCheck={false} />
              </Form.Item>
            </Col>
            </>}
          </Row>
          <Space wrap>
            <Button type="primary" htmlType="submit" icon={<SearchOutlined />}>查询</Button>
            <Button onClick={() => { form.resetFields(); setSp(new URLSearchParams()); }}>重置</Button>
            {mobile && (
              <Button icon={<FilterOutlined />} aria-expanded={moreFilters} onClick={() => setMoreFilters((v) => !v)}>
                {moreFilters ? '收起筛选' : `更多筛选${hiddenActive ? `（${hiddenActive}）` : ''}`}
              </Button>
            )}
          </Space>
        </Form>
      </Card>
      <LoadError error={list.error} onRetry={list.reload} />
      <Card size="small">
        <LedgerTable
          entries={list.data?.items ?? []}
          loading={list.loading}
          total={list.data?.total ?? 0}
          page={query.page}
          pageSize={query.pageSize}
          onPage={(page, pageSize) => setSp(writeQuery({ ...query, page, pageSize }))}
          onOpen={setEntry}
          selected={entry}
          orgNames={orgNames}
          onFilterActor={(actorUserId) => setFilter({ actorUserId })}
          onFilterChild={(childId) => setFilter({ childId })}
        />
      </Card>
      <LedgerEntryDrawer entry={entry} onClose={() => setEntry(null)} canProve={can('ledger.read')} orgNames={orgNames} />
    </>
  );
}
