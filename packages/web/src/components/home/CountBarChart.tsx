import ReactEChartsCore from 'echarts-for-react/esm/core';
import * as echarts from 'echarts/core';
import { BarChart } from 'echarts/charts';
import { GridComponent } from 'echarts/components';
import { CanvasRenderer } from 'echarts/renderers';
import type { Cell } from '../../api/dashboard.ts';
import { cellText } from './cell-text.ts';

echarts.use([BarChart, GridComponent, CanvasRenderer]);

/**
 * Counts by label where some are withheld: a withheld cell gets no bar (its size is the secret)
 * but keeps its row with “<5”, so the reader sees that there are children there. No tooltip:
 * it would only repeat the label. Loaded on demand to keep ECharts out of the first bundle.
 */
export default function CountBarChart({ cells, ariaLabel, labelWidth }: { cells: Cell[]; ariaLabel: string; labelWidth: number }) {
  const option = {
    grid: { left: 8, right: 40, top: 8, bottom: 8, containLabel: true },
    xAxis: { type: 'value', minInterval: 1, axisLabel: { color: '#666' } },
    yAxis: { type: 'category', data: cells.map((c) => c.label), inverse: true, axisLabel: { color: '#333', width: labelWidth, overflow: 'break', lineHeight: 14 } },
    series: [{
      type: 'bar',
      barMaxWidth: 20,
      data: cells.map((c) => (c.suppressed
        ? { value: 0, label: { show: true, position: 'right', formatter: '<5', color: '#8c8c8c' } }
        : { value: c.count, label: { show: true, position: 'right' }, itemStyle: { color: '#1668dc' } })),
    }],
  };
  return (
    <div role="img" aria-label={`${ariaLabel}：${cells.map((c) => `${c.label} ${cellText(c)}`).join('，')}`}>
      <ReactEChartsCore echarts={echarts} option={option} style={{ height: Math.max(120, cells.length * 40 + 24), width: '100%' }} notMerge />
    </div>
  );
}
