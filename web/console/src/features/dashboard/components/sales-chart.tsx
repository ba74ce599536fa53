import { BarChart } from 'echarts/charts';
import { AriaComponent, GridComponent, TooltipComponent } from 'echarts/components';
import * as echarts from 'echarts/core';
import { SVGRenderer } from 'echarts/renderers';
import { useEffect, useRef } from 'react';

// Only what this chart draws: the chunk stays a fraction of the whole of ECharts.
echarts.use([BarChart, GridComponent, TooltipComponent, AriaComponent, SVGRenderer]);

export interface SalesChartProps {
  /** Labels of the x axis, one a day. */
  labels: string[];
  values: number[];
  /** How a value reads in the tooltip and on the axis. */
  formatValue: (value: number) => string;
  seriesName: string;
  /** What the chart shows, for screen readers. */
  label: string;
}

/** Bars, one a day. Loaded on its own, with ECharts, only when a chart is on screen. */
export default function SalesChart({ labels, values, formatValue, seriesName, label }: SalesChartProps) {
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
        // Bars grow in, unless the reader asked for less motion.
        animation: !window.matchMedia?.('(prefers-reduced-motion: reduce)').matches,
        animationDuration: 300,
        grid: { left: 8, right: 16, top: 16, bottom: 8, containLabel: true },
        tooltip: {
          trigger: 'axis',
          axisPointer: { type: 'shadow' },
          valueFormatter: (value: unknown) => formatValue(Number(value)),
        },
        xAxis: {
          type: 'category',
          data: labels,
          axisTick: { alignWithLabel: true },
          axisLabel: { hideOverlap: true, color: '#595959' },
        },
        yAxis: {
          type: 'value',
          minInterval: 1,
          axisLabel: { formatter: (value: number) => formatValue(value), color: '#595959' },
          splitLine: { lineStyle: { color: '#f0f0f0' } },
        },
        series: [
          {
            name: seriesName,
            type: 'bar',
            data: values,
            barMaxWidth: 28,
            itemStyle: { color: '#1456c9', borderRadius: [3, 3, 0, 0] },
          },
        ],
      },
      { notMerge: true },
    );
  }, [labels, values, formatValue, seriesName, label]);

  return <div ref={element} role="img" aria-label={label} style={{ width: '100%', height: 320 }} />;
}
