import { lazy, Suspense } from 'react';
import { Card, Col, Progress, Row, Skeleton, Statistic, Typography } from 'antd';
import { InfoCircleOutlined } from '@ant-design/icons';
import type { Figures } from '../../api/dashboard.ts';
import { useIsMobile } from '../../hooks/useIsMobile.ts';
import { cellText } from './cell-text.ts';
import { SectionTitle } from '../SectionTitle.tsx';

const CountBarChart = lazy(() => import('./CountBarChart.tsx'));

function time(iso: string): string {
  const d = new Date(iso);
  return `${String(d.getHours()).padStart(2, '0')}:${String(d.getMinutes()).padStart(2, '0')}`;
}

function ConsentCoverage({ consent }: { consent: Figures['consent'] }) {
  const percent = consent.share === null ? null : Math.round(consent.share * 100);
  return (
    <Card size="small" title="同意与告知覆盖" style={{ height: '100%' }}>
      {percent === null ? (
        <Typography.Paragraph>已覆盖 {cellText(consent.covered, ' 名')}，未覆盖 {cellText(consent.notCovered, ' 名')}。人数少于 5 时不显示比例。</Typography.Paragraph>
      ) : (
        <>
          <Progress percent={percent} aria-label={`同意与告知覆盖 ${percent}%`} />
          <Typography.Paragraph style={{ marginBottom: 8 }}>已覆盖 {cellText(consent.covered, ' 名')}，未覆盖 {cellText(consent.notCovered, ' 名')}</Typography.Paragraph>
        </>
      )}
      <Typography.Text type="secondary" style={{ fontSize: 13 }}>
        “已覆盖”指至少有一份仍然有效的同意，或已登记告知监护人。民政部门依法定职责处理的儿童无须同意，也算作未覆盖。
      </Typography.Text>
    </Card>
  );
}

/** Figures for the person's jurisdiction, with small counts withheld by the server (第三条). */
export function FiguresSection({ figures, jurisdiction }: { figures: Figures; jurisdiction: string | null }) {
  const mobile = useIsMobile();
  const labelWidth = mobile ? 96 : 200;
  // 困境儿童（监护缺失或监护不当） breaks badly beside a phone-width chart; the bracket is what differs.
  const byCategory = mobile ? figures.byCategory.map((c) => ({ ...c, label: c.label.replace(/^困境儿童（(.+)）$/u, '困境：$1') })) : figures.byCategory;
  return (
    <section aria-label="辖区统计">
      <SectionTitle look={4}>辖区统计{jurisdiction ? ` · ${jurisdiction}` : ''}</SectionTitle>
      <Typography.Paragraph type="secondary" style={{ marginTop: -4 }}>
        <InfoCircleOutlined aria-hidden /> 少于 5 的数字不显示，以免识别到具体儿童（显示为“&lt;5”）。统计于 {time(figures.asOf)}，一分钟内再次打开沿用这次的结果。
      </Typography.Paragraph>
      <Row gutter={[16, 16]}>
        <Col xs={24} md={8}>
          <Card size="small" style={{ height: '100%' }}>
            <Statistic title="在册儿童" value={cellText(figures.children)} suffix={figures.children.suppressed ? undefined : '名'} />
          </Card>
        </Col>
        <Col xs={24} md={16}><ConsentCoverage consent={figures.consent} /></Col>
        <Col xs={24} xl={12}>
          <Card size="small" style={{ height: '100%' }} title="按儿童类别" extra={<Typography.Text type="secondary" style={{ fontSize: 12 }}>一名儿童可属多个类别</Typography.Text>}>
            <Suspense fallback={<Skeleton active />}>
              <CountBarChart cells={byCategory} ariaLabel="按儿童类别统计" labelWidth={labelWidth} />
            </Suspense>
          </Card>
        </Col>
        <Col xs={24} xl={12}>
          <Card size="small" style={{ height: '100%' }} title={`按${figures.regionLevel}区划`}>
            {figures.byRegion.length === 0 ? <Typography.Text type="secondary">辖区内暂无在册儿童</Typography.Text> : (
              <Suspense fallback={<Skeleton active />}>
                <CountBarChart cells={figures.byRegion} ariaLabel={`按${figures.regionLevel}区划统计`} labelWidth={labelWidth} />
              </Suspense>
            )}
          </Card>
        </Col>
      </Row>
    </section>
  );
}
