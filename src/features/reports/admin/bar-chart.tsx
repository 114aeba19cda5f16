import { Button, Space, Table, Typography } from 'antd';
import { BarChart as EBarChart } from 'echarts/charts';
import { GridComponent, LegendComponent, TooltipComponent } from 'echarts/components';
import * as echarts from 'echarts/core';
import { SVGRenderer } from 'echarts/renderers';
import { useEffect, useId, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate } from 'react-router';
import { ScrollRegion } from '../../../admin/scroll-region.tsx';

// Only the pieces the dashboard draws: bars, axes, tooltip and legend, drawn as SVG.
echarts.use([EBarChart, GridComponent, TooltipComponent, LegendComponent, SVGRenderer]);

/** One series of bars: its name and, per category, the value and the list that value counts. */
export interface BarSeries {
  name: string;
  values: number[];
  links: string[];
}

interface BarChartProps {
  title: string;
  /** A sentence saying what the chart shows, read by screen readers and shown under it. */
  summary: string;
  categories: string[];
  series: BarSeries[];
  stacked?: boolean;
  height?: number;
}

const palette = [
  '#1d4e89',
  '#2a9d8f',
  '#e9c46a',
  '#f4a261',
  '#e76f51',
  '#6d597a',
  '#8ab17d',
  '#b56576',
  '#457b9d',
];

/**
 * A bar chart whose every bar opens the list it counts, with a table view of the same figures
 * (each a link too) for keyboards and screen readers, and a text summary.
 */
export function BarChart({
  title,
  summary,
  categories,
  series,
  stacked = false,
  height = 280,
}: BarChartProps) {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const ref = useRef<HTMLDivElement>(null);
  const [asTable, setAsTable] = useState(false);
  const summaryId = useId();

  useEffect(() => {
    if (asTable || !ref.current) return;
    const chart = echarts.init(ref.current, undefined, { renderer: 'svg' });
    chart.setOption({
      animation: false,
      color: palette,
      grid: { left: 8, right: 8, top: series.length > 1 ? 36 : 12, bottom: 8, containLabel: true },
      tooltip: { trigger: series.length > 1 ? 'axis' : 'item' },
      legend: series.length > 1 ? { type: 'scroll', top: 0 } : undefined,
      xAxis: { type: 'category', data: categories, axisLabel: { hideOverlap: true } },
      yAxis: { type: 'value', minInterval: 1 },
      series: series.map((s) => ({
        type: 'bar',
        name: s.name,
        data: s.values,
        ...(stacked ? { stack: 'all' } : {}),
        cursor: 'pointer',
      })),
    });
    chart.on('click', (params) => {
      const link = series[params.seriesIndex ?? 0]?.links[params.dataIndex];
      if (link) void navigate(link);
    });
    // Follow the box, not the window: the layout settles (menu, cards) after the chart is made.
    const observer = new ResizeObserver(() => chart.resize());
    observer.observe(ref.current);
    return () => {
      observer.disconnect();
      chart.dispose();
    };
  }, [asTable, categories, series, stacked, navigate]);

  return (
    <figure style={{ margin: 0 }} aria-describedby={summaryId}>
      <Space style={{ width: '100%', justifyContent: 'space-between' }} wrap>
        <figcaption>
          <Typography.Title level={3} style={{ fontSize: 16, margin: 0 }}>
            {title}
          </Typography.Title>
        </figcaption>
        <Button size="small" onClick={() => setAsTable((v) => !v)} aria-pressed={asTable}>
          {asTable ? t('admin.dashboard.showChart') : t('admin.dashboard.showTable')}
        </Button>
      </Space>
      <Typography.Paragraph type="secondary" id={summaryId} style={{ marginTop: 4 }}>
        {summary}
      </Typography.Paragraph>
      {asTable ? (
        <ScrollRegion label={title}>
          <Table
            size="small"
            pagination={false}
            rowKey="category"
            dataSource={categories.map((category, i) => ({ category, i }))}
            columns={[
              { key: 'category', title: '', dataIndex: 'category' },
              ...series.map((s) => ({
                key: s.name,
                title: s.name,
                align: 'right' as const,
                render: (_: unknown, row: { i: number }) =>
                  s.values[row.i] ? <Link to={s.links[row.i]!}>{s.values[row.i]}</Link> : 0,
              })),
            ]}
          />
        </ScrollRegion>
      ) : (
        <div ref={ref} style={{ width: '100%', height }} aria-hidden="true" />
      )}
    </figure>
  );
}
