import { useEffect, useMemo, useState } from 'react';
import { Link, useNavigate, useSearchParams } from 'react-router-dom';
import { Button, Card, Col, Empty, Form, Input, List, Pagination, Row, Select, Table, Tag, Typography } from 'antd';
import type { TableColumnsType } from 'antd';
import { FilterOutlined, PlusOutlined, RightOutlined, SearchOutlined, UploadOutlined } from '@ant-design/icons';
import { childrenApi, type ChildQuery } from '../api/endpoints.ts';
import type { ChildSummary } from '../api/types.ts';
import { CHILD_CATEGORIES, fieldLabel } from '../api/labels.ts';
import { useLoader } from '../hooks/useLoader.ts';
import { useIsMobile } from '../hooks/useIsMobile.ts';
import { PageHeader } from '../components/PageHeader.tsx';
import { RegionPicker } from '../components/RegionPicker.tsx';
import { FieldText } from '../components/FieldText.tsx';
import { LoadError } from '../components/ProblemAlert.tsx';
import { useSession } from '../hooks/useSession.tsx';

/** Columns shown first, in this order, when the server sends them; any other field follows. */
const PREFERRED = ['name', 'gender', 'birthDate', 'idNumber', 'school', 'grade'];
const CATEGORY_OPTIONS = Object.entries(CHILD_CATEGORIES).map(([value, label]) => ({ value, label }));

interface Filters {
  q?: string;
  region?: string;
  category?: string;
  school?: string;
}

function readQuery(sp: URLSearchParams): ChildQuery {
  const num = (k: string, d: number) => {
    const n = Number(sp.get(k));
    return Number.isInteger(n) && n > 0 ? n : d;
  };
  return {
    region: sp.get('region') ?? undefined,
    category: sp.get('category') ?? undefined,
    school: sp.get('school') ?? undefined,
    page: num('page', 1),
    pageSize: num('pageSize', 20),
  };
}

function writeQuery(q: ChildQuery): URLSearchParams {
  const sp = new URLSearchParams();
  for (const [k, v] of Object.entries(q)) {
    // A searched name or ID number stays out of the address bar and the browser history.
    if (k === 'q' || v === undefined || v === null || v === '') continue;
    if (k === 'page' && v === 1) continue;
    if (k === 'pageSize' && v === 20) continue;
    sp.set(k, String(v));
  }
  return sp;
}

/** An 18- or 15-character 身份证号 as typed: spaces dropped, x upper-cased. */
function normaliseQ(q: string | undefined): string | undefined {
  const t = (q ?? '').trim();
  if (!t) return undefined;
  const compact = t.replace(/\s+/g, '');
  return /^\d{15}$|^\d{17}[\dXx]$/.test(compact) ? compact.toUpperCase() : t;
}

export default function ChildrenPage() {
  const [sp, setSp] = useSearchParams();
  const [q, setQ] = useState<string | undefined>(undefined);
  const query = useMemo(() => ({ ...readQuery(sp), q }), [sp, q]);
  const mobile = useIsMobile();
  const navigate = useNavigate();
  const { can } = useSession();
  const [form] = Form.useForm<Filters>();
  const [showFilters, setShowFilters] = useState(false);

  useEffect(() => {
    form.setFieldsValue({ q: query.q, region: query.region, category: query.category, school: query.school });
  }, [form, query.q, query.region, query.category, query.school]);

  const list = useLoader((signal) => childrenApi.list(query, signal), [sp.toString(), q]);

  const apply = (v: Filters) => {
    setQ(normaliseQ(v.q));
    setSp(writeQuery({ region: v.region, category: v.category, school: v.school?.trim(), page: 1, pageSize: query.pageSize }));
  };
  const reset = () => {
    form.resetFields();
    setQ(undefined);
    setSp(new URLSearchParams());
  };
  const goPage = (page: number, pageSize: number) => setSp(writeQuery({ ...query, page, pageSize }));

  const items = list.data?.items ?? [];
  const keys = useMemo(() => {
    const present = new Set<string>();
    for (const c of items) for (const k of Object.keys(c.fields ?? {})) present.add(k);
    return [...PREFERRED.filter((k) => present.has(k)), ...[...present].filter((k) => !PREFERRED.includes(k))];
  }, [items]);
  const activeFilters = [query.region, query.category, query.school].filter(Boolean).length;

  const filterForm = (
    <Form form={form} layout="vertical" onFinish={apply} initialValues={{}} aria-label="儿童查询条件">
      <Row gutter={[16, 0]}>
        <Col xs={24} md={12} xl={6}>
          <Form.Item name="q" label="姓名或身份证号" extra="身份证号须输入完整 18 位，精确查找">
            <Input allowClear placeholder="如：张三 或 350102…" prefix={<SearchOutlined aria-hidden />} autoComplete="off" enterKeyHint="search" />
          </Form.Item>
        </Col>
        {(!mobile || showFilters) && (
          <>
            <Col xs={24} md={12} xl={6}>
              <Form.Item name="region" label="所在区划">
                <RegionPicker placeholder="全部（本人管辖范围）" />
              </Form.Item>
            </Col>
            <Col xs={24} md={12} xl={6}>
              <Form.Item name="category" label="儿童类别">
                <Select allowClear placeholder="全部类别" options={CATEGORY_OPTIONS} />
              </Form.Item>
            </Col>
            <Col xs={24} md={12} xl={6}>
              <Form.Item name="school" label="就读学校" extra="输入学校全称，精确匹配">
                <Input allowClear placeholder="学校全称" autoComplete="off" />
              </Form.Item>
            </Col>
          </>
        )}
      </Row>
      <Row gutter={8} wrap>
        <Col><Button type="primary" htmlType="submit" icon={<SearchOutlined />}>查询</Button></Col>
        <Col><Button onClick={reset}>重置</Button></Col>
        {mobile && (
          <Col>
            <Button icon={<FilterOutlined />} onClick={() => setShowFilters((s) => !s)} aria-expanded={showFilters}>
              {showFilters ? '收起筛选' : `更多筛选${activeFilters ? `（${activeFilters}）` : ''}`}
            </Button>
          </Col>
        )}
      </Row>
    </Form>
  );

  const columns: TableColumnsType<ChildSummary> = [
    ...keys.map((k) => ({
      title: fieldLabel(k),
      key: k,
      render: (_: unknown, c: ChildSummary) => <FieldText field={c.fields[k]} strong={k === 'name'} />,
    })),
    { title: '所在区划', key: 'region', render: (_: unknown, c: ChildSummary) => c.regionName ?? c.regionCode },
    {
      title: '操作', key: 'op', width: 90, fixed: 'right' as const,
      render: (_: unknown, c: ChildSummary) => <Link to={`/children/${encodeURIComponent(c.id)}`}>查看</Link>,
    },
  ];

  return (
    <>
      <PageHeader
        title="儿童名册"
        subtitle="默认脱敏显示。查看完整信息须在详情页说明处理目的。"
        extra={(can('child.import') || can('child.write')) && <>
          {can('child.import') && <Button icon={<UploadOutlined />} onClick={() => navigate('/children/import')}>导入名册</Button>}
          {can('child.write') && <Button type="primary" icon={<PlusOutlined />} onClick={() => navigate('/children/new')}>登记儿童</Button>}
        </>}
      />
      <Card size="small" style={{ marginBottom: 16 }}>{filterForm}</Card>
      <LoadError error={list.error} onRetry={list.reload} />
      {mobile ? (
        <>
          <Typography.Text type="secondary" role="status">{list.data ? `共 ${list.data.total} 名` : ''}</Typography.Text>
          <List
            loading={list.loading}
            dataSource={items}
            locale={{ emptyText: <Empty description="没有符合条件的儿童" /> }}
            renderItem={(c) => (
              <List.Item style={{ padding: '6px 0', border: 0 }}>
                <Card
                  size="small"
                  hoverable
                  style={{ width: '100%' }}
                  onClick={() => navigate(`/children/${encodeURIComponent(c.id)}`)}
                  title={<span><FieldText field={c.fields.name} strong />{c.fields.gender && <Tag style={{ marginInlineStart: 8 }}><FieldText field={c.fields.gender} /></Tag>}</span>}
                  extra={<Link to={`/children/${encodeURIComponent(c.id)}`} aria-label="查看详情" onClick={(e) => e.stopPropagation()}>详情 <RightOutlined aria-hidden /></Link>}
                >
                  <dl className="field-grid" style={{ margin: 0 }}>
                    {keys.filter((k) => k !== 'name' && k !== 'gender').map((k) => (
                      <FieldRow key={k} label={fieldLabel(k)}><FieldText field={c.fields[k]} /></FieldRow>
                    ))}
                    <FieldRow label="所在区划">{c.regionName ?? c.regionCode}</FieldRow>
                  </dl>
                </Card>
              </List.Item>
            )}
          />
          {list.data && list.data.total > (query.pageSize ?? 20) && (
            <Pagination simple current={query.page} pageSize={query.pageSize} total={list.data.total} onChange={goPage} style={{ marginTop: 8, textAlign: 'center' }} />
          )}
        </>
      ) : (
        <Card size="small">
          <Table<ChildSummary>
            rowKey="id"
            columns={columns}
            dataSource={items}
            loading={list.loading}
            scroll={{ x: 'max-content' }}
            locale={{ emptyText: <Empty description="没有符合条件的儿童" /> }}
            pagination={{
              current: query.page, pageSize: query.pageSize, total: list.data?.total ?? 0, onChange: goPage,
              showSizeChanger: true, showTotal: (t) => `共 ${t} 名`,
            }}
          />
        </Card>
      )}
    </>
  );
}

function FieldRow({ label, children }: { label: string; children: React.ReactNode }) {
  return (
    <>
      <dt>{label}</dt>
      <dd>{children}</dd>
    </>
  );
}
