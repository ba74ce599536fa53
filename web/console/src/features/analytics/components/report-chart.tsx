import { BarChart, CandlestickChart, LineChart, ScatterChart } from 'echarts/charts';
import { AriaComponent, GridComponent, LegendComponent, TooltipComponent } from 'echarts/components';
import * as echarts from 'echarts/core';
import { SVGRenderer } from 'echarts/renderers';
import { useEffect, useRef } from 'react';
import type { ReportChartOption } from '../report-charts';

// Only what the reports draw: the chunk stays a fraction of the whole of ECharts.
echarts.use([
  BarChart,
  CandlestickChart,
  LineChart,
  ScatterChart,
  AriaComponent,
  GridComponent,
  LegendComponent,
  TooltipComponent,
  SVGRenderer,
]);

export interface ReportChartProps {
  option: ReportChartOption;
  /** What the chart shows, for screen readers. */
  label: string;
  height?: number;
}

/** A report's chart. Loaded on its own, with ECharts, only when a report is on screen. */
export default function ReportChart({ option, label, height = 340 }: ReportChartProps) {
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
        ...option.base,
        series: option.series,
      },
      { notMerge: true },
    );
  }, [option, label]);

  return <div ref={element} role="img" aria-label={label} style={{ width: '100%', height }} />;
}
