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

/** `fieldRules[1].fields` and `body.fieldRules.1.fields` both name the form field fieldRules.1.fields. */
export function problemPath(field: string): string {
  return field.replace(/^body\./, '').replace(/\[(\d+)\]/g, '.$1');
}

/** 'fieldRules.1.fields' → ['fieldRules', 1, 'fields']: Form.List rows are named by number. */
function namePath(path: string): (string | number)[] {
  return path.split('.').map((s) => (/^\d+$/.test(s) ? Number(s) : s));
}

/**
 * Puts a failed save's problem+json on the form: each `fields[]` message under its control, the
 * rest in a form-level alert. Values typed are left as they are. `place` may take a message the
 * form has no control for (a whole rule of a list, say) and return true when it showed it.
 */
export function useProblem(form?: FormInstance, place?: (path: string, message: string) => boolean) {
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
      let placedElsewhere = false;
      for (const f of e.fields) {
        const path = problemPath(f.field);
        if (!known.has(path) && place?.(path, f.message)) {
          placedElsewhere = true;
          continue;
        }
        // `orgTypes.2` (one chosen value) goes under the orgTypes control.
        const name = known.has(path) ? path : path.replace(/\.\d+$/, '');
        if (known.has(name)) byField.set(name, [...(byField.get(name) ?? []), f.message]);
        else unplaced.push(f.message);
      }
      form.setFields([...byField].map(([name, errors]) => ({ name: namePath(name), errors })));
      if ((byField.size || placedElsewhere) && !unplaced.length) {
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
  }, [form, place]);

  const [busy, setBusy] = useState(false);
  /** Runs a save: busy while it runs, the last problem cleared first, a failure put on the form. Resolves true on success. */
  const run = useCallback(async (save: () => Promise<void>): Promise<boolean> => {
    setBusy(true);
    setProblem(null);
    try {
      await save();
      return true;
    } catch (e) {
      handle(e);
      return false;
    } finally {
      setBusy(false);
    }
  }, [handle]);

  return { problem, handle, clear, busy, run };
}
