import { useState } from 'react';
import { useNavigate } from 'react-router-dom';
import { Button, Flex } from 'antd';
import { CheckOutlined, EditOutlined, RollbackOutlined } from '@ant-design/icons';
import { publicationsApi, type PublicationDetail } from '../../api/publications.ts';
import { ReasonDialog } from '../ReasonDialog.tsx';

/** The return reasons typed one a line: each line is one reason the submitter sees. */
export const reasonLines = (text: string) => text.split(/\r?\n/u).map((l) => l.trim()).filter(Boolean);

/**
 * What the viewer may do now, as the server's abilities say: a reviewer approves (with the
 * reason, 审核结论) or returns (with reasons); a submitter revises a returned or blocked draft.
 */
export function ReviewActions({ pub, onChanged }: { pub: PublicationDetail; onChanged: (p: PublicationDetail) => void }) {
  const navigate = useNavigate();
  const [open, setOpen] = useState<'approve' | 'return' | null>(null);
  const { abilities } = pub;
  if (!abilities.approve && !abilities.return && !abilities.resubmit) return null;
  return (
    <Flex wrap gap={8}>
      {abilities.approve && <Button type="primary" icon={<CheckOutlined />} onClick={() => setOpen('approve')}>批准发布</Button>}
      {abilities.return && <Button danger icon={<RollbackOutlined />} onClick={() => setOpen('return')}>退回修改</Button>}
      {abilities.resubmit && (
        <Button type="primary" icon={<EditOutlined />} onClick={() => navigate(`/publications/new?revisionOf=${encodeURIComponent(pub.id)}`)}>修改后重新提交</Button>
      )}
      <ReasonDialog
        open={open === 'approve'}
        title="批准发布"
        label="审核结论与理由"
        field="note"
        okText="批准发布"
        danger={false}
        maxLength={500}
        intro="批准时按今日在案的同意重新核对；有禁止发布事项或缺少同意时不能批准。批准后，技术处理后的文件成为可发布版本，其 SM3 清单哈希记入处理台账的“公开”记录，原稿随即销毁。如保留了姓名、肖像等，或有标记事项，请在理由中说明。"
        onClose={() => setOpen(null)}
        onSubmit={async (note) => { onChanged(await publicationsApi.approve(pub.id, note)); setOpen(null); }}
      />
      <ReasonDialog
        open={open === 'return'}
        title="退回修改"
        label="退回理由（每行一条）"
        field="reason"
        okText="退回"
        maxLength={2000}
        intro="提交人将看到这些理由，修改后可重新提交。原稿保留 30 日供修改，期满销毁。"
        onClose={() => setOpen(null)}
        onSubmit={async (text) => { onChanged(await publicationsApi.return(pub.id, reasonLines(text))); setOpen(null); }}
      />
    </Flex>
  );
}
