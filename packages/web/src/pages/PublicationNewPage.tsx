import { useCallback, useEffect, useRef, useState } from 'react';
import { Link, useNavigate, useSearchParams } from 'react-router-dom';
import { Alert, Button, Card, Form, Input, Select, Typography, Upload } from 'antd';
import type { UploadFile } from 'antd';
import { ArrowLeftOutlined, InboxOutlined, SendOutlined } from '@ant-design/icons';
import { PURPOSE_CODES } from '@hutong/core';
import { publicationsApi, type PublicationDetail } from '../api/publications.ts';
import { useLoader } from '../hooks/useLoader.ts';
import { useProblem } from '../hooks/useProblem.ts';
import { PageHeader } from '../components/PageHeader.tsx';
import { LoadError, ProblemAlert } from '../components/ProblemAlert.tsx';
import { fileToBase64 } from '../components/redact/download.ts';
import { AUDIENCE_OPTIONS, CHANNEL_OPTIONS, KIND_OPTIONS } from '../components/publication/labels.ts';

interface Values {
  title: string;
  kind: string;
  channel: string;
  audience: string;
  purpose: string;
  files: UploadFile[];
}

const ACCEPT = '.txt,.md,.csv,.docx,.xlsx,.jpg,.jpeg,.png,.webp,.wav,.mp3,.vtt,.srt';
/** The server's limits; checked here only to spare a long upload that would be refused. */
const MAX_FILE = 10 * 1024 * 1024;
const MAX_TOTAL = 30 * 1024 * 1024;
const MAX_FILES = 20;

/** 宣传报道 is what review is for; the others are listed so a forbidden use is declared, and refused, openly. */
const PURPOSE_OPTIONS = (['publicity', 'education_aid', 'care_service', 'charity_assistance', 'fundraising', 'livestream_commerce', 'traffic'] as const)
  .map((k) => ({ value: k, label: PURPOSE_CODES[k] }));

function sizeProblem(files: UploadFile[]): string | null {
  if (files.length > MAX_FILES) return `一次最多送审 ${MAX_FILES} 个文件`;
  const big = files.find((f) => (f.size ?? 0) > MAX_FILE);
  if (big) return `“${big.name}”超过 10 MB：请压缩图片、拆分文档，或把视频导出为音轨与截图分别送审`;
  if (files.reduce((n, f) => n + (f.size ?? 0), 0) > MAX_TOTAL) return '送审文件合计超过 30 MB，请分几次提交';
  return null;
}

/** The 第十五条 refusal, as the server stored it: why, and that a revision may follow. */
function BlockedNotice({ pub }: { pub: PublicationDetail }) {
  const blocks = pub.checks.filter((c) => c.severity === 'block');
  return (
    <Alert type="error" showIcon role="alert" style={{ marginBottom: 16 }}
      title={<strong>稿件已被拦截，不得发布（{blocks[0]?.clause ?? '《困境儿童个人信息保护工作办法》第十五条'}）</strong>}
      description={(
        <>
          <ul style={{ margin: '4px 0', paddingInlineStart: 18 }}>{blocks.map((c, i) => <li key={i}>{c.message}</li>)}</ul>
          <div>不得将困境儿童标签化，不得利用其个人信息博眼球、赚流量，或进行募捐、直播带货。请删除相关内容后重新提交；下方填写的内容和文件都已保留，重新提交即作为此稿的修改稿。</div>
          <Link to={`/publications/${pub.id}`}>查看被拦截的稿件</Link>
        </>
      )}
    />
  );
}

/**
 * 提交送审: the draft and its files go to the server, which processes them, links the registered
 * children they name and checks consent and 第十五条. A refusal shows beside the field it is
 * about; nothing typed or chosen is lost.
 */
export default function PublicationNewPage() {
  const navigate = useNavigate();
  const [params] = useSearchParams();
  const [form] = Form.useForm<Values>();
  // A refused file (`files[2]`) is also marked red in the list, so it is plain which one to take out.
  const place = useCallback((path: string, message: string) => {
    const i = Number(/^files\.(\d+)$/u.exec(path)?.[1] ?? NaN);
    const list = (form.getFieldValue('files') ?? []) as UploadFile[];
    if (list[i]) form.setFieldValue('files', list.map((f, k) => (k === i ? { ...f, status: 'error' as const, response: message } : f)));
    return false;
  }, [form]);
  const { problem, clear, busy, run } = useProblem(form, place);
  const [revisionOf, setRevisionOf] = useState<string | null>(params.get('revisionOf'));
  const [blocked, setBlocked] = useState<PublicationDetail | null>(null);
  const top = useRef<HTMLDivElement>(null);
  const fromUrl = params.get('revisionOf');
  const previous = useLoader((signal) => publicationsApi.get(fromUrl!, signal), [fromUrl], !!fromUrl);

  useEffect(() => {
    const p = previous.data;
    if (p) form.setFieldsValue({ kind: p.kind, channel: p.channel, audience: p.audience, purpose: p.purpose });
  }, [previous.data, form]);

  const submit = (v: Values) => run(async () => {
    const files = v.files ?? [];
    const tooBig = sizeProblem(files);
    if (tooBig) {
      form.setFields([{ name: 'files', errors: [tooBig] }]);
      return;
    }
    const body = {
      title: v.title.trim(), kind: v.kind, channel: v.channel, audience: v.audience, purpose: v.purpose,
      files: await Promise.all(files.map(async (f) => ({ filename: f.name, contentBase64: await fileToBase64(f.originFileObj as File) }))),
      ...(revisionOf ? { revisionOf } : {}),
    };
    const made = await publicationsApi.submit(body);
    if (made.status === 'blocked') {
      // Kept as a blocked draft: the next submission is its revision.
      setBlocked(made);
      setRevisionOf(made.id);
      top.current?.scrollIntoView({ block: 'start' });
      return;
    }
    navigate(`/publications/${made.id}`);
  });

  const prev = previous.data;
  return (
    <div style={{ maxWidth: 880 }} ref={top}>
      <Link to="/publications" style={{ display: 'inline-block', marginBottom: 8 }}><ArrowLeftOutlined aria-hidden /> 返回发布审核</Link>
      <PageHeader title={revisionOf ? '修改后重新提交' : '提交送审'}
        subtitle="稿件与文件先经技术处理，并与名册核对是否涉及困境儿童及其同意；审核员批准前不得发布（第十三、十四条）" />
      {blocked && <BlockedNotice pub={blocked} />}
      <LoadError error={previous.error} />
      {prev && !blocked && (
        <Alert type={prev.status === 'blocked' ? 'error' : 'warning'} showIcon style={{ marginBottom: 16 }}
          title={`修改稿：${prev.title}（${prev.status === 'blocked' ? '已拦截' : '已退回'}）`}
          description={(
            <>
              {prev.status === 'returned' && prev.decision && (
                <ol style={{ margin: '4px 0', paddingInlineStart: 18 }} aria-label="退回理由">{prev.decision.reasons.map((r, i) => <li key={i}>{r}</li>)}</ol>
              )}
              {prev.status === 'blocked' && (
                <ul style={{ margin: '4px 0', paddingInlineStart: 18 }}>{prev.checks.filter((c) => c.severity === 'block').map((c, i) => <li key={i}>{c.message}（{c.clause}）</li>)}</ul>
              )}
              {!prev.abilities.resubmit && <Typography.Text type="danger">这篇稿件不能再修改重新提交（只有被退回或被拦截的本人稿件可以）。</Typography.Text>}
            </>
          )}
        />
      )}
      <Card>
        <Form<Values> form={form} layout="vertical" onFinish={(v) => void submit(v)} initialValues={{ purpose: 'publicity', audience: 'public', files: [] }}
          onValuesChange={() => { if (problem) clear(); }}>
          <ProblemAlert problem={problem} onClose={clear} />
          <Form.Item name="title" label="标题" rules={[{ required: true, whitespace: true, message: '请填写标题' }]}
            extra="标题同样做技术处理，列表中只显示处理后的标题">
            <Input maxLength={200} showCount />
          </Form.Item>
          <Form.Item name="kind" label="发布类型" rules={[{ required: true, message: '请选择发布类型' }]}>
            <Select options={KIND_OPTIONS} placeholder="新闻、名单公示、海报、音视频……" />
          </Form.Item>
          <Form.Item name="channel" label="发布渠道" rules={[{ required: true, message: '请选择发布渠道' }]}
            extra="网络直播一律不予发布（第十五条）">
            <Select options={CHANNEL_OPTIONS} />
          </Form.Item>
          <Form.Item name="audience" label="受众" rules={[{ required: true, message: '请选择受众' }]}>
            <Select options={AUDIENCE_OPTIONS} />
          </Form.Item>
          <Form.Item name="purpose" label="用途" rules={[{ required: true, message: '请选择用途' }]}
            extra="募捐、直播带货、博眼球赚流量一律不予发布，无论是否取得同意（第十五条）">
            <Select options={PURPOSE_OPTIONS} />
          </Form.Item>
          <Form.Item name="files" label="文件" valuePropName="fileList" getValueFromEvent={(e: { fileList: UploadFile[] }) => e.fileList}
            rules={[{ required: true, type: 'array', min: 1, message: '请至少选择一个文件' }]}
            extra="录音可附同名转写稿（如 采访.mp3 与 采访.vtt），用于找出要静音的姓名；视频请导出音轨与截图分别送审">
            <Upload.Dragger multiple accept={ACCEPT} beforeUpload={() => false}>
              <p className="ant-upload-drag-icon"><InboxOutlined /></p>
              <p className="ant-upload-text">点击或拖入文件（可多选）</p>
              <p className="ant-upload-hint">.txt .md .csv .docx .xlsx .jpg .png .webp .wav .mp3，转写稿 .vtt .srt；每个不超过 10 MB，合计不超过 30 MB，最多 20 个</p>
            </Upload.Dragger>
          </Form.Item>
          <div style={{ marginTop: 8 }}>
            <Button type="primary" htmlType="submit" icon={<SendOutlined />} loading={busy}>{revisionOf ? '提交修改稿' : '提交送审'}</Button>
            {busy && <Typography.Text type="secondary" style={{ marginInlineStart: 12 }}>正在处理文件（图片和录音可能需要一分钟）……</Typography.Text>}
          </div>
        </Form>
      </Card>
    </div>
  );
}
