import type { Count } from '../../api/dashboard.ts';

/** How a count reads on screen: “<5” when the server withheld it. */
export function cellText(c: Count, unit = ''): string {
  return c.suppressed || c.count === null ? '<5' : `${c.count}${unit}`;
}
