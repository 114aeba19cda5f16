import { Card, Empty } from 'antd';
import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import type { Dashboard } from '../reports.schema.ts';
import { BarChart } from './bar-chart.tsx';
import { labelOf } from './code-label.ts';

/** The last day of a YYYY-MM month, for an engagement list limited to that month. */
function monthEnd(month: string): string {
  const [y, m] = month.split('-').map(Number);
  return new Date(Date.UTC(y!, m!, 0)).toISOString().slice(0, 10);
}

/** Engagements per month, stacked by type: each bar opens the engagements of its type and month. */
export function DashboardEngagementsCard({ dashboard: d }: { dashboard: Dashboard }) {
  const { t } = useTranslation();
  const engagementSeries = useMemo(
    () =>
      d.engagements.byType.map((s) => ({
        name: labelOf(t, 'admin.engagements.types', s.type),
        values: s.counts,
        links: d.engagements.months.map(
          (m) => `/engagements?${new URLSearchParams({ type: s.type, from: `${m}-01`, to: monthEnd(m) })}`,
        ),
      })),
    [d, t],
  );
  const totalEngagements = d.engagements.byType.reduce((n, s) => n + s.counts.reduce((a, b) => a + b, 0), 0);
  const perMonth = d.engagements.months.map((_, i) =>
    d.engagements.byType.reduce((n, s) => n + s.counts[i]!, 0),
  );
  const busiest = perMonth.indexOf(Math.max(0, ...perMonth));

  return (
    <Card>
      {totalEngagements === 0 ? (
        <Empty description={t('admin.dashboard.engagementsEmpty')} />
      ) : (
        <BarChart
          title={t('admin.dashboard.engagementsChart')}
          summary={t('admin.dashboard.engagementsSummary', {
            total: totalEngagements,
            month: d.engagements.months[busiest] ?? '',
            count: perMonth[busiest] ?? 0,
          })}
          categories={d.engagements.months}
          series={engagementSeries}
          stacked
          height={320}
        />
      )}
    </Card>
  );
}
