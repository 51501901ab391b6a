import { List, Space, Tag, Typography } from 'antd';
import type { LinkedChild } from '../../api/publications.ts';
import { AGE_BANDS, CONSENT_BY, MATCHED_BY } from './labels.ts';

/**
 * Registered children the draft names, as the server shows them: a reference valid only inside
 * this publication and a masked name, never who the child is (第十三条 asks whose consent is
 * missing, not for the child's details).
 */
export function ChildrenPanel({ items }: { items: LinkedChild[] }) {
  if (!items.length) {
    return <Typography.Text type="secondary">稿件中的姓名、身份证号未与本辖区名册中的儿童对应。</Typography.Text>;
  }
  return (
    <>
      <List
        size="small"
        bordered
        dataSource={items}
        aria-label="关联的在册儿童"
        renderItem={(c) => {
          const missing = c.needs.filter((n) => !n.satisfied);
          return (
            <List.Item style={{ display: 'block' }} data-child-ref={c.ref}>
              <Space wrap size={6}>
                <Typography.Text strong>儿童 {c.ref}</Typography.Text>
                {c.maskedName && <Typography.Text>{c.maskedName}</Typography.Text>}
                <Tag>{AGE_BANDS[c.ageBand]}</Tag>
                {c.consented ? <Tag color="green">同意齐备</Tag> : <Tag color="red">缺少同意</Tag>}
              </Space>
              <div><Typography.Text type="secondary" style={{ fontSize: 13 }}>按{MATCHED_BY[c.matchedBy]}与名册对应</Typography.Text></div>
              <Space wrap size={4} style={{ marginTop: 4 }}>
                {c.needs.map((n) => (
                  <Tag key={n.by} color={n.satisfied ? 'green' : 'orange'}>{CONSENT_BY[n.by]}：{n.satisfied ? '已取得' : '未取得'}</Tag>
                ))}
              </Space>
              {missing.length > 0 && (
                <div style={{ marginTop: 4 }}>
                  <Typography.Text type="danger">
                    还须取得{missing.map((n) => CONSENT_BY[n.by]).join('、')}，并事先告知必要性以及对个人权益的影响（第十二、十三条）
                  </Typography.Text>
                </div>
              )}
            </List.Item>
          );
        }}
      />
      <Typography.Paragraph type="secondary" style={{ fontSize: 13, marginTop: 8, marginBottom: 0 }}>
        同意由儿童所属机构在儿童名册“同意与告知”中登记；登记后审核员再次批准时按当日在案的同意重新判定。
      </Typography.Paragraph>
    </>
  );
}
