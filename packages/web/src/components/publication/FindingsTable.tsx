import { List, Space, Table, Typography } from 'antd';
import type { TableColumnsType } from 'antd';
import type { PublicationFinding } from '../../api/publications.ts';
import { useIsMobile } from '../../hooks/useIsMobile.ts';
import { TypeTag } from '../redact/TypeTag.tsx';
import { actionLabel, findingTypeLabel } from './labels.ts';

/** What was found where, what it became and why: the per-occurrence record of a file or the title. */
export function FindingsTable({ findings, raw, caption }: {
  findings: PublicationFinding[];
  /** The words as written, by finding id, when the reviewer has the draft. */
  raw?: ReadonlyMap<string, string> | undefined;
  caption: string;
}) {
  const mobile = useIsMobile();
  const where = (f: PublicationFinding) => f.location ?? (f.start !== undefined ? `第 ${f.start + 1}–${f.end} 字` : '—');
  const words = (f: PublicationFinding) => raw?.get(f.id) ?? f.text ?? f.original ?? '—';
  const became = (f: PublicationFinding) => (
    <span style={{ overflowWrap: 'anywhere' }}>
      {f.replacement && f.action !== 'keep' ? `“${f.replacement}”` : ''}
      <Typography.Text type="secondary">（{actionLabel(f.action)}）</Typography.Text>
      {f.flag && <div><Typography.Text type="warning" style={{ fontSize: 12 }}>{f.flag}</Typography.Text></div>}
    </span>
  );
  if (mobile) {
    // Cards on a phone: a five-column table would scroll sideways.
    return (
      <List size="small" bordered aria-label={caption} dataSource={findings} locale={{ emptyText: '没有识别到需要处理的信息' }}
        pagination={findings.length > 10 ? { pageSize: 10, size: 'small', align: 'center' } : false}
        renderItem={(f) => (
          <List.Item style={{ display: 'block' }}>
            <Space wrap size={4}>
              <TypeTag type={f.type}>{findingTypeLabel(f.type)}</TypeTag>
              <Typography.Text type="secondary" style={{ fontSize: 12 }}>{where(f)}</Typography.Text>
            </Space>
            <div style={{ overflowWrap: 'anywhere' }}>{raw ? '原稿' : '原稿（已遮盖）'}：{words(f)} → {became(f)}</div>
            <Typography.Text type="secondary" style={{ fontSize: 12 }}>依据：{f.article}</Typography.Text>
          </List.Item>
        )} />
    );
  }
  const columns: TableColumnsType<PublicationFinding> = [
    { title: '位置', key: 'where', width: 150, render: (_, f) => where(f) },
    { title: '类型', key: 'type', width: 120, render: (_, f) => <TypeTag type={f.type}>{findingTypeLabel(f.type)}</TypeTag> },
    {
      title: raw ? '原稿' : '原稿（已遮盖）', key: 'original',
      render: (_, f) => <Typography.Text style={{ overflowWrap: 'anywhere' }}>{words(f)}</Typography.Text>,
    },
    { title: '处理后', key: 'replacement', render: (_, f) => became(f) },
    { title: '依据', dataIndex: 'article', width: 220, render: (v: string) => <span style={{ fontSize: 12 }}>{v}</span> },
  ];
  return (
    <Table<PublicationFinding>
      size="small"
      rowKey="id"
      columns={columns}
      dataSource={findings}
      aria-label={caption}
      locale={{ emptyText: '没有识别到需要处理的信息' }}
      pagination={{ pageSize: 10, hideOnSinglePage: true, showSizeChanger: false, size: 'small' }}
      scroll={{ x: 760 }}
    />
  );
}
