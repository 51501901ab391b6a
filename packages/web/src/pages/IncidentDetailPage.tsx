import { useState } from 'react';
import { Link, useNavigate, useParams } from 'react-router-dom';
import { Alert, App, Button, Card, Flex, Result, Space, Spin } from 'antd';
import { ArrowLeftOutlined, CheckCircleOutlined, MessageOutlined, SendOutlined } from '@ant-design/icons';
import { ApiError } from '../api/client.ts';
import { incidentsApi, type IncidentDetail, type IncidentNotice } from '../api/incidents.ts';
import { useLoader } from '../hooks/useLoader.ts';
import { PageHeader } from '../components/PageHeader.tsx';
import { LoadError } from '../components/ProblemAlert.tsx';
import { SectionTitle } from '../components/SectionTitle.tsx';
import { FlagTags, StatusTag } from '../components/incidents/IncidentList.tsx';
import { EvidenceList, FollowUpList, IncidentFacts, IncidentTimeline, NoticeList, Resolved } from '../components/incidents/IncidentSections.tsx';
import { LetterDrawer, type LetterRequest } from '../components/incidents/LetterDrawer.tsx';
import { NoticeDialog } from '../components/incidents/NoticeDialog.tsx';
import { FollowUpDialog } from '../components/incidents/FollowUpDialog.tsx';
import { CloseDialog } from '../components/incidents/CloseDialog.tsx';
import { BreachPanel } from '../components/incidents/BreachPanel.tsx';
import { maskedName, SOURCE_KINDS } from '../components/incidents/labels.ts';

const NOTICE_HINT = '依据《困境儿童个人信息保护工作办法》第五、十四、十五条要求删除、更正或屏蔽；只引用经技术处理的摘录。可下载后加盖公章发出。';

/**
 * One leak incident (第五条): the child as masked, the redacted evidence, the notices and their
 * letters, follow-ups, closure and — for a leak from inside the platform — breach handling. What
 * the viewer may do is the server's `abilities`; a child outside the viewer's reach is a 404.
 */
export default function IncidentDetailPage() {
  const { id = '' } = useParams();
  const navigate = useNavigate();
  const { message } = App.useApp();
  const loaded = useLoader((signal) => incidentsApi.get(id, signal), [id]);
  const [dialog, setDialog] = useState<'notice' | 'followUp' | 'close' | null>(null);
  const [letter, setLetter] = useState<LetterRequest | null>(null);
  const i = loaded.data;

  const noticeLetter = (n: IncidentNotice): LetterRequest => ({
    title: `整改通知书 · ${n.recipient}`, hint: NOTICE_HINT, load: (signal) => incidentsApi.noticeLetter(id, n.id, signal),
  });
  const { setData } = loaded;
  const saved = (text: string, next?: IncidentDetail) => {
    setDialog(null);
    void message.success(text);
    if (next) setData(next);
    else loaded.reload();
  };

  const back = <Link to="/incidents" style={{ display: 'inline-block', marginBottom: 8 }}><ArrowLeftOutlined aria-hidden /> 返回泄露事件</Link>;
  if (!i) {
    if (loaded.error instanceof ApiError && loaded.error.status === 404) {
      return <Result status="404" title="事件不存在或无权访问" subTitle="该泄露事件不存在，或不属于您所在机构的辖区。"
        extra={<Button type="primary" onClick={() => navigate('/incidents')}>返回泄露事件</Button>} />;
    }
    return (
      <div style={{ maxWidth: 1080 }}>
        {back}
        <LoadError error={loaded.error} onRetry={loaded.reload} />
        {loaded.loading && <div style={{ padding: 48, textAlign: 'center' }}><Spin /></div>}
      </div>
    );
  }

  const { abilities } = i;
  const internal = i.source.kind === 'internal';
  const section = (title: string, body: React.ReactNode, testId?: string) => (
    <Card size="small" title={<SectionTitle style={{ margin: 0 }}>{title}</SectionTitle>} data-testid={testId}>{body}</Card>
  );
  return (
    <div style={{ maxWidth: 1080 }}>
      {back}
      <PageHeader
        title={`泄露事件：${maskedName(i)}`}
        subtitle={`${SOURCE_KINDS[i.source.kind] ?? i.source.kind} · ${i.source.name}`}
        extra={(
          <>
            {abilities.notify && <Button type="primary" icon={<SendOutlined />} onClick={() => setDialog('notice')}>发出整改通知</Button>}
            {abilities.followUp && <Button icon={<MessageOutlined />} onClick={() => setDialog('followUp')}>记录跟进</Button>}
            {abilities.close && <Button icon={<CheckCircleOutlined />} onClick={() => setDialog('close')}>结案</Button>}
          </>
        )}
      />
      <Space wrap size={6} style={{ marginBottom: 12 }}>
        <StatusTag i={i} />
        <FlagTags flags={i.flags} />
      </Space>
      {i.overdue && (
        <Alert type="error" showIcon style={{ marginBottom: 16 }} title="整改期限已过，事件尚未结案"
          description="请记录跟进情况；平台或发布者拒不处理的，可会同有关部门依法处置（《困境儿童个人信息保护工作办法》第五条）。" />
      )}
      <LoadError error={loaded.error} onRetry={loaded.reload} />

      <Flex vertical gap={16}>
        {section('儿童与来源', <IncidentFacts i={i} />)}
        {section('证据（已做技术处理）', <EvidenceList i={i} />, 'incident-evidence')}
        {section(`整改通知（${i.notices.length}）`, <NoticeList i={i} onOpen={(n) => setLetter(noticeLetter(n))} />, 'incident-notices')}
        {section(`跟进记录（${i.followUps.length}）`, <FollowUpList i={i} />, 'incident-follow-ups')}
        {internal && section('数据泄露处置', <BreachPanel incident={i} onSaved={setData} onLetter={setLetter} />, 'incident-breach')}
        {i.status === 'closed' && section('结案', <Resolved i={i} />)}
        {section('处理经过', <IncidentTimeline i={i} />, 'incident-timeline')}
      </Flex>

      <NoticeDialog incident={i} open={dialog === 'notice'} onClose={() => setDialog(null)}
        onIssued={(n) => { saved('整改通知已发出，记入处理台账'); setLetter(noticeLetter(n)); }} />
      <FollowUpDialog incidentId={i.id} open={dialog === 'followUp'} onClose={() => setDialog(null)} onSaved={(next) => saved('跟进已记录', next)} />
      <CloseDialog incidentId={i.id} open={dialog === 'close'} onClose={() => setDialog(null)} onSaved={(next) => saved('已结案', next)} />
      {/* Each letter fetched is on the timeline: show it once the letter is put away. */}
      <LetterDrawer letter={letter} onClose={() => { setLetter(null); loaded.reload(); }} />
    </div>
  );
}
