import { Link } from 'react-router-dom';
import { Typography } from 'antd';
import type { FieldValue } from '../api/types.ts';
import { FieldText } from './FieldText.tsx';

/**
 * A child named in a to-do list: the masked name and the place, enough to tell rows apart.
 * Emergency reviews carry only the record's id, so the link then shows its first characters.
 */
export function ChildLink({ childId, name, place, tab, label }: { childId: string; name?: FieldValue | string | null; place?: string | undefined; tab?: string; label?: string }) {
  const to = `/children/${encodeURIComponent(childId)}${tab ? `?tab=${tab}` : ''}`;
  return (
    <span>
      <Link to={to} aria-label={label}>
        {name ? <FieldText field={name} strong /> : <>儿童 <code>{childId.slice(0, 8)}</code></>}
      </Link>
      {place && <Typography.Text type="secondary" style={{ marginLeft: 6, fontSize: 12 }}>{place}</Typography.Text>}
    </span>
  );
}
