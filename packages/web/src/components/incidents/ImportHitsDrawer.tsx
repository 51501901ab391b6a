import { useCallback, useRef, useState } from 'react';
import { Alert, Button, Drawer, Flex, Form, Input, Result, Select, Space, Statistic, Typography, Upload } from 'antd';
import type { UploadFile } from 'antd';
import { UploadOutlined } from '@ant-design/icons';
import { incidentsApi, type HitsResult, type HitsUpload, type PostLine, type SourceKind } from '../../api/incidents.ts';
import { useIsMobile } from '../../hooks/useIsMobile.ts';
import { useProblem } from '../../hooks/useProblem.ts';
import { ProblemAlert } from '../ProblemAlert.tsx';
import { SOURCE_OPTIONS } from './labels.ts';
import { parseHits, parsePosts, postsHit, type LineProblem } from './hits-file.ts';

interface Values {
  source: { kind: SourceKind; name: string };
  packageVersion?: string;
  hits: UploadFile[];
  posts?: UploadFile[];
}

/** The server's limit on a request body; checked here only to spare a long upload that would be refused. */
const MAX_BYTES = 40 * 1024 * 1024;
const SHOWN_PROBLEMS = 20;
/** The server's MAX_HITS per call (incidents/incident.schema.ts). */
const MAX_BATCH = 1000;

const fileOf = (list: UploadFile[] | undefined) => list?.[0]?.originFileObj as File | undefined;
const uploadValue = (e: { fileList: UploadFile[] } | UploadFile[]) => (Array.isArray(e) ? e : e.fileList).slice(-1);

function FilePicker({ value, onChange, id, hint }: { value?: UploadFile[]; onChange?: (v: UploadFile[]) => void; id?: string; hint: string }) {
  return (
    <Upload accept=".jsonl,.json,.txt" maxCount={1} fileList={value ?? []} beforeUpload={() => false}
      onChange={(info) => onChange?.(uploadValue(info))}>
      <Button id={id} icon={<UploadOutlined />}>{hint}</Button>
    </Upload>
  );
}

/**
 * 导入巡查结果: the hits of a screening run (hits.jsonl) and, optionally, the posts it scanned, so
 * the server can keep each post's SM3 and a redacted excerpt (第五条). Bad lines are named before
 * anything is sent; only posts that were hit are sent.
 */
export function ImportHitsDrawer({ open, onClose, onImported }: { open: boolean; onClose: () => void; onImported: () => void }) {
  const [form] = Form.useForm<Values>();
  const mobile = useIsMobile();
  const [lines, setLines] = useState<{ title: string; problems: LineProblem[] } | null>(null);
  const [result, setResult] = useState<HitsResult | null>(null);
  // Server messages about hits[3] go under the file, by the line it came from.
  // A ref: the message arrives inside the save that set it, before any re-render.
  const hitLines = useRef<number[]>([]);
  const place = useCallback((path: string, message: string) => {
    const m = /^(hits|posts)\.(\d+)/u.exec(path);
    if (!m) return false;
    const line = m[1] === 'hits' ? hitLines.current[Number(m[2])] : undefined;
    form.setFields([{ name: m[1] as 'hits' | 'posts', errors: [`${line ? `第 ${line} 行` : `第 ${Number(m[2]) + 1} 条`}：${message}`] }]);
    return true;
  }, [form]);
  const { problem, clear, busy, run } = useProblem(form, place);

  const close = () => {
    clear();
    setLines(null);
    if (result) {
      setResult(null);
      form.resetFields();
    }
    onClose();
  };

  const submit = async (v: Values) => {
    setLines(null);
    await run(async () => {
      const hitsFile = fileOf(v.hits);
      if (!hitsFile) return;
      const postsFile = fileOf(v.posts);
      if (hitsFile.size + (postsFile?.size ?? 0) > MAX_BYTES) throw new Error('文件超过 40 MB：请把巡查结果分成几个文件导入，或在服务器上用命令行导入');
      const hits = parseHits(await hitsFile.text());
      if (hits.problems.length) {
        setLines({ title: `${hitsFile.name} 中有误的行`, problems: hits.problems });
        throw new Error(`${hitsFile.name} 有 ${hits.problems.length} 行有误，未导入任何内容：请改正后重新选择文件`);
      }
      if (!hits.items.length) throw new Error(`${hitsFile.name} 中没有命中记录`);
      let posts: PostLine[] | undefined;
      if (postsFile) {
        const parsed = parsePosts(await postsFile.text());
        if (parsed.problems.length) {
          setLines({ title: `${postsFile.name} 中有误的行`, problems: parsed.problems });
          throw new Error(`${postsFile.name} 有 ${parsed.problems.length} 行有误，未导入任何内容：请改正后重新选择文件`);
        }
        posts = postsHit(parsed.items, hits.items);
      }
      const source = { kind: v.source.kind, name: v.source.name.trim() };
      const packageVersion = v.packageVersion?.trim();
      const total: HitsResult = { created: 0, duplicates: 0, unresolved: 0, incidents: [] };
      // The server takes MAX_BATCH hits a call; re-importing is harmless (duplicates are not registered twice).
      for (let from = 0; from < hits.items.length; from += MAX_BATCH) {
        const batch = hits.items.slice(from, from + MAX_BATCH);
        hitLines.current = hits.lines.slice(from, from + MAX_BATCH);
        const body: HitsUpload = { source, ...(packageVersion ? { packageVersion } : {}), hits: batch, ...(posts ? { posts: postsHit(posts, batch) } : {}) };
        let r: HitsResult;
        try {
          r = await incidentsApi.ingest(body);
        } catch (e) {
          if (from > 0) {
            onImported();
            setLines({ title: `${hitsFile.name} 只导入了一部分`, problems: [{ line: hits.lines[from]!, message: `前 ${from} 条命中已导入（新建 ${total.created} 件）；自此行起未导入。改正后重新导入整个文件即可，已导入的不会重复登记` }] });
          }
          throw e;
        }
        total.created += r.created;
        total.duplicates += r.duplicates;
        total.unresolved += r.unresolved;
        total.incidents.push(...r.incidents);
      }
      setResult(total);
      onImported();
    });
  };

  return (
    <Drawer open={open} onClose={close} size={mobile ? '100%' : 640} title="导入巡查结果" forceRender
      footer={result ? <Button type="primary" onClick={close}>完成</Button> : (
        <Space><Button type="primary" loading={busy} onClick={() => form.submit()}>导入</Button><Button onClick={close}>取消</Button></Space>
      )}>
      {result ? <Imported result={result} /> : (
        <>
          <Typography.Paragraph type="secondary">
            导入用巡查包扫描帖子得到的命中（hutong screen scan 输出的 hits.jsonl）。每条命中对应到在册儿童后成为一件泄露事件，儿童所属机构随即收到提示；同一帖子与同一儿童重复导入只记一次（《困境儿童个人信息保护工作办法》第五条）。
          </Typography.Paragraph>
          <Form form={form} name="incidentHits" layout="vertical" requiredMark onFinish={(v) => void submit(v)}
            initialValues={{ source: { kind: 'cyberspace_screening' } }}>
            <ProblemAlert problem={problem} />
            {lines && <LineProblems title={lines.title} problems={lines.problems} />}
            <Form.Item name={['source', 'kind']} label="来源" rules={[{ required: true, message: '请选择来源' }]}
              extra="平台内部泄露：泄露来自本平台（如账号被盗用、导出文件外传），须另行启动数据泄露处置。">
              <Select options={SOURCE_OPTIONS} />
            </Form.Item>
            <Form.Item name={['source', 'name']} label="平台或发布者名称" rules={[{ required: true, whitespace: true, message: '请填写发现泄露的平台或发布者' }]}>
              <Input maxLength={100} placeholder="例如：某短视频平台" />
            </Form.Item>
            <Form.Item name="packageVersion" label="巡查包版本" extra="选填：扫描所用巡查包的版本号，便于核对。">
              <Input maxLength={40} style={{ maxWidth: 200 }} />
            </Form.Item>
            <Form.Item name="hits" label="命中文件（hits.jsonl）" valuePropName="value" getValueFromEvent={uploadValue}
              rules={[{ required: true, type: 'array', min: 1, message: '请选择 hits.jsonl' }]}>
              <FilePicker hint="选择 hits.jsonl" />
            </Form.Item>
            <Form.Item name="posts" label="帖子文件（posts.jsonl，选填）" valuePropName="value" getValueFromEvent={uploadValue}
              extra="选填：扫描的帖子原文。只发送被命中的帖子；服务器只保存其 SM3 摘要和经技术处理的摘录，原文随即丢弃。">
              <FilePicker hint="选择 posts.jsonl" />
            </Form.Item>
          </Form>
        </>
      )}
    </Drawer>
  );
}

function LineProblems({ title, problems }: { title: string; problems: LineProblem[] }) {
  const more = problems.length - SHOWN_PROBLEMS;
  return (
    <Alert type="warning" showIcon style={{ marginBottom: 16 }} title={title}
      description={(
        <ul style={{ margin: 0, paddingInlineStart: 20 }}>
          {problems.slice(0, SHOWN_PROBLEMS).map((p) => <li key={p.line}>第 {p.line} 行：{p.message}</li>)}
          {more > 0 && <li>另有 {more} 行有误</li>}
        </ul>
      )} />
  );
}

function Imported({ result }: { result: HitsResult }) {
  return (
    <Result status={result.created ? 'success' : 'info'} title={result.created ? `新建 ${result.created} 件泄露事件` : '没有新建事件'}
      subTitle="儿童所属机构已收到提示；导入已记入处理台账。"
      extra={(
        <Flex wrap gap={32} justify="center">
          <Statistic title="新建事件" value={result.created} />
          <Statistic title="重复（此前已导入）" value={result.duplicates} />
          <Statistic title="无法对应" value={result.unresolved}
            styles={{ content: { color: result.unresolved ? '#d46b08' : undefined } }} />
        </Flex>
      )}>
      {result.unresolved > 0 && (
        <Typography.Paragraph type="secondary">
          无法对应的命中：儿童引用不在本平台（巡查包已过期或名册已变化），请用新版巡查包重新扫描。
        </Typography.Paragraph>
      )}
    </Result>
  );
}
