import { useSyncExternalStore } from 'react';

/** Phones and narrow tablets (antd's md breakpoint is 768 px): cards instead of tables, a drawer instead of the side menu. */
const QUERY = '(max-width: 767.98px)';

function subscribe(onChange: () => void): () => void {
  const mql = window.matchMedia(QUERY);
  mql.addEventListener('change', onChange);
  return () => mql.removeEventListener('change', onChange);
}

export function useIsMobile(): boolean {
  return useSyncExternalStore(subscribe, () => window.matchMedia(QUERY).matches, () => false);
}
