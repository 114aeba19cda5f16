import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { Alert, Button, DatePicker, Empty, Select, Table, type TableProps, Tag, Typography } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import type { TFunction } from 'i18next';
import { useTranslation } from 'react-i18next';
import { Link, useSearchParams } from 'react-router';
import { api } from '../../../admin/api.ts';
import { errorMessage } from '../../../admin/api-client.ts';
import { ExportButton } from '../../../admin/export-buttons.tsx';
import NotFoundPage from '../../../admin/not-found.page.tsx';
import { useSession } from '../../../admin/session.tsx';
import type { TimelineEvent } from '../audit.schema.ts';

const pageSizes = [10, 20, 50, 100];
const subjectTypes = ['user', 'college'] as const;
const verbs = [
  'user.created',
  'user.updated',
  'user.password_reset',
  'user.password_changed',
  'user.logged_in',
  'college.created',
  'college.updated',
  'college.suspended',
  'college.resumed',
  'college.host_added',
  'college.host_removed',
];
const isoDate = /^\d{4}-\d{2}-\d{2}$/;

function readFilters(params: URLSearchParams) {
  const page = Number(params.get('page'));
  const pageSize = Number(params.get('pageSize'));
  const from = params.get('from') ?? '';
  const to = params.get('to') ?? '';
  return {
    page: Number.isInteger(page) && page >= 1 ? page : 1,
    pageSize: pageSizes.includes(pageSize) ? pageSize : 20,
    subjectType: params.get('subjectType') ?? undefined,
    subjectId: params.get('subjectId') ?? undefined,
    verb: params.get('verb') ?? undefined,
    from: isoDate.test(from) ? from : undefined,
    to: isoDate.test(to) ? to : undefined,
  };
}

/** The catalogue's label for a key that comes from the server, or the raw value when there is none. */
function labelOf(t: TFunction, key: string, raw: string): string {
  const label = t(key as never, { defaultValue: '' }) as string;
  return label || raw;
}

/** A recorded value as text: strings as they are (including `[redacted]`), anything else as JSON. */
function showValue(value: unknown): string {
  if (value === undefined || value === null || value === '') return '—';
  return typeof value === 'string' ? value : JSON.stringify(value);
}

interface DiffRow {
  field: string;
  from: unknown;
  to: unknown;
}

function DiffTable({ event }: { event: TimelineEvent }) {
  const { t } = useTranslation();
  const rows: DiffRow[] = Object.entries(event.diff).map(([field, change]) => ({
    field,
    from: change.from,
    to: change.to,
  }));
  return (
    <div style={{ maxWidth: 900 }}>
      {rows.length === 0 ? (
        <Typography.Text>{t('admin.audit.noDiff')}</Typography.Text>
      ) : (
        <Table<DiffRow>
          size="small"
          rowKey="field"
          pagination={false}
          dataSource={rows}
          scroll={{ x: 'max-content' }}
          columns={[
            {
              key: 'field',
              title: t('admin.audit.diffField'),
              dataIndex: 'field',
              width: 180,
              render: (field: string) => labelOf(t, `admin.audit.fields.${field}`, field),
            },
            {
              key: 'from',
              title: t('admin.audit.diffFrom'),
              dataIndex: 'from',
              render: (value: unknown) => <span className="concord-diff-value">{showValue(value)}</span>,
            },
            {
              key: 'to',
              title: t('admin.audit.diffTo'),
              dataIndex: 'to',
              render: (value: unknown) => <span className="concord-diff-value">{showValue(value)}</span>,
            },
          ]}
        />
      )}
      {event.requestId && (
        <Typography.Paragraph type="secondary" style={{ margin: '8px 0 0' }}>
          {t('admin.audit.requestId', { id: event.requestId })}
        </Typography.Paragraph>
      )}
    </div>
  );
}

/** The audit log: who changed what and when, filterable, with each change's before and after. */
export default function AuditPage() {
  const { t } = useTranslation();
  const session = useSession();
  const [params, setParams] = useSearchParams();
  const filters = readFilters(params);

  const list = useQuery({
    queryKey: ['audit', 'list', filters],
    queryFn: () => api('GET /api/audit', { query: filters }),
    placeholderData: keepPreviousData,
    enabled: session.can('audit.read'),
  });

  if (!session.can('audit.read')) return <NotFoundPage />;

  const update = (changes: Record<string, string | number | undefined>) => {
    const next = new URLSearchParams(params);
    for (const [key, value] of Object.entries(changes)) {
      if (value === undefined || value === '') next.delete(key);
      else next.set(key, String(value));
    }
    if (!('page' in changes)) next.delete('page');
    setParams(next, { replace: true });
  };

  const knownVerbs = filters.verb && !verbs.includes(filters.verb) ? [...verbs, filters.verb] : verbs;
  const knownTypes: string[] =
    filters.subjectType && !(subjectTypes as readonly string[]).includes(filters.subjectType)
      ? [...subjectTypes, filters.subjectType]
      : [...subjectTypes];
  const verbLabel = (verb: string) => labelOf(t, `admin.audit.verbs.${verb.replaceAll('.', '_')}`, verb);
  const typeLabel = (type: string) => labelOf(t, `admin.audit.subjectTypes.${type}`, type);

  const columns: TableProps<TimelineEvent>['columns'] = [
    {
      key: 'happenedAt',
      dataIndex: 'happenedAt',
      title: t('admin.audit.columns.happenedAt'),
      render: (value: string) => (
        <time dateTime={value} style={{ whiteSpace: 'nowrap' }}>
          {dayjs(value).format('YYYY-MM-DD HH:mm:ss')}
        </time>
      ),
    },
    {
      key: 'actor',
      title: t('admin.audit.columns.actor'),
      render: (_: unknown, event) => event.actorName ?? t('admin.audit.system'),
    },
    {
      key: 'verb',
      dataIndex: 'verb',
      title: t('admin.audit.columns.verb'),
      render: (verb: string) => verbLabel(verb),
    },
    {
      key: 'subject',
      title: t('admin.audit.columns.subject'),
      render: (_: unknown, event) => (
        <span style={{ whiteSpace: 'nowrap' }}>
          {typeLabel(event.subjectType)}{' '}
          <Link
            to={`?${new URLSearchParams({ subjectType: event.subjectType, subjectId: event.subjectId })}`}
            title={event.subjectId}
            className="concord-mono"
          >
            {event.subjectId.slice(-8)}
          </Link>
        </span>
      ),
    },
  ];

  const range: [Dayjs, Dayjs] | null =
    filters.from && filters.to ? [dayjs(filters.from), dayjs(filters.to)] : null;
  const filtered = Boolean(
    filters.from || filters.to || filters.subjectType || filters.subjectId || filters.verb,
  );

  return (
    <>
      <div className="concord-page-header">
        <div>
          <Typography.Title level={1} style={{ fontSize: 24 }}>
            {t('admin.audit.title')}
          </Typography.Title>
          <Typography.Paragraph style={{ margin: '4px 0 0' }}>{t('admin.audit.intro')}</Typography.Paragraph>
        </div>
        <ExportButton list="audit" query={filters} />
      </div>
      <search className="concord-filters">
        <DatePicker.RangePicker
          aria-label={t('admin.audit.dateRange')}
          placeholder={[t('admin.audit.startDate'), t('admin.audit.endDate')]}
          value={range}
          allowEmpty={[true, true]}
          onChange={(dates) =>
            update({ from: dates?.[0]?.format('YYYY-MM-DD'), to: dates?.[1]?.format('YYYY-MM-DD') })
          }
          data-testid="audit-dates"
        />
        <Select<string | undefined>
          aria-label={t('admin.audit.subjectType')}
          placeholder={t('admin.audit.allSubjectTypes')}
          value={filters.subjectType}
          allowClear
          onChange={(subjectType) => update({ subjectType, subjectId: undefined })}
          style={{ width: 180 }}
          options={knownTypes.map((type) => ({ value: type, label: typeLabel(type) }))}
        />
        <Select<string | undefined>
          aria-label={t('admin.audit.verb')}
          placeholder={t('admin.audit.allVerbs')}
          value={filters.verb}
          allowClear
          onChange={(verb) => update({ verb })}
          style={{ width: 200 }}
          options={knownVerbs.map((verb) => ({ value: verb, label: verbLabel(verb) }))}
        />
        {filters.subjectId && (
          <Tag
            closable
            onClose={() => update({ subjectId: undefined })}
            style={{ display: 'inline-flex', alignItems: 'center', margin: 0 }}
          >
            {typeLabel(filters.subjectType ?? '')} <span className="concord-mono">{filters.subjectId}</span>
          </Tag>
        )}
      </search>
      {list.isError && (
        <Alert
          type="error"
          showIcon
          title={t('admin.common.loadFailed')}
          description={errorMessage(list.error)}
          action={<Button onClick={() => void list.refetch()}>{t('admin.common.retry')}</Button>}
          style={{ marginBottom: 16 }}
        />
      )}
      <div data-testid="audit-table">
        <Table<TimelineEvent>
          rowKey="id"
          columns={columns}
          dataSource={list.data?.items ?? []}
          loading={list.isFetching}
          scroll={{ x: 'max-content' }}
          expandable={{
            columnTitle: <span className="concord-visually-hidden">{t('admin.audit.showDiff')}</span>,
            expandedRowRender: (event) => <DiffTable event={event} />,
          }}
          onChange={(pagination) =>
            update({
              page: pagination.current === 1 ? undefined : pagination.current,
              pageSize: pagination.pageSize === 20 ? undefined : pagination.pageSize,
            })
          }
          pagination={{
            current: filters.page,
            pageSize: filters.pageSize,
            total: list.data?.total ?? 0,
            showSizeChanger: true,
            pageSizeOptions: pageSizes,
            showTotal: (total) => t('admin.common.total', { count: total }),
          }}
          locale={{
            emptyText: list.isPending ? (
              <span />
            ) : (
              <Empty description={t('admin.audit.empty')}>
                {filtered && (
                  <Button onClick={() => setParams({}, { replace: true })}>
                    {t('admin.common.clearFilters')}
                  </Button>
                )}
              </Empty>
            ),
          }}
        />
      </div>
    </>
  );
}
