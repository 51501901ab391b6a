import type { FastifyError, FastifyInstance } from 'fastify';
import { hasZodFastifySchemaValidationErrors } from 'fastify-type-provider-zod';
import { HutongError, type FieldProblem } from '@hutong/core';

/**
 * Every error leaves as application/problem+json (RFC 9457) with a stable code, a Chinese
 * message and the fields at fault. A 5xx hides its details; they go to the log only.
 */
export function registerProblemHandler(app: FastifyInstance): void {
  app.setErrorHandler((err: FastifyError | HutongError, req, reply) => {
    let status = 500;
    let body: Record<string, unknown>;
    if (err instanceof HutongError) {
      status = err.statusCode;
      body = { code: err.code, title: err.message, detail: err.message, ...err.details };
    } else if (hasZodFastifySchemaValidationErrors(err)) {
      status = 400;
      const fields: FieldProblem[] = err.validation.map((v) => ({
        field: fieldPath(v.instancePath, v.params),
        message: zodMessageZh(v.params?.issue as ZodIssueLike | undefined, v.message),
      }));
      const message = fields.map((f) => `${f.field}：${f.message}`).join('；');
      body = { code: 'HUTONG_VALIDATION', title: '输入有误', detail: message, fields };
    } else if ((err as FastifyError).statusCode && (err as FastifyError).statusCode! < 500) {
      status = (err as FastifyError).statusCode!;
      body = { code: 'HUTONG_BAD_REQUEST', title: '请求无效', detail: badRequestZh(err as FastifyError) };
    } else {
      req.log.error({ err }, 'unhandled error');
      body = { code: 'HUTONG_INTERNAL', title: '服务器内部错误', detail: '服务器内部错误，请稍后重试或联系管理员' };
    }
    if (status >= 500 && err instanceof HutongError) req.log.error({ err }, 'server error');
    void reply.status(status).type('application/problem+json; charset=utf-8').send({ type: 'about:blank', status, instance: req.url.split('?')[0], requestId: req.id, ...body });
  });
}

/** The answer for an unknown route; the console's index.html takes non-API paths when served. */
export function notFoundProblem(method: string, url: string) {
  return { type: 'about:blank', status: 404, code: 'HUTONG_NOT_FOUND', title: '接口不存在', detail: `接口 ${method} ${url.split('?')[0]} 不存在` };
}

interface ZodIssueLike { code?: string; expected?: string; minimum?: number; maximum?: number; format?: string; values?: unknown[]; path?: unknown[]; message?: string }

function fieldPath(instancePath: string, params: Record<string, unknown> | undefined): string {
  const issue = params?.issue as ZodIssueLike | undefined;
  const fromIssue = issue?.path?.length ? issue.path.join('.') : '';
  return fromIssue || instancePath.replace(/^\//, '').replace(/\//g, '.') || '(请求体)';
}

/** Chinese for the zod issues users actually meet; custom messages pass through. */
function zodMessageZh(issue: ZodIssueLike | undefined, fallback: string | undefined): string {
  if (!issue) return fallback ?? '格式不正确';
  if (issue.message && /[\u4e00-\u9fff]/u.test(issue.message)) return issue.message;
  switch (issue.code) {
    case 'invalid_type': return issue.expected === 'undefined' ? '不应提供此字段' : '必填或类型不正确';
    case 'too_small': return `长度或数值不能小于 ${issue.minimum}`;
    case 'too_big': return `长度或数值不能大于 ${issue.maximum}`;
    case 'invalid_format': return `格式不正确（${issue.format ?? ''}）`;
    case 'invalid_value': return `取值不在允许范围内${issue.values ? '：' + issue.values.join('、') : ''}`;
    case 'unrecognized_keys': return '包含不允许的字段';
    default: return fallback ?? '格式不正确';
  }
}

function badRequestZh(err: FastifyError): string {
  if (err.code === 'FST_ERR_CTP_INVALID_MEDIA_TYPE') return '不支持的内容类型';
  if (err.code === 'FST_ERR_CTP_EMPTY_JSON_BODY') return '请求体不能为空';
  if (err.code === 'FST_ERR_CTP_BODY_TOO_LARGE') return '请求体过大';
  if (err instanceof SyntaxError || err.code === 'FST_ERR_CTP_INVALID_JSON_BODY') return '请求体不是有效的 JSON';
  return err.message;
}
