import { Alert, Flex, Typography } from 'antd';
import type { PublicationCheck } from '../../api/publications.ts';
import { useIsMobile } from '../../hooks/useIsMobile.ts';
import { SEVERITIES } from './labels.ts';

/**
 * The server's checks, worst first, one box per severity; each line says what and under which
 * article. Nothing here is decided by the console.
 */
export function ChecksPanel({ checks }: { checks: PublicationCheck[] }) {
  // On a phone the icon column takes a fifth of the width the messages need.
  const mobile = useIsMobile();
  const groups = SEVERITIES.map((s) => ({ ...s, items: checks.filter((c) => c.severity === s.key) })).filter((g) => g.items.length);
  if (!groups.length) return <Typography.Text type="secondary">没有需要说明的核对结果。</Typography.Text>;
  return (
    <Flex vertical gap={12}>
      {groups.map((g) => (
        <Alert
          key={g.key}
          type={g.alert}
          showIcon={!mobile}
          data-severity={g.key}
          title={<span><strong>{g.title}</strong>（{g.items.length}）<Typography.Text type="secondary" style={{ fontSize: 13 }}> · {g.hint}</Typography.Text></span>}
          description={(
            <ul style={{ margin: 0, paddingInlineStart: 18 }} aria-label={g.title}>
              {g.items.map((c, i) => (
                <li key={`${c.code}-${i}`} style={{ marginBottom: 4 }}>
                  <span>{c.message}</span>
                  <div><Typography.Text type="secondary" style={{ fontSize: 12 }}>依据：{c.clause}</Typography.Text></div>
                </li>
              ))}
            </ul>
          )}
        />
      ))}
    </Flex>
  );
}
