import { BarChart, LineChart } from 'echarts/charts';
import { AriaComponent, GridComponent, LegendComponent, TooltipComponent } from 'echarts/components';
import * as echarts from 'echarts/core';
import { SVGRenderer } from 'echarts/renderers';
import { useEffect, useRef } from 'react';

// Only what this chart draws: bars of awards and a line of bonus points, day by day.
echarts.use([
  BarChart,
  LineChart,
  GridComponent,
  TooltipComponent,
  LegendComponent,
  AriaComponent,
  SVGRenderer,
]);

export interface ResultsChartProps {
  labels: string[];
  awards: number[];
  points: number[];
  awardsName: string;
  pointsName: string;
  formatCount: (value: number) => string;
  /** What the chart shows, for screen readers. */
  label: string;
}

/** A campaign's awards and bonus points by day. Loaded on its own, with ECharts, only when drawn. */
export default function ResultsChart(props: ResultsChartProps) {
  const { labels, awards, points, awardsName, pointsName, formatCount, label } = props;
  const element = useRef<HTMLDivElement>(null);
  const chart = useRef<echarts.ECharts | null>(null);

  useEffect(() => {
    const instance = echarts.init(element.current!, undefined, { renderer: 'svg' });
    chart.current = instance;
    const resize = new ResizeObserver(() => instance.resize());
    resize.observe(element.current!);
    return () => {
      resize.disconnect();
      instance.dispose();
      chart.current = null;
    };
  }, []);

  useEffect(() => {
    chart.current?.setOption(
      {
        aria: { enabled: true, label: { description: label } },
        animation: !window.matchMedia?.('(prefers-reduced-motion: reduce)').matches,
        animationDuration: 300,
        legend: { top: 0, textStyle: { color: '#595959' } },
        grid: { left: 8, right: 8, top: 40, bottom: 8, containLabel: true },
        tooltip: { trigger: 'axis', valueFormatter: (value: unknown) => formatCount(Number(value)) },
        xAxis: { type: 'category', data: labels, axisLabel: { hideOverlap: true, color: '#595959' } },
        yAxis: [
          {
            type: 'value',
            minInterval: 1,
            axisLabel: { formatter: (value: number) => formatCount(value), color: '#595959' },
            splitLine: { lineStyle: { color: '#f0f0f0' } },
          },
          {
            type: 'value',
            minInterval: 1,
            axisLabel: { formatter: (value: number) => formatCount(value), color: '#595959' },
            splitLine: { show: false },
          },
        ],
        series: [
          {
            name: awardsName,
            type: 'bar',
            data: awards,
            barMaxWidth: 28,
            itemStyle: { color: '#1456c9', borderRadius: [3, 3, 0, 0] },
          },
          {
            name: pointsName,
            type: 'line',
            yAxisIndex: 1,
            data: points,
            symbolSize: 6,
            itemStyle: { color: '#d46b08' },
          },
        ],
      },
      { notMerge: true },
    );
  }, [labels, awards, points, awardsName, pointsName, formatCount, label]);

  return <div ref={element} role="img" aria-label={label} style={{ width: '100%', height: 320 }} />;
}
