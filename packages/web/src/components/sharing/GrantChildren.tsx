import { useMemo, useState } from 'react';
import { Alert, Card, Drawer, Empty, List, Table, Tag, Typography } from 'antd';
import type { TableColumnsType } from 'antd';
import { sharingApi, type Grant, type GrantChild, type Withheld } from '../../api/sharing.ts';
import { FIELD_KEYS, fieldLabel } from '../../api/labels.ts';
import { purposeLabel } from '../../api/purposes.ts';
import { useLoader } from '../../hooks/useLoader.ts';
import { useIsMobile } from '../../hooks/useIsMobile.ts';
import { LoadError } from '../ProblemAlert.tsx';

const ORDER = FIELD_KEYS as readonly string[];
const byCatalogue = (a: string, b: string) => (ORDER.indexOf(a) + 1 || 999) - (ORDER.indexOf(b) + 1 || 999);

/** An item the owner did not provide for this child, with why and on which article. */
function NotProvided({ w, wide }: { w: Withheld; wide?: boolean }) {
  // A bounded width lets the reason wrap inside a table sized to its content.
  return (
    <div style={{ maxWidth: wide ? 720 : 260, whiteSpace: 'normal' }}>
      <Tag color="default">未提供</Tag>
      <Typography.Text type="secondary" style={{ fontSize: 12 }}>{w.reason}{w.article ? `（${w.article}）` : ''}</Typography.Text>
    </div>
  );
}

/** A child the decision refused today: every item withheld for one reason, said once. */
const refused = (c: GrantChild) => Object.keys(c.fields).length === 0 && c.withheld.length > 0;

function Cell({ c, k }: { c: GrantChild; k: string }) {
  const w = c.withheld.find((x) => x.field === k);
  if (w) return <NotProvided w={w} />;
  const v = c.fields[k];
  return v === null || v === undefined || v === '' ? <Typography.Text type="secondary">—</Typography.Text> : <span style={{ wordBreak: 'break-all' }}>{v}</span>;
}

/**
 * The children a grant covers, with exactly the items the owner returned: the columns come from
 * the answer, never from what was asked for. Opening a page of it is a 提供 in the ledger.
 */
export function GrantChildren({ grant, onClose }: { grant: Grant | null; onClose: () => void }) {
  const mobile = useIsMobile();
  const [page, setPage] = useState({ page: 1, pageSize: 20 });
  const list = useLoader((signal) => sharingApi.grantChildren(grant!.agreementId, page.page, page.pageSize, signal), [grant?.agreementId, page.page, page.pageSize], !!grant);
  const items = list.data?.items ?? [];
  const keys = useMemo(() => {
    const s = new Set<string>();
    for (const c of items) {
      for (const k of Object.keys(c.fields)) s.add(k);
      for (const w of c.withheld) s.add(w.field);
    }
    return [...s].sort(byCatalogue);
  }, [items]);

  const columns: TableColumnsType<GrantChild> = keys.map((k, i) => ({
    title: fieldLabel(k), key: k,
    onCell: (c: GrantChild) => ({ colSpan: refused(c) ? (i === 0 ? keys.length : 0) : 1 }),
    render: (_: unknown, c: GrantChild) => (refused(c) ? <NotProvided w={c.withheld[0]!} wide /> : <Cell c={c} k={k} />),
  }));
  const pagination = { current: page.page, pageSize: page.pageSize, total: list.data?.total ?? 0, onChange: (p: number, s: number) => setPage({ page: p, pageSize: s }) };

  return (
    <Drawer open={!!grant} onClose={() => { setPage({ page: 1, pageSize: 20 }); onClose(); }} size={mobile ? '100%' : 960} destroyOnHidden
      title={grant ? `${grant.ownerOrg.name}提供的儿童信息` : '授权儿童信息'}>
      {grant && (
        <Alert type="warning" showIcon style={{ marginBottom: 16 }}
          title={`处理目的：${grant.purposeLabel ?? purposeLabel(grant.purpose)} · 授权至 ${list.data?.endsOn ?? grant.endsOn}`}
          description="每次查看都以“提供”记入双方的处理台账。只在授权的目的和期限内使用，不得转给他人，授权到期后不能再查看。" />
      )}
      <LoadError error={list.error} onRetry={list.reload} />
      {mobile ? (
        <List loading={list.loading} dataSource={items} locale={{ emptyText: <Empty description="没有可查看的儿童" /> }}
          pagination={{ ...pagination, simple: true, align: 'center', hideOnSinglePage: true }}
          renderItem={(c, i) => (
            <List.Item style={{ padding: '6px 0', border: 0 }}>
              <Card size="small" style={{ width: '100%' }} title={`第 ${(page.page - 1) * page.pageSize + i + 1} 名`}>
                {refused(c) ? <NotProvided w={c.withheld[0]!} wide /> : (
                  <dl className="field-grid" style={{ margin: 0 }}>
                    {keys.map((k) => <div key={k} style={{ display: 'contents' }}><dt>{fieldLabel(k)}</dt><dd><Cell c={c} k={k} /></dd></div>)}
                  </dl>
                )}
              </Card>
            </List.Item>
          )} />
      ) : (
        <Table<GrantChild> rowKey="id" columns={columns} dataSource={items} loading={list.loading} scroll={{ x: 'max-content' }}
          locale={{ emptyText: <Empty description="没有可查看的儿童" /> }}
          pagination={{ ...pagination, showSizeChanger: true, showTotal: (n) => `共 ${n} 名` }} />
      )}
    </Drawer>
  );
}
