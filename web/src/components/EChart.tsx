import { useEffect, useRef } from 'react';
import type { EChartsCoreOption } from 'echarts/core';

/** Screen-reader descriptions on; inside `baseOption` for options with media queries, where ECharts reads the components. */
const withAria = (option: EChartsCoreOption): EChartsCoreOption => ('baseOption' in option
  ? { ...option, baseOption: { aria: { enabled: true }, ...(option.baseOption as object) } }
  : { aria: { enabled: true }, ...option });

/** A responsive ECharts canvas; loads ECharts on first use so the public pages stay light. */
export function EChart({ option, label, height = 320, testId }: { option: EChartsCoreOption; label: string; height?: number; testId?: string }) {
  const ref = useRef<HTMLDivElement>(null);
  const chartRef = useRef<{ setOption: (o: EChartsCoreOption, notMerge?: boolean) => void; resize: () => void; dispose: () => void } | null>(null);
  useEffect(() => {
    let disposed = false;
    let onResize: (() => void) | undefined;
    (async () => {
      const [core, charts, components, renderers] = await Promise.all([
        import('echarts/core'), import('echarts/charts'), import('echarts/components'), import('echarts/renderers'),
      ]);
      core.use([charts.BarChart, charts.LineChart, charts.PieChart, charts.FunnelChart, components.GridComponent, components.TooltipComponent,
        components.LegendComponent, components.TitleComponent, components.AriaComponent, renderers.CanvasRenderer]);
      if (disposed || !ref.current) return;
      try {
        const chart = core.init(ref.current, undefined, { renderer: 'canvas' });
        chartRef.current = chart;
        chart.setOption(withAria(option), true);
        onResize = () => chart.resize();
        window.addEventListener('resize', onResize);
      } catch { /* no canvas (tests): the table beside the chart carries the figures */ }
    })();
    return () => {
      disposed = true;
      if (onResize) window.removeEventListener('resize', onResize);
      chartRef.current?.dispose();
      chartRef.current = null;
    };
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, []);
  useEffect(() => { chartRef.current?.setOption(withAria(option), true); }, [option]);
  return <div ref={ref} className="chart" style={{ height }} role="img" aria-label={label} data-testid={testId} />;
}
