import { Alert } from 'antd';
import type { FormProblem } from '../hooks/useProblem.ts';
import { ApiError, errorMessage } from '../api/client.ts';

/** The server's Chinese message for a failed request, with the article it cites. */
export function ProblemAlert({ problem, onClose, style }: { problem: FormProblem | null; onClose?: () => void; style?: React.CSSProperties }) {
  if (!problem) return null;
  const hasDetail = !!problem.detail && problem.detail !== problem.title;
  // Every message sits under its field: the alert only says so.
  const message = hasDetail ? problem.detail : problem.detail ? problem.title : `${problem.title || '输入有误'}，请按标红处的提示修改`;
  const description = problem.article ? <div>依据：{problem.article}</div> : undefined;
  return (
    <Alert
      type="error"
      showIcon
      role="alert"
      title={message}
      description={description}
      closable={onClose ? { onClose } : false}
      style={{ marginBottom: 16, ...style }}
    />
  );
}

/** For load errors (not forms): an ApiError or anything thrown. */
export function LoadError({ error, onRetry }: { error: unknown; onRetry?: () => void }) {
  if (!error) return null;
  const problem: FormProblem = error instanceof ApiError
    ? { title: error.title, detail: error.detail, article: error.article, code: error.code }
    : { title: '加载失败', detail: errorMessage(error) };
  return (
    <Alert
      type="error"
      showIcon
      role="alert"
      title={problem.detail || problem.title}
      description={problem.article ? `依据：${problem.article}` : undefined}
      action={onRetry ? <a onClick={onRetry} role="button" tabIndex={0} onKeyDown={(e) => { if (e.key === 'Enter') onRetry(); }}>重试</a> : undefined}
      style={{ marginBottom: 16 }}
    />
  );
}
