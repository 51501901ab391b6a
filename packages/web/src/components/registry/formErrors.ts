import type { FormInstance } from 'antd';

/** A long form's refused save: bring the first field the server named into view. */
export function scrollToFirstError(form: FormInstance): void {
  const first = form.getFieldsError().find((f) => f.errors.length);
  if (first) form.scrollToField(first.name, { block: 'center', behavior: 'smooth' });
}

type Path = (string | number)[];

function isPlain(v: unknown): v is Record<string, unknown> {
  return !!v && typeof v === 'object' && Object.getPrototypeOf(v) === Object.prototype;
}

/** Paths of the controls a change touched: a Form.List row or a nested group is walked into, a value is not. */
function changedPaths(v: unknown, at: Path = []): Path[] {
  if (isPlain(v)) return Object.entries(v).flatMap(([k, x]) => changedPaths(x, [...at, k]));
  if (Array.isArray(v) && v.some(isPlain)) return v.flatMap((x, i) => (x === undefined ? [] : changedPaths(x, [...at, i])));
  return [at];
}

/**
 * onValuesChange: a server message stays on its control until the value is changed. A control
 * without rules is never re-validated, so without this a corrected value would keep the old error.
 */
export function clearServerErrors(form: FormInstance) {
  return (changed: unknown) => {
    const stale = changedPaths(changed).filter((p) => p.length && form.getFieldError(p).length);
    if (stale.length) form.setFields(stale.map((name) => ({ name, errors: [] })));
  };
}
