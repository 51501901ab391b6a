import { Alert, Card, Descriptions, Table, Tag, Typography } from 'antd';
import type { TableColumnsType } from 'antd';
import { keysApi } from '../../api/keys.ts';
import { useLoader } from '../../hooks/useLoader.ts';
import { PageHeader } from '../../components/PageHeader.tsx';
import { LoadError } from '../../components/ProblemAlert.tsx';

const SUITES: Record<string, string> = {
  'sm4-sm3': '商用密码：SM4-CTR 加密 + HMAC-SM3 完整性校验',
  'aes256gcm-sha256': 'AES-256-GCM + SHA-256（备选算法套件）',
};

// Renamed: antd's Table takes a row's `children` for nested rows.
type Version = { version: number; dataKeys: number; publicationKeys: number; inKeyFile: boolean };

/**
 * Key status for the administrator (等保2.0 三级 密钥管理): which master-key version is current
 * and how many data keys (children's, publications') each version still wraps. Rotation runs on the server's
 * command line, beside the key file it rewrites, so the console only reports.
 */
export default function KeysPage() {
  const status = useLoader(() => keysApi.status(), []);
  const s = status.data;
  const orphaned = s?.versions.filter((v) => v.children + v.publicationKeys > 0 && !v.inKeyFile) ?? [];
  const columns: TableColumnsType<Version> = [
    { title: '版本', dataIndex: 'version', render: (v: number) => <>第 {v} 版{v === s?.currentVersion && <Tag color="blue" style={{ marginLeft: 8 }}>当前</Tag>}</> },
    { title: '儿童数据密钥', dataIndex: 'dataKeys', align: 'right', render: (n: number) => n.toLocaleString('zh-CN') },
    { title: '发布稿件密钥', dataIndex: 'publicationKeys', align: 'right', render: (n: number) => n.toLocaleString('zh-CN') },
    { title: '密钥文件中', dataIndex: 'inKeyFile', render: (b: boolean) => (b ? <Tag color="green">有</Tag> : <Tag color="red">缺失</Tag>) },
  ];
  return (
    <>
      <PageHeader title="密钥管理" subtitle="主密钥只保存在服务器的密钥文件中，本页不显示任何密钥内容" />
      <LoadError error={status.error} onRetry={status.reload} />
      {orphaned.length > 0 && (
        <Alert type="error" showIcon style={{ marginBottom: 16 }} message="有数据密钥所依赖的主密钥版本不在密钥文件中"
          description={`第 ${orphaned.map((v) => v.version).join('、')} 版缺失：这些版本包裹的儿童信息与发布稿件无法解密。请立即从备份恢复密钥文件，切勿删除旧版本。`} />
      )}
      <Card size="small" loading={status.loading && !s} style={{ marginBottom: 16 }}>
        {s && (
          <Descriptions column={1} size="small" items={[
            { key: 'suite', label: '算法', children: SUITES[s.suite] ?? s.suite },
            { key: 'current', label: '当前主密钥', children: `第 ${s.currentVersion} 版` },
            { key: 'rotated', label: '上次轮换', children: s.lastRotation ? new Date(s.lastRotation.at).toLocaleString('zh-CN', { hour12: false }) : '尚未轮换' },
          ]} />
        )}
      </Card>
      {/* Four short columns wrap at 375 px: no sideways-scrolling region a keyboard cannot reach. */}
      <Card size="small" title="各版本主密钥及其包裹的数据密钥数">
        <Table<Version> rowKey="version" size="small" pagination={false} columns={columns} dataSource={(s?.versions ?? []).map((v) => ({ version: v.version, dataKeys: v.children, publicationKeys: v.publicationKeys, inKeyFile: v.inKeyFile }))} loading={status.loading} />
      </Card>
      <Typography.Paragraph type="secondary" style={{ marginTop: 16 }}>
        轮换主密钥：在服务器上运行 <Typography.Text code>npx hutong keys rotate</Typography.Text>（服务无需停止）。轮换只重新包裹各儿童与各发布稿件的数据密钥，不重新加密数据；旧版本须保留在密钥文件中，直到其包裹数为 0。
      </Typography.Paragraph>
    </>
  );
}
