import { BarChart, LineChart } from 'echarts/charts';
import { GridComponent, LegendComponent, TooltipComponent } from 'echarts/components';
import type { EChartsCoreOption, EChartsType } from 'echarts/core';
import * as echarts from 'echarts/core';
import { CanvasRenderer } from 'echarts/renderers';
import { useEffect, useRef } from 'react';

echarts.use([LineChart, BarChart, GridComponent, TooltipComponent, LegendComponent, CanvasRenderer]);

/**
 * A small React wrapper around an ECharts instance (no extra package): created on mount, given the
 * option on every change, resized with its box, disposed on unmount. The canvas is decoration for
 * assistive technology: the wrapper is an image named by `label` (a sentence that says what the
 * chart shows), and the screens offer the same figures as a table.
 */
export function EChart({
  option,
  label,
  height = 320,
  onInstance,
}: {
  option: EChartsCoreOption;
  label: string;
  height?: number;
  onInstance?: (chart: EChartsType | null) => void;
}) {
  const box = useRef<HTMLDivElement>(null);
  const chart = useRef<EChartsType | null>(null);
  const keep = useRef(onInstance);
  keep.current = onInstance;
  useEffect(() => {
    if (!box.current) return;
    const c = echarts.init(box.current, undefined, { renderer: 'canvas' });
    chart.current = c;
    keep.current?.(c);
    const ro = new ResizeObserver(() => c.resize());
    ro.observe(box.current);
    return () => {
      ro.disconnect();
      keep.current?.(null);
      c.dispose();
      chart.current = null;
    };
  }, []);
  useEffect(() => {
    chart.current?.setOption(option, { notMerge: true });
  }, [option]);
  return (
    <div ref={box} role="img" aria-label={label} className="lt-chart" style={{ height, width: '100%' }} />
  );
}

/** Saves the chart as a PNG file (white background, twice the screen's resolution). */
export function downloadPng(chart: EChartsType | null, fileName: string): void {
  if (!chart) return;
  const url = chart.getDataURL({ type: 'png', pixelRatio: 2, backgroundColor: '#fff' });
  const a = document.createElement('a');
  a.href = url;
  a.download = fileName;
  document.body.appendChild(a);
  a.click();
  a.remove();
}
