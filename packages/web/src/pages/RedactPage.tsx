import { useState } from 'react';
import { Flex, Switch, Tabs, Typography } from 'antd';
import type { PresetName } from '../api/redact.ts';
import { useSession } from '../hooks/useSession.tsx';
import { PageHeader } from '../components/PageHeader.tsx';
import { PresetPicker } from '../components/redact/PresetPicker.tsx';
import { TextWorkbench } from '../components/redact/TextWorkbench.tsx';
import { FileWorkbench } from '../components/redact/FileWorkbench.tsx';
import { SectionTitle } from '../components/SectionTitle.tsx';

/**
 * 技术处理 workbench (第十三、十四条): publicity drafts, judgments, aid lists and statistics are
 * processed on the server before they leave the office; the reviewer checks each finding first.
 */
export default function RedactPage() {
  const { can } = useSession();
  const [preset, setPreset] = useState<PresetName>('news');
  const [registry, setRegistry] = useState(false);
  // Matching the register reveals who is registered: only those who may read it see the option.
  const useRegistry = can('child.read') && registry;

  return (
    <div style={{ maxWidth: 1280 }}>
      <PageHeader title="技术处理" subtitle="发布或报送前，去除能识别出儿童的信息（《困境儿童个人信息保护工作办法》第十三、十四条）" />
      <SectionTitle style={{ marginTop: 0 }}>处理预设</SectionTitle>
      <PresetPicker value={preset} onChange={setPreset} />
      {can('child.read') && (
        <Flex align="center" gap={8} style={{ margin: '12px 0 0' }}>
          <Switch checked={registry} onChange={setRegistry} aria-label="同时按本机构名册精确匹配" />
          <Typography.Text>同时按本机构名册精确匹配</Typography.Text>
          <Typography.Text type="secondary" style={{ fontSize: 12 }}>（读取名册记入处理台账）</Typography.Text>
        </Flex>
      )}
      <Tabs
        style={{ marginTop: 8 }}
        items={[
          { key: 'text', label: '粘贴文本', children: <TextWorkbench preset={preset} useRegistry={useRegistry} /> },
          { key: 'file', label: '上传文件', children: <FileWorkbench preset={preset} useRegistry={useRegistry} /> },
        ]}
      />
    </div>
  );
}
