/**
 * Errors are values with a stable code the console switches on, a Chinese message for people,
 * and the field at fault. The server turns them into application/problem+json.
 */
export interface FieldProblem {
  readonly field: string;
  readonly message: string;
  readonly row?: number;
}

export class HutongError extends Error {
  constructor(
    readonly statusCode: number,
    readonly code: string,
    message: string,
    readonly details: { fields?: FieldProblem[]; article?: string; [k: string]: unknown } = {},
  ) {
    super(message);
    this.name = 'HutongError';
  }
}

export const errors = {
  validation: (fields: FieldProblem[], message = fields.map((f) => `${f.field}：${f.message}`).join('；')) =>
    new HutongError(400, 'HUTONG_VALIDATION', message, { fields }),
  unauthenticated: (message = '请先登录') => new HutongError(401, 'HUTONG_UNAUTHENTICATED', message),
  forbidden: (message: string, article?: string) => new HutongError(403, 'HUTONG_FORBIDDEN', message, article ? { article } : {}),
  /** Outside a user's jurisdiction a child does not exist: the same answer as a missing one. */
  notFound: (what = '记录') => new HutongError(404, 'HUTONG_NOT_FOUND', `${what}不存在或无权访问`),
  conflict: (message: string) => new HutongError(409, 'HUTONG_CONFLICT', message),
  locked: (message: string) => new HutongError(423, 'HUTONG_ACCOUNT_LOCKED', message),
  tooMany: (message: string) => new HutongError(429, 'HUTONG_TOO_MANY', message),
};
