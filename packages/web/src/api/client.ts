/**
 * The one fetch wrapper. Every error the server sends is application/problem+json
 * `{status, code, title, detail, fields?, article?}`; it becomes an ApiError the pages show
 * as is (the server's Chinese text), field by field where it names fields.
 */

export interface FieldProblem {
  field: string;
  message: string;
  row?: number;
}

export interface ProblemBody {
  type?: string;
  status?: number;
  code?: string;
  title?: string;
  detail?: string;
  fields?: FieldProblem[];
  article?: string;
  requestId?: string;
  [k: string]: unknown;
}

export class ApiError extends Error {
  readonly status: number;
  readonly code: string;
  readonly title: string;
  readonly detail: string;
  readonly fields: FieldProblem[];
  readonly article: string | undefined;
  readonly body: ProblemBody;

  constructor(status: number, body: ProblemBody) {
    const detail = body.detail || body.title || defaultMessage(status);
    super(detail);
    this.name = 'ApiError';
    this.status = status;
    this.code = body.code ?? `HTTP_${status}`;
    this.title = body.title ?? detail;
    this.detail = detail;
    this.fields = Array.isArray(body.fields) ? body.fields : [];
    this.article = typeof body.article === 'string' ? body.article : undefined;
    this.body = body;
  }
}

export function isApiError(e: unknown): e is ApiError {
  return e instanceof ApiError;
}

/** A readable Chinese message for anything a call can throw. */
export function errorMessage(e: unknown): string {
  if (e instanceof ApiError) return e.detail;
  if (e instanceof DOMException && e.name === 'AbortError') return '请求已取消';
  if (e instanceof TypeError) return '无法连接服务器，请检查网络后重试';
  if (e instanceof Error && /[\u4e00-\u9fff]/u.test(e.message)) return e.message;
  return '操作失败，请稍后重试';
}

function defaultMessage(status: number): string {
  switch (status) {
    case 400: return '输入有误';
    case 401: return '请先登录';
    case 403: return '无权执行此操作';
    case 404: return '记录不存在或无权访问';
    case 409: return '与现有记录冲突';
    case 423: return '账户已锁定';
    case 429: return '操作过于频繁，请稍后再试';
    case 502: case 503: case 504: return '服务器暂时不可用，请稍后重试';
    default: return status >= 500 ? '服务器内部错误，请稍后重试或联系管理员' : '请求失败';
  }
}

export type QueryValue = string | number | boolean | null | undefined;

export interface RequestOptions {
  query?: Record<string, QueryValue>;
  body?: unknown;
  signal?: AbortSignal;
}

/** Listeners told about every answered request (idle tracking) and about a lost session. */
type ActivityListener = () => void;
type SessionLostListener = (err: ApiError) => void;
const activityListeners = new Set<ActivityListener>();
const sessionLostListeners = new Set<SessionLostListener>();

export function onApiActivity(fn: ActivityListener): () => void {
  activityListeners.add(fn);
  return () => activityListeners.delete(fn);
}

/** Called when a request made with a session gets 401: the session has expired or was ended. */
export function onSessionLost(fn: SessionLostListener): () => void {
  sessionLostListeners.add(fn);
  return () => sessionLostListeners.delete(fn);
}

/** Paths whose 401 is an answer (wrong password, wrong code), not a lost session. */
const AUTH_FLOW = /^\/auth\/(login|password|totp|logout|me)\b/;

export function buildUrl(path: string, query?: Record<string, QueryValue>): string {
  const qs = new URLSearchParams();
  for (const [k, v] of Object.entries(query ?? {})) {
    if (v === undefined || v === null || v === '') continue;
    qs.set(k, String(v));
  }
  const s = qs.toString();
  return `/api${path}${s ? `?${s}` : ''}`;
}

export async function request<T>(method: string, path: string, opts: RequestOptions = {}): Promise<T> {
  const headers: Record<string, string> = { Accept: 'application/json, application/problem+json' };
  let body: BodyInit | undefined;
  if (opts.body !== undefined) {
    headers['Content-Type'] = 'application/json';
    body = JSON.stringify(opts.body);
  }
  const res = await fetch(buildUrl(path, opts.query), {
    method,
    headers,
    body,
    credentials: 'same-origin',
    signal: opts.signal,
  });
  const text = await res.text();
  let data: unknown = undefined;
  if (text) {
    try {
      data = JSON.parse(text);
    } catch {
      data = undefined;
    }
  }
  if (!res.ok) {
    const problem: ProblemBody = data && typeof data === 'object' ? (data as ProblemBody) : { status: res.status };
    const err = new ApiError(res.status, problem);
    if (res.status === 401 && !AUTH_FLOW.test(path)) for (const fn of sessionLostListeners) fn(err);
    throw err;
  }
  for (const fn of activityListeners) fn();
  return data as T;
}

export const http = {
  get: <T>(path: string, query?: Record<string, QueryValue>, signal?: AbortSignal) =>
    request<T>('GET', path, { query, signal }),
  post: <T>(path: string, body?: unknown) => request<T>('POST', path, { body: body ?? {} }),
  patch: <T>(path: string, body: unknown) => request<T>('PATCH', path, { body }),
  put: <T>(path: string, body: unknown) => request<T>('PUT', path, { body }),
  // Some deletions carry a reason the server writes into the ledger.
  del: <T>(path: string, body?: unknown) => request<T>('DELETE', path, body === undefined ? {} : { body }),
};
