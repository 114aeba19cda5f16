import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { Empty, Segmented, Space, Table, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { Link, useSearchParams } from 'react-router';
import { api } from '../../../admin/api.ts';
import { useLanguage } from '../../../admin/language.tsx';
import { ScrollRegion } from '../../../admin/scroll-region.tsx';
import {
  indicators,
  type PartnerLedgerKind,
  type PartnerLedgerRow,
  partnerLedgerKinds,
} from '../reports.schema.ts';
import { ReportFilters, ReportsNav, useReportFilters } from './report-filters.tsx';
import { formatFigure, ReportError, useChangeLabel } from './report-state.tsx';

const isKind = (v: string | null): v is PartnerLedgerKind =>
  (partnerLedgerKinds as readonly (string | null)[]).includes(v);

/** Per partner, the funnel, the donations and funds, or the training and services of a year beside the year before. */
export default function LedgersPage() {
  const { t } = useTranslation();
  const { locale } = useLanguage();
  const en = locale === 'en';
  const [params, setParams] = useSearchParams();
  const asked = params.get('kind');
  const kind: PartnerLedgerKind = isKind(asked) ? asked : 'funnel';
  const { year, orgUnitId, majorId, organizationId } = useReportFilters();
  const changeLabel = useChangeLabel();
  const ledger = useQuery({
    queryKey: ['reports', 'ledgers', kind, year, orgUnitId, majorId, organizationId],
    queryFn: () =>
      api('GET /api/reports/ledgers', { query: { kind, year, orgUnitId, majorId, organizationId } }),
    placeholderData: keepPreviousData,
  });
  const codes = ledger.data?.codes ?? [];
  const header = (code: string) => {
    const d = indicators.find((i) => i.code === code);
    if (!d) return code;
    return en ? `${d.nameEn} (${d.unitEn})` : `${d.nameZh}（${d.unitZh}）`;
  };
  const kindName = t(`admin.ledgers.kinds.${kind}`);
  const setKind = (next: PartnerLedgerKind) => {
    const copy = new URLSearchParams(params);
    copy.set('kind', next);
    setParams(copy, { replace: true });
  };
  const figure = (value: number | undefined) => formatFigure(value ?? 0, locale);
  const rateColumns =
    kind === 'funnel'
      ? (['internship', 'hire'] as const).map((rate) => ({
          key: `rate-${rate}`,
          title: t(`admin.ledgers.rates.${rate}`),
          align: 'right' as const,
          render: (_: unknown, row: PartnerLedgerRow) =>
            row.rates[rate] === null || row.rates[rate] === undefined
              ? '—'
              : `${formatFigure(row.rates[rate]!, locale)}%`,
        }))
      : [];

  return (
    <Space direction="vertical" size="large" style={{ width: '100%' }}>
      <ReportsNav />
      <div>
        <Typography.Title level={1} style={{ fontSize: 24 }}>
          {t('admin.ledgers.title', { year, name: kindName })}
        </Typography.Title>
        <Typography.Paragraph type="secondary">{t('admin.ledgers.intro')}</Typography.Paragraph>
      </div>
      <Segmented<PartnerLedgerKind>
        aria-label={t('admin.ledgers.kind')}
        data-testid="ledger-kind"
        value={kind}
        onChange={setKind}
        options={partnerLedgerKinds.map((k) => ({ value: k, label: t(`admin.ledgers.kinds.${k}`) }))}
      />
      <ReportFilters exportPath="/reports/ledgers/export" extra={{ kind }} byRecord />
      {ledger.isError ? (
        <ReportError error={ledger.error} retry={() => void ledger.refetch()} />
      ) : (
        <ScrollRegion label={kindName}>
          <Table<PartnerLedgerRow>
            data-testid="ledger-table"
            style={{ minWidth: 900 }}
            rowKey={(row) => row.organizationId ?? 'none'}
            size="middle"
            loading={ledger.isFetching}
            dataSource={ledger.data?.rows ?? []}
            pagination={{ pageSize: 50, hideOnSinglePage: true }}
            locale={{ emptyText: <Empty description={t('admin.ledgers.empty')} /> }}
            columns={[
              {
                key: 'partner',
                title: t('admin.reports.partnerName'),
                render: (_, row) =>
                  row.organizationId ? (
                    <Link to={`/partners/${row.organizationId}`}>
                      {en ? row.nameEn || row.nameZh : row.nameZh}
                    </Link>
                  ) : (
                    <Typography.Text type="secondary">{t('admin.ledgers.noPartner')}</Typography.Text>
                  ),
              },
              ...codes.map((code) => ({
                key: code,
                title: header(code),
                align: 'right' as const,
                render: (_: unknown, row: PartnerLedgerRow) => (
                  <span>
                    <strong>{figure(row.values[code])}</strong>
                    <br />
                    <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                      {t('admin.ledgers.lastYear', { year: year - 1, value: figure(row.previous[code]) })}
                    </Typography.Text>
                  </span>
                ),
              })),
              ...rateColumns,
            ]}
            summary={() =>
              ledger.data && ledger.data.rows.length > 0 ? (
                <Table.Summary fixed>
                  <Table.Summary.Row data-testid="ledger-total">
                    <Table.Summary.Cell index={0}>
                      <strong>{t('admin.ledgers.total')}</strong>
                    </Table.Summary.Cell>
                    {codes.map((code, i) => (
                      <Table.Summary.Cell key={code} index={i + 1} align="right">
                        <strong>{figure(ledger.data.totals[code])}</strong>
                        <br />
                        <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                          {t('admin.ledgers.lastYear', {
                            year: year - 1,
                            value: figure(ledger.data.previousTotals[code]),
                          })}{' '}
                          ({changeLabel(ledger.data.change[code], ledger.data.totals[code] ?? 0)})
                        </Typography.Text>
                      </Table.Summary.Cell>
                    ))}
                    {kind === 'funnel' &&
                      (['internship', 'hire'] as const).map((rate, i) => (
                        <Table.Summary.Cell key={rate} index={codes.length + 1 + i} align="right">
                          {ledger.data.rates[rate] === null || ledger.data.rates[rate] === undefined
                            ? '—'
                            : `${formatFigure(ledger.data.rates[rate]!, locale)}%`}
                        </Table.Summary.Cell>
                      ))}
                  </Table.Summary.Row>
                </Table.Summary>
              ) : null
            }
          />
        </ScrollRegion>
      )}
    </Space>
  );
}
