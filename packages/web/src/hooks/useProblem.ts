import { useCallback, useState } from 'react';
import type { FormInstance } from 'antd';
import { ApiError, errorMessage } from '../api/client.ts';

export interface FormProblem {
  /** Short heading (the problem's title). */
  title: string;
  /** The server's Chinese explanation; empty when every message was put next to its field. */
  detail: string;
  article?: string | undefined;
  code?: string | undefined;
}

/**
 * Puts a failed save's problem+json on the form: each `fields[]` message under its control, the
 * rest in a form-level alert. Values typed are left as they are.
 */
export function useProblem(form?: FormInstance) {
  const [problem, setProblem] = useState<FormProblem | null>(null);

  const clear = useCallback(() => setProblem(null), []);

  const handle = useCallback((e: unknown) => {
    if (!(e instanceof ApiError)) {
      setProblem({ title: '操作失败', detail: errorMessage(e) });
      return;
    }
    const unplaced: string[] = [];
    if (form && e.fields.length) {
      const known = new Set(form.getFieldsError().map((f) => f.name.join('.')));
      const byField = new Map<string, string[]>();
      for (const f of e.fields) {
        const name = f.field.replace(/^body\./, '');
        if (known.has(name)) byField.set(name, [...(byField.get(name) ?? []), f.message]);
        else unplaced.push(f.message);
      }
      form.setFields([...byField].map(([name, errors]) => ({ name: name.split('.'), errors })));
      if (byField.size && !unplaced.length) {
        // A validation problem's detail only repeats the field messages; any other says more.
        if (e.code === 'HUTONG_VALIDATION') setProblem({ title: '输入有误', detail: '', article: e.article, code: e.code });
        else setProblem({ title: e.title, detail: e.detail, article: e.article, code: e.code });
        return;
      }
    }
    setProblem({
      title: e.title,
      detail: unplaced.length ? unplaced.join('；') : e.detail,
      article: e.article,
      code: e.code,
    });
  }, [form]);

  return { problem, handle, clear };
}
