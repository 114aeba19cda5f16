import { keepPreviousData, useQuery } from '@tanstack/react-query';
import {
  Alert,
  Button,
  Card,
  Col,
  Empty,
  Row,
  Segmented,
  Skeleton,
  Space,
  Statistic,
  Table,
  Typography,
} from 'antd';
import type { TFunction } from 'i18next';
import { useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { api } from '../../../admin/api.ts';
import { errorMessage } from '../../../admin/api-client.ts';
import { displayName } from '../../../admin/display-name.ts';
import { useLanguage } from '../../../admin/language.tsx';
import { ScrollRegion } from '../../../admin/scroll-region.tsx';
import { industryLabel, regionLabel } from '../../organizations/organizations.values.ts';
import type { Dashboard, DashboardQuery, Segment } from '../reports.schema.ts';
import { BarChart } from './bar-chart.tsx';

/** The last day of a YYYY-MM month, for an engagement list limited to that month. */
function monthEnd(month: string): string {
  const [y, m] = month.split('-').map(Number);
  return new Date(Date.UTC(y!, m!, 0)).toISOString().slice(0, 10);
}

/** A catalogue label for a code the server sends, or the code itself. */
function labelOf(t: TFunction, key: string, code: string): string {
  return (t(`${key}.${code}` as never, { defaultValue: '' }) as string) || code;
}

/** A line of the commitments table: a department or an owner, and the list filter that counts it. */
interface CommitmentRow {
  key: string;
  name: string;
  filter: string;
  open: number;
  overdue: number;
  done: number;
  onTimeRate: number | null;
}

/** A figure that opens the list it counts. */
function Figure({
  title,
  value,
  to,
  suffix,
  testId,
}: {
  title: string;
  value: number | string;
  to?: string;
  suffix?: string;
  testId?: string;
}) {
  const shown = <Statistic title={title} value={value} suffix={suffix} />;
  return (
    <Card size="small" style={{ height: '100%' }} data-testid={testId}>
      {to ? (
        <Link to={to} aria-label={`${title}: ${value}${suffix ?? ''}`} style={{ display: 'block' }}>
          {shown}
        </Link>
      ) : (
        shown
      )}
    </Card>
  );
}

/** A ranked list of segments, each a link to the partners it counts. */
function SegmentList({
  title,
  segments,
  link,
  label = (key) => key,
}: {
  title: string;
  segments: Segment[];
  link: (key: string) => string;
  label?: (key: string) => string;
}) {
  const { t } = useTranslation();
  return (
    <div>
      <Typography.Title level={3} style={{ fontSize: 16 }}>
        {title}
      </Typography.Title>
      {segments.length === 0 ? (
        <Typography.Text type="secondary">{t('admin.dashboard.noData')}</Typography.Text>
      ) : (
        <ol style={{ paddingInlineStart: 20, margin: 0 }}>
          {segments.map((s) => (
            <li key={s.key}>
              <Link to={link(s.key)}>
                {label(s.key)}: {s.count}
              </Link>
            </li>
          ))}
        </ol>
      )}
    </div>
  );
}

/** "Not contacted in N months": the choices the dashboard's query takes. */
type StaleMonths = NonNullable<DashboardQuery['staleMonths']>;
const staleMonthOptions: readonly StaleMonths[] = ['6', '12', '24'];

/** The admin home's figures for roles that read reports: every number links to what it counts. */
export default function DashboardFigures() {
  const { t } = useTranslation();
  const { locale } = useLanguage();
  const [staleMonths, setStaleMonths] = useState<StaleMonths>('12');
  const figures = useQuery({
    queryKey: ['reports', 'dashboard', staleMonths],
    queryFn: () => api('GET /api/reports/dashboard', { query: { staleMonths } }),
    placeholderData: keepPreviousData,
  });
  const d = figures.data;

  const engagementSeries = useMemo(
    () =>
      (d?.engagements.byType ?? []).map((s) => ({
        name: labelOf(t, 'admin.engagements.types', s.type),
        values: s.counts,
        links: d!.engagements.months.map(
          (m) => `/engagements?${new URLSearchParams({ type: s.type, from: `${m}-01`, to: monthEnd(m) })}`,
        ),
      })),
    [d, t],
  );
  const [commitmentsBy, setCommitmentsBy] = useState<'department' | 'owner'>('department');
  const commitmentRows: CommitmentRow[] =
    commitmentsBy === 'owner'
      ? (d?.commitments.byOwner ?? []).map((r) => ({
          ...r,
          key: r.userId,
          filter: `ownerUserId=${r.userId}`,
        }))
      : (d?.commitments.byDepartment ?? []).map((r) => ({
          ...r,
          key: r.orgUnitId,
          name: displayName(r, locale),
          filter: `ownerOrgUnitId=${r.orgUnitId}`,
        }));
  const partnerYears = [
    ...new Set([...(d?.partners.newPerYear ?? []), ...(d?.partners.lapsedPerYear ?? [])].map((s) => s.key)),
  ].sort();
  const countOf = (segments: Segment[], key: string) => segments.find((s) => s.key === key)?.count ?? 0;
  const segmentsSeries = (segments: Segment[], name: string, link: (key: string) => string) => [
    { name, values: segments.map((s) => s.count), links: segments.map((s) => link(s.key)) },
  ];

  if (figures.isError) {
    return (
      <Alert
        type="error"
        showIcon
        message={t('admin.dashboard.loadFailed')}
        description={errorMessage(figures.error)}
        action={<Button onClick={() => void figures.refetch()}>{t('admin.common.retry')}</Button>}
      />
    );
  }
  if (!d) return <Skeleton active paragraph={{ rows: 8 }} />;

  const active = d.partners.byStage.find((s) => s.key === 'active')?.count ?? 0;
  const stagesTotal = d.partners.byStage.reduce((n, s) => n + s.count, 0);
  const totalEngagements = d.engagements.byType.reduce((n, s) => n + s.counts.reduce((a, b) => a + b, 0), 0);
  const perMonth = d.engagements.months.map((_, i) =>
    d.engagements.byType.reduce((n, s) => n + s.counts[i]!, 0),
  );
  const busiest = perMonth.indexOf(Math.max(0, ...perMonth));
  const biggestKind = d.partners.byKind[0];
  const kindName = (code: string) => labelOf(t, 'admin.partners.kinds', code);
  const dimensionName = (code: string) => labelOf(t, 'admin.dimensions', code);

  return (
    <Space direction="vertical" size="large" style={{ width: '100%' }} data-testid="dashboard-figures">
      <div>
        <Typography.Title level={2} style={{ fontSize: 20 }}>
          {t('admin.dashboard.figuresTitle')}
        </Typography.Title>
        <Typography.Text type="secondary">{t('admin.dashboard.figuresIntro')}</Typography.Text>
      </div>

      <Row gutter={[12, 12]}>
        <Col xs={12} md={8} xl={4}>
          <Figure
            title={t('admin.dashboard.partnersTotal')}
            value={d.partners.total}
            to="/partners"
            testId="figure-partners"
          />
        </Col>
        <Col xs={12} md={8} xl={4}>
          <Figure title={t('admin.dashboard.activePartners')} value={active} to="/partners?stage=active" />
        </Col>
        <Col xs={12} md={8} xl={4}>
          <Figure
            title={t('admin.dashboard.expiringWithin', { days: 90 })}
            value={d.agreements.expiring.find((e) => e.within === 90)?.count ?? 0}
            to="/agreements?tab=90"
          />
        </Col>
        <Col xs={12} md={8} xl={4}>
          <Figure
            title={t('admin.dashboard.openCommitments')}
            value={d.commitments.open}
            to="/commitments?view=list&status=open"
          />
        </Col>
        <Col xs={12} md={8} xl={4}>
          <Figure
            title={t('admin.dashboard.overdueCommitments')}
            value={d.commitments.overdue}
            to="/commitments?view=list&status=overdue"
            testId="figure-overdue"
          />
        </Col>
        <Col xs={12} md={8} xl={4}>
          <Figure
            title={t('admin.dashboard.onTimeRate')}
            value={d.commitments.onTimeRate ?? '—'}
            suffix={d.commitments.onTimeRate === null ? undefined : '%'}
            to="/commitments?view=list&status=done"
          />
        </Col>
      </Row>

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

      <Row gutter={[12, 12]}>
        <Col xs={24} lg={12}>
          <Card style={{ height: '100%' }}>
            <BarChart
              title={t('admin.dashboard.kindsChart')}
              summary={t('admin.dashboard.kindsSummary', {
                total: d.partners.total,
                kind: biggestKind ? kindName(biggestKind.key) : '—',
                count: biggestKind?.count ?? 0,
              })}
              categories={d.partners.byKind.map((s) => kindName(s.key))}
              series={segmentsSeries(
                d.partners.byKind,
                t('admin.dashboard.partners'),
                (k) => `/partners?kind=${k}`,
              )}
            />
          </Card>
        </Col>
        <Col xs={24} lg={12}>
          <Card style={{ height: '100%' }}>
            <BarChart
              title={t('admin.dashboard.stagesChart')}
              summary={t('admin.dashboard.stagesSummary', { active, total: stagesTotal })}
              categories={d.partners.byStage.map((s) => labelOf(t, 'admin.partners.stages', s.key))}
              series={segmentsSeries(
                d.partners.byStage,
                t('admin.dashboard.partners'),
                (k) => `/partners?stage=${k}`,
              )}
            />
          </Card>
        </Col>
        <Col xs={24} lg={12}>
          <Card style={{ height: '100%' }}>
            <BarChart
              title={t('admin.dashboard.newPartnersChart')}
              summary={t('admin.dashboard.newPartnersSummary', {
                count: d.partners.newPerYear.reduce((n, s) => n + s.count, 0),
                lapsed: d.partners.lapsedPerYear.reduce((n, s) => n + s.count, 0),
              })}
              categories={partnerYears}
              series={[
                {
                  name: t('admin.dashboard.newPartners'),
                  values: partnerYears.map((y) => countOf(d.partners.newPerYear, y)),
                  links: partnerYears.map((y) => `/partners?sinceYear=${y}`),
                },
                {
                  name: t('admin.dashboard.lapsedPartners'),
                  values: partnerYears.map((y) => countOf(d.partners.lapsedPerYear, y)),
                  links: partnerYears.map((y) => `/partners?lapsedYear=${y}`),
                },
              ]}
            />
          </Card>
        </Col>
        <Col xs={24} lg={12}>
          <Card style={{ height: '100%' }}>
            <Space direction="vertical" size="middle" style={{ width: '100%' }}>
              <Space wrap>
                <span id="stale-label">{t('admin.dashboard.notContactedFor')}</span>
                <Segmented<StaleMonths>
                  aria-labelledby="stale-label"
                  value={staleMonths}
                  onChange={setStaleMonths}
                  options={staleMonthOptions.map((m) => ({
                    value: m,
                    label: t('admin.dashboard.monthsOption', { months: m }),
                  }))}
                />
              </Space>
              <Figure
                title={t('admin.dashboard.notContacted', { months: d.partners.notContacted.months })}
                value={d.partners.notContacted.count}
                to={`/partners?stage=active&notContactedSince=${d.partners.notContacted.since}`}
                testId="figure-not-contacted"
              />
              <Row gutter={[12, 12]}>
                <Col xs={24} sm={12}>
                  <SegmentList
                    title={t('admin.dashboard.industries')}
                    segments={d.partners.byIndustry}
                    link={(k) => `/partners?industry=${encodeURIComponent(k)}`}
                    label={(k) => industryLabel(k, locale)}
                  />
                </Col>
                <Col xs={24} sm={12}>
                  <SegmentList
                    title={t('admin.dashboard.regions')}
                    segments={d.partners.byRegion}
                    link={(k) => `/partners?region=${encodeURIComponent(k)}`}
                    label={(k) => regionLabel(k, locale)}
                  />
                </Col>
              </Row>
            </Space>
          </Card>
        </Col>
      </Row>

      <Row gutter={[12, 12]}>
        <Col xs={24} lg={12}>
          <Card title={t('admin.dashboard.agreements')} style={{ height: '100%' }}>
            <Row gutter={[12, 12]}>
              {d.agreements.expiring.map((e) => (
                <Col xs={8} key={e.within}>
                  <Figure
                    title={t('admin.dashboard.expiringWithin', { days: e.within })}
                    value={e.count}
                    to={`/agreements?tab=${e.within}`}
                  />
                </Col>
              ))}
            </Row>
            <Typography.Title level={3} style={{ fontSize: 16, marginTop: 16 }}>
              {t('admin.dashboard.signedPerYear')}
            </Typography.Title>
            <ScrollRegion label={t('admin.dashboard.signedPerYear')}>
              <Table
                size="small"
                pagination={false}
                rowKey={(r) => `${r.year}-${r.type}`}
                dataSource={d.agreements.signedPerYear}
                locale={{ emptyText: t('admin.dashboard.noData') }}
                columns={[
                  { key: 'year', title: t('admin.dashboard.year'), dataIndex: 'year' },
                  {
                    key: 'type',
                    title: t('admin.dashboard.type'),
                    render: (_, r) => labelOf(t, 'admin.agreements.types', r.type),
                  },
                  {
                    key: 'count',
                    title: t('admin.dashboard.count'),
                    align: 'right',
                    render: (_, r) => (
                      <Link to={`/agreements?type=${r.type}&signedYear=${r.year}`}>{r.count}</Link>
                    ),
                  },
                ]}
              />
            </ScrollRegion>
          </Card>
        </Col>
        <Col xs={24} lg={12}>
          <Card
            title={t('admin.dashboard.commitments')}
            style={{ height: '100%' }}
            extra={
              <Segmented
                aria-label={t('admin.dashboard.commitmentsBy')}
                size="small"
                value={commitmentsBy}
                onChange={(v) => setCommitmentsBy(v as 'department' | 'owner')}
                options={[
                  { value: 'department', label: t('admin.dashboard.byDepartment') },
                  { value: 'owner', label: t('admin.dashboard.byOwner') },
                ]}
              />
            }
          >
            <ScrollRegion label={t('admin.dashboard.commitments')}>
              <Table<CommitmentRow>
                size="small"
                pagination={false}
                rowKey="key"
                dataSource={commitmentRows}
                locale={{ emptyText: t('admin.dashboard.noData') }}
                columns={[
                  {
                    key: 'name',
                    title:
                      commitmentsBy === 'owner'
                        ? t('admin.dashboard.owner')
                        : t('admin.dashboard.department'),
                    render: (_, r) => r.name,
                  },
                  ...(['open', 'overdue', 'done'] as const).map((status) => ({
                    key: status,
                    title: t(`admin.dashboard.${status}`),
                    align: 'right' as const,
                    render: (_: unknown, r: CommitmentRow) => (
                      <Link to={`/commitments?view=list&status=${status}&${r.filter}`}>{r[status]}</Link>
                    ),
                  })),
                  {
                    key: 'rate',
                    title: t('admin.dashboard.onTimeRate'),
                    align: 'right',
                    render: (_, r) => (r.onTimeRate === null ? '—' : `${r.onTimeRate}%`),
                  },
                ]}
              />
            </ScrollRegion>
          </Card>
        </Col>
      </Row>

      <Card title={t('admin.dashboard.matrix')}>
        <Typography.Paragraph type="secondary">{t('admin.dashboard.matrixIntro')}</Typography.Paragraph>
        <ScrollRegion label={t('admin.dashboard.matrix')}>
          <Table
            data-testid="dashboard-matrix"
            size="small"
            rowKey="organizationId"
            pagination={{ pageSize: 10, hideOnSinglePage: true }}
            dataSource={d.matrix.partners}
            locale={{ emptyText: t('admin.dashboard.noData') }}
            style={{ minWidth: 1700 }}
            columns={[
              {
                key: 'partner',
                title: t('admin.dashboard.partner'),
                width: 240,
                render: (_, p) => <Link to={`/partners/${p.organizationId}`}>{displayName(p, locale)}</Link>,
              },
              {
                key: 'depth',
                title: t('admin.dashboard.depth'),
                align: 'right',
                sorter: (a, b) => a.depth - b.depth,
                defaultSortOrder: 'descend',
                dataIndex: 'depth',
              },
              {
                key: 'programs',
                title: t('admin.dashboard.programs'),
                align: 'right',
                sorter: (a, b) => a.programs - b.programs,
                dataIndex: 'programs',
              },
              {
                key: 'engagements',
                title: t('admin.dashboard.engagements'),
                align: 'right',
                sorter: (a, b) => a.engagements - b.engagements,
                dataIndex: 'engagements',
              },
              ...d.matrix.dimensions.map((dim) => ({
                key: dim.key,
                title: (
                  <Link
                    to={`/partners?dimension=${dim.key}`}
                    title={`${dimensionName(dim.key)}: ${dim.count}`}
                  >
                    {dimensionName(dim.key)} ({dim.count})
                  </Link>
                ),
                align: 'center' as const,
                render: (_: unknown, p: Dashboard['matrix']['partners'][number]) =>
                  p.dimensions.includes(dim.key) ? (
                    <span
                      style={{
                        display: 'inline-block',
                        minWidth: 28,
                        background: '#1d4e89',
                        color: '#fff',
                        borderRadius: 4,
                      }}
                    >
                      {t('admin.dashboard.hasDimension')}
                    </span>
                  ) : (
                    ''
                  ),
              })),
            ]}
          />
        </ScrollRegion>
      </Card>

      <Card title={t('admin.dashboard.news')}>
        <Row gutter={[12, 12]}>
          <Col xs={24} md={8}>
            <Figure
              title={t('admin.dashboard.reported')}
              value={d.news.reported}
              suffix={` / ${d.news.engagements}`}
              to={`/engagements?to=${d.today}&reported=true`}
              testId="figure-reported"
            />
            <Link to={`/engagements?to=${d.today}&reported=false`}>
              {t('admin.dashboard.unreported', { count: d.news.engagements - d.news.reported })}
            </Link>
          </Col>
          <Col xs={12} md={8}>
            <Statistic
              title={t('admin.dashboard.articlesPerEngagement')}
              value={d.news.engagements ? Math.round((d.news.articles / d.news.engagements) * 100) / 100 : 0}
            />
          </Col>
          <Col xs={12} md={8}>
            <Statistic title={t('admin.dashboard.medianLag')} value={d.news.medianLagDays ?? '—'} />
          </Col>
        </Row>
      </Card>
    </Space>
  );
}
