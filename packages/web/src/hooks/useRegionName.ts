import { useEffect, useState } from 'react';
import { regionsApi } from '../api/endpoints.ts';
import { NATIONWIDE } from '../api/labels.ts';

const cache = new Map<string, Promise<string>>();

export function regionFullName(code: string): Promise<string> {
  if (/^0+$/.test(code)) return Promise.resolve('全国');
  let p = cache.get(code);
  if (!p) {
    p = regionsApi.get(code).then((r) => r.fullName ?? (r.path?.length ? r.path.map((x) => x.name).join('') : r.name));
    p.catch(() => cache.delete(code));
    cache.set(code, p);
  }
  return p;
}

/** The full name of a region code (福建省福州市闽侯县; 全国 for 000000000000), the code until it is known. */
export function useRegionName(code: string | null | undefined): string | undefined {
  const [name, setName] = useState<string | undefined>(code ?? undefined);
  useEffect(() => {
    if (!code) {
      setName(undefined);
      return;
    }
    setName(code === NATIONWIDE ? '全国' : code);
    let live = true;
    regionFullName(code).then((n) => { if (live) setName(n); }, () => undefined);
    return () => { live = false; };
  }, [code]);
  return name;
}
