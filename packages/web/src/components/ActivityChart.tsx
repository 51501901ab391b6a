import ReactEChartsCore from 'echarts-for-react/esm/core';
import * as echarts from 'echarts/core';
import { BarChart } from 'echarts/charts';
import { GridComponent, TooltipComponent } from 'echarts/components';
import { CanvasRenderer } from 'echarts/renderers';

echarts.use([BarChart, GridComponent, TooltipComponent, CanvasRenderer]);

/** A bar chart of counts by label. Loaded on demand: ECharts stays out of the first bundle. */
export default function ActivityChart({ data, height = 260, ariaLabel }: { data: { label: string; count: number }[]; height?: number; ariaLabel: string }) {
  const option = {
    grid: { left: 8, right: 16, top: 16, bottom: 8, containLabel: true },
    tooltip: { trigger: 'axis' },
    xAxis: { type: 'value', minInterval: 1 },
    yAxis: { type: 'category', data: data.map((d) => d.label), inverse: true, axisLabel: { color: '#333' } },
    series: [{ type: 'bar', data: data.map((d) => d.count), itemStyle: { color: '#1668dc' }, barMaxWidth: 22, label: { show: true, position: 'right' } }],
  };
  return (
    <div role="img" aria-label={`${ariaLabel}：${data.map((d) => `${d.label} ${d.count} 条`).join('，')}`}>
      <ReactEChartsCore echarts={echarts} option={option} style={{ height, width: '100%' }} notMerge />
    </div>
  );
}
