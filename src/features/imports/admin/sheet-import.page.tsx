import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import {
  Alert,
  App,
  Button,
  Card,
  Checkbox,
  Col,
  Popconfirm,
  Row,
  Segmented,
  Select,
  Space,
  Spin,
  Statistic,
  Table,
  Tag,
  Typography,
} from 'antd';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router';
import { api } from '../../../admin/api.ts';
import { ApiError, errorMessage } from '../../../admin/api-client.ts';
import NotFoundPage from '../../../admin/not-found.page.tsx';
import { ScrollRegion } from '../../../admin/scroll-region.tsx';
import { useSession } from '../../../admin/session.tsx';
import type { SheetCheckInput, SheetImportDetail, SheetReportRowOutput } from '../sheet-import.schema.ts';
import { sheetImportsKey, sheetStatusColor } from './sheet-imports.page.tsx';

const actions = ['all', 'create', 'update', 'unchanged', 'rejected', 'skipped'] as const;
type ActionFilter = (typeof actions)[number];
const actionColor: Record<SheetReportRowOutput['action'], string> = {
  create: 'green',
  update: 'blue',
  unchanged: 'default',
  skipped: 'default',
  rejected: 'red',
};

/** One sheet import: the column mapping, the report of every row, commit and undo. */
export default function SheetImportPage() {
  const { t, i18n } = useTranslation();
  const en = i18n.language === 'en';
  const { id = '' } = useParams();
  const session = useSession();
  const { message } = App.useApp();
  const queryClient = useQueryClient();
  const [filter, setFilter] = useState<ActionFilter>('all');
  const [skipInvalid, setSkipInvalid] = useState(false);
  const [reportPage, setReportPage] = useState(1);
  const pageSize = 50;
  // The report pages and filters on the server: an import may have 100,000 rows.
  const detail = useQuery({
    queryKey: [...sheetImportsKey, 'one', id, filter, reportPage],
    queryFn: () =>
      api('GET /api/imports/sheets/:id', {
        params: { id },
        query: { page: reportPage, pageSize, action: filter === 'all' ? undefined : filter },
      }),
    enabled: session.can('imports.run'),
    placeholderData: keepPreviousData,
    retry: false,
  });
  const [mapping, setMapping] = useState<(string | null)[]>([]);
  useEffect(() => {
    if (detail.data) setMapping(detail.data.mapping);
  }, [detail.data]);
  const settle = (_d: SheetImportDetail) => {
    setReportPage(1);
    void queryClient.invalidateQueries({ queryKey: sheetImportsKey });
  };
  const fail = (e: unknown) => void message.error(errorMessage(e));
  const check = useMutation({
    mutationFn: (body: SheetCheckInput) =>
      api('POST /api/imports/sheets/:id/check', { params: { id }, body }),
    onSuccess: (d) => {
      settle(d);
      void message.success(t('admin.sheets.checkedAgain'));
    },
    onError: fail,
  });
  const commit = useMutation({
    mutationFn: (version: number) =>
      api('POST /api/imports/sheets/:id/commit', { params: { id }, body: { version, skipInvalid } }),
    onSuccess: (d) => {
      settle(d);
      void message.success(
        t('admin.sheets.committed', { count: (d.counts.create ?? 0) + (d.counts.update ?? 0) }),
      );
    },
    onError: fail,
  });
  const undo = useMutation({
    mutationFn: (version: number) =>
      api('POST /api/imports/sheets/:id/undo', { params: { id }, body: { version } }),
    onSuccess: (d) => {
      settle(d);
      void message.success(t('admin.sheets.undone'));
    },
    onError: fail,
  });

  if (!session.can('imports.run')) return <NotFoundPage />;
  if (detail.isError) {
    if (detail.error instanceof ApiError && detail.error.status === 404) return <NotFoundPage />;
    return <Alert type="error" showIcon message={errorMessage(detail.error)} />;
  }
  const d = detail.data;
  if (!d) return <Spin />;
  const checking = d.status === 'checked';
  const counts = { create: 0, update: 0, unchanged: 0, skipped: 0, rejected: 0, ...d.counts };
  const writes = counts.create + counts.update;
  const rows = d.report;
  const fieldName = (keyName: string) => {
    const f = d.fields.find((x) => x.key === keyName);
    return f ? (en ? f.en : f.zh) : keyName;
  };
  const why = (r: SheetReportRowOutput) => [
    ...r.errors.map(
      (e) => t(`sheetImport.codes.${e.code}` as never, { column: e.column, value: e.value ?? '' }) as string,
    ),
    ...r.warnings.map(
      (w) => t(`sheetImport.warnings.${w.code}` as never, { name: w.detail ?? '' }) as string,
    ),
  ];
  const link = (row: number, to: string | null) => {
    const links = { ...d.decisions.links };
    if (to) links[String(row)] = to;
    else delete links[String(row)];
    check.mutate({ version: d.version, decisions: { ...d.decisions, links } });
  };
  const mappingChanged = JSON.stringify(mapping) !== JSON.stringify(d.mapping);
  // Where a matched record is shown: partners and people and engagements have pages; figures belong to programs.
  const matchPath = { partners: '/partners/', people: '/people/', engagements: '/engagements/' }[
    d.kind as 'partners'
  ];

  return (
    <Space direction="vertical" size="large" style={{ width: '100%' }}>
      <Link to={`/imports/sheets?kind=${d.kind}`}>{t('admin.sheets.back')}</Link>
      <div>
        <Typography.Title level={1} style={{ fontSize: 24 }}>
          {t('admin.sheets.detailTitle', { name: d.sourceName })}
        </Typography.Title>
        <Tag>{t(`sheetImport.kinds.${d.kind}`)}</Tag>
        <Tag color={sheetStatusColor(d.status)} data-testid="sheet-status">
          {t(`admin.sheets.statuses.${d.status}`)}
        </Tag>
      </div>
      <Card>
        <Row gutter={[12, 12]}>
          {(['create', 'update', 'unchanged', 'rejected', 'skipped'] as const).map((k) => (
            <Col xs={12} sm={8} md={4} key={k}>
              <Statistic title={t(`sheetImport.actionTitles.${k}`)} value={counts[k]} />
            </Col>
          ))}
        </Row>
      </Card>
      {checking && (
        <Card title={<h2 style={{ fontSize: 16, margin: 0 }}>{t('admin.sheets.mapping')}</h2>}>
          <Typography.Paragraph type="secondary">{t('admin.sheets.mappingHelp')}</Typography.Paragraph>
          <Row gutter={[12, 8]}>
            {d.headers.map((h, i) => (
              // The columns of one sheet never move: their position is their identity.
              // biome-ignore lint/suspicious/noArrayIndexKey: a column is its position
              <Col xs={24} sm={12} md={8} key={`column-${i}`}>
                <label htmlFor={`map-${i}`} style={{ display: 'block', fontSize: 13 }}>
                  {h || t('admin.sheets.untitled', { n: i + 1 })}
                </label>
                <Select
                  id={`map-${i}`}
                  data-testid={`sheet-map-${i}`}
                  style={{ width: '100%' }}
                  value={mapping[i] ?? ''}
                  onChange={(v) => setMapping(mapping.map((m, j) => (j === i ? v || null : m)))}
                  options={[
                    { value: '', label: t('admin.sheets.leaveOut') },
                    ...d.fields.map((f) => ({
                      value: f.key,
                      label: `${en ? f.en : f.zh}${f.required ? ' *' : ''}`,
                    })),
                  ]}
                />
              </Col>
            ))}
          </Row>
          <Button
            style={{ marginTop: 12 }}
            disabled={!mappingChanged}
            loading={check.isPending}
            onClick={() => check.mutate({ version: d.version, mapping })}
            data-testid="sheet-recheck"
          >
            {t('admin.sheets.checkAgain')}
          </Button>
        </Card>
      )}
      {checking && (
        <Card>
          <Space direction="vertical">
            {counts.rejected > 0 && (
              <Checkbox
                checked={skipInvalid}
                onChange={(e) => setSkipInvalid(e.target.checked)}
                data-testid="sheet-skip-invalid"
              >
                {t('admin.sheets.skipInvalid', { count: counts.rejected })}
              </Checkbox>
            )}
            {counts.rejected > 0 && !skipInvalid && (
              <Alert
                type="warning"
                showIcon
                message={t('admin.sheets.fixFirst', { count: counts.rejected })}
              />
            )}
            <Popconfirm
              title={t('admin.sheets.commitConfirm', { count: writes })}
              okText={t('admin.sheets.commit')}
              cancelText={t('admin.common.cancel')}
              onConfirm={() => commit.mutate(d.version)}
              disabled={writes === 0 || (counts.rejected > 0 && !skipInvalid)}
            >
              <Button
                type="primary"
                loading={commit.isPending}
                disabled={writes === 0 || (counts.rejected > 0 && !skipInvalid) || mappingChanged}
                data-testid="sheet-commit"
              >
                {t('admin.sheets.commitCount', { count: writes })}
              </Button>
            </Popconfirm>
          </Space>
        </Card>
      )}
      {d.status === 'committed' && (
        <Alert
          type="success"
          showIcon
          message={t('admin.sheets.committedAt', {
            at: d.committedAt ? new Date(d.committedAt).toLocaleString(i18n.language) : '',
          })}
          action={
            <Popconfirm
              title={t('admin.sheets.undoConfirm')}
              okText={t('admin.sheets.undo')}
              cancelText={t('admin.common.cancel')}
              onConfirm={() => undo.mutate(d.version)}
            >
              <Button danger size="small" loading={undo.isPending} data-testid="sheet-undo">
                {t('admin.sheets.undo')}
              </Button>
            </Popconfirm>
          }
        />
      )}
      <div>
        <div className="concord-page-header">
          <Typography.Title level={2} style={{ fontSize: 18 }}>
            {t('admin.sheets.report')}
          </Typography.Title>
          <Button
            href={`/api/imports/sheets/${d.id}/report?lang=${en ? 'en' : 'zh-CN'}`}
            data-testid="sheet-report-download"
          >
            {t('admin.sheets.downloadReport')}
          </Button>
        </div>
        <div style={{ maxWidth: '100%', overflowX: 'auto' }}>
          <Segmented
            aria-label={t('admin.sheets.report')}
            value={filter}
            onChange={(v) => {
              setFilter(v as ActionFilter);
              setReportPage(1);
            }}
            options={actions.map((a) => ({
              value: a,
              label:
                a === 'all' ? t('admin.sheets.all') : `${t(`sheetImport.actionTitles.${a}`)} ${counts[a]}`,
            }))}
          />
        </div>
        <ScrollRegion label={t('admin.sheets.report')}>
          <Table<SheetReportRowOutput>
            data-testid="sheet-report"
            rowKey="row"
            style={{ minWidth: 760, marginTop: 12 }}
            dataSource={rows}
            loading={detail.isFetching}
            pagination={{
              current: reportPage,
              pageSize,
              total: d.reportTotal,
              hideOnSinglePage: true,
              showSizeChanger: false,
              onChange: setReportPage,
            }}
            columns={[
              { key: 'row', title: t('sheetImport.row'), width: 70, render: (_, r) => r.row },
              { key: 'name', title: t('sheetImport.name'), render: (_, r) => r.name || '—' },
              {
                key: 'action',
                title: t('sheetImport.action'),
                render: (_, r) => (
                  <Space direction="vertical" size={0}>
                    <Tag color={actionColor[r.action]}>{t(`sheetImport.actionTitles.${r.action}`)}</Tag>
                    {r.matchId &&
                      r.action !== 'rejected' &&
                      (matchPath ? (
                        <Link to={`${matchPath}${r.matchId}`}>{r.matchName}</Link>
                      ) : (
                        <span>{r.matchName}</span>
                      ))}
                    {r.changes && r.changes.length > 0 && (
                      <Typography.Text type="secondary">
                        {r.changes.map(fieldName).join('、')}
                      </Typography.Text>
                    )}
                  </Space>
                ),
              },
              {
                key: 'why',
                title: t('sheetImport.why'),
                render: (_, r) => (
                  <Space direction="vertical" size={4}>
                    {why(r).map((line) => (
                      <span key={line}>{line}</span>
                    ))}
                    {checking &&
                      r.warnings
                        .filter(
                          (w) => (w.code === 'similar_name' || w.code === 'same_name_elsewhere') && w.id,
                        )
                        .map((w) => (
                          <Button
                            key={w.id}
                            size="small"
                            onClick={() => link(r.row, w.id ?? null)}
                            loading={check.isPending}
                          >
                            {t('admin.sheets.linkTo', { name: w.detail ?? '' })}
                          </Button>
                        ))}
                    {checking && r.matchBy === 'chosen' && (
                      <Button size="small" onClick={() => link(r.row, null)} loading={check.isPending}>
                        {t('admin.sheets.createInstead')}
                      </Button>
                    )}
                  </Space>
                ),
              },
            ]}
          />
        </ScrollRegion>
      </div>
    </Space>
  );
}
