/**
 * Small-cell suppression for the home page figures. A count of 1–4 children of one 困境 category
 * in one village points at particular children (第三条, 第十五条: no labelling), so such a count
 * leaves the server only as `null` with `suppressed: true`.
 *
 * The rule, per table (one row of counts plus its total):
 * 1. Primary: every cell from 1 to MIN_CELL − 1 is suppressed. Zero is shown: it names no child.
 * 2. Complementary: if exactly one cell is suppressed, the total minus the others would give it
 *    back, so the smallest other non-zero cell is suppressed as well; with no such cell, the total.
 * 3. A total below MIN_CELL suppresses the total and every cell of the table, zeros included.
 * Tables sharing a total (by category, by region, consent coverage all count the same children)
 * are therefore safe to show side by side: no table needs its total withheld to stay safe.
 */
export const MIN_CELL = 5;

export interface Cell {
  key: string;
  label: string;
  count: number | null;
  suppressed: boolean;
}

export interface Count {
  count: number | null;
  suppressed: boolean;
}

const small = (n: number) => n > 0 && n < MIN_CELL;

export function suppressTable(rows: ReadonlyArray<{ key: string; label: string; count: number }>, total: number): { rows: Cell[]; total: Count } {
  const hidden = new Set(rows.filter((r) => small(r.count) || small(total)).map((r) => r.key));
  let hideTotal = small(total);
  if (hidden.size === 1 && !hideTotal) {
    const complement = rows.filter((r) => r.count > 0 && !hidden.has(r.key)).sort((a, b) => a.count - b.count)[0];
    if (complement) hidden.add(complement.key);
    else hideTotal = true;
  }
  return {
    rows: rows.map((r) => (hidden.has(r.key) ? { ...r, count: null, suppressed: true } : { ...r, suppressed: false })),
    total: hideTotal ? { count: null, suppressed: true } : { count: total, suppressed: false },
  };
}
