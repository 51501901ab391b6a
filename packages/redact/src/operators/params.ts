import type { FieldProblem } from '@hutong/core';
import type { OperatorParams } from './types.ts';

/** Parameter checks shared by operators; messages name the parameter so a policy author can fix it. */
export function checkParams(params: OperatorParams, spec: Record<string, 'count' | 'string' | 'char'>): FieldProblem[] {
  const problems: FieldProblem[] = [];
  for (const key of Object.keys(params)) {
    if (key === 'op') continue;
    const want = spec[key];
    const v = params[key];
    if (!want) {
      const known = Object.keys(spec);
      problems.push({ field: key, message: `不支持的参数${known.length ? `，可用参数：${known.join('、')}` : '（该处理方式不接受参数）'}` });
    } else if (want === 'count' && !(Number.isInteger(v) && (v as number) >= 0 && (v as number) <= 64)) {
      problems.push({ field: key, message: '应为 0–64 的整数' });
    } else if (want === 'string' && typeof v !== 'string') {
      problems.push({ field: key, message: '应为字符串' });
    } else if (want === 'char' && !(typeof v === 'string' && [...v].length === 1)) {
      problems.push({ field: key, message: '应为单个字符' });
    }
  }
  return problems;
}
