import { Tooltip } from 'antd';
import { useRegionName } from '../hooks/useRegionName.ts';

/** A region's full name, its code on hover. */
export function RegionName({ code, fallback = '—' }: { code: string | null | undefined; fallback?: string }) {
  const name = useRegionName(code);
  if (!code) return <>{fallback}</>;
  return <Tooltip title={`区划代码 ${code}`}><span>{name}</span></Tooltip>;
}
