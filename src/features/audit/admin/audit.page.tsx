import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { DatePicker, Select, Table, type TableProps, Tag, Typography } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import type { TFunction } from 'i18next';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { api } from '../../../admin/api.ts';
import { useListState } from '../../../admin/list-state.ts';
import NotFoundPage from '../../../admin/not-found.page.tsx';
import { RecordListPage } from '../../../admin/record-list.tsx';
import { useSession } from '../../../admin/session.tsx';
import type { TimelineEvent } from '../audit.schema.ts';

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
  const listState = useListState(['subjectType', 'subjectId', 'verb', 'from', 'to'] as const);
  const { state, update } = listState;
  const isDate = (value: string | undefined) => (value && isoDate.test(value) ? value : undefined);
  const filters = {
    page: state.page,
    pageSize: state.pageSize,
    subjectType: state.subjectType,
    subjectId: state.subjectId,
    verb: state.verb,
    from: isDate(state.from),
    to: isDate(state.to),
  };

  const list = useQuery({
    queryKey: ['audit', 'list', filters],
    queryFn: () => api('GET /api/audit', { query: filters }),
    placeholderData: keepPreviousData,
    enabled: session.can('audit.read'),
  });

  if (!session.can('audit.read')) return <NotFoundPage />;

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

  return (
    <RecordListPage<TimelineEvent>
      title={t('admin.audit.title')}
      list={listState}
      result={list}
      columns={columns}
      exportList="audit"
      exportQuery={filters}
      above={<Typography.Paragraph>{t('admin.audit.intro')}</Typography.Paragraph>}
      filters={
        <>
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
        </>
      }
      empty={{ text: t('admin.audit.empty') }}
      testId="audit-table"
      tableProps={{
        expandable: {
          columnTitle: <span className="concord-visually-hidden">{t('admin.audit.showDiff')}</span>,
          expandedRowRender: (event) => <DiffTable event={event} />,
        },
      }}
    />
  );
}
