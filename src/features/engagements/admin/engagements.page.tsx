import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { Button, DatePicker, Select, type TableProps, Tag } from 'antd';
import dayjs from 'dayjs';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate } from 'react-router';
import { api } from '../../../admin/api.ts';
import { displayNameOf } from '../../../admin/display-name.ts';
import { useLanguage } from '../../../admin/language.tsx';
import { oneOf, useListState } from '../../../admin/list-state.ts';
import NotFoundPage from '../../../admin/not-found.page.tsx';
import { RecordListPage } from '../../../admin/record-list.tsx';
import { useSession } from '../../../admin/session.tsx';
import { type EngagementListItem, engagementTypeSchema } from '../engagements.schema.ts';
import { EngagementFilters } from './engagement-filters.tsx';

const engagementTypes = engagementTypeSchema.options;
const sorts = ['startsOn', '-startsOn', 'title', '-title'] as const;
const reportedValues = ['true', 'false'] as const;

/** Query key prefix of everything about engagements. */
export const engagementsQueryKey = ['engagements'] as const;

/** The title of an engagement in the admin's language. */
export function engagementTitle(e: Pick<EngagementListItem, 'titleZh' | 'titleEn'>, locale: string): string {
  return locale === 'en' ? e.titleEn || e.titleZh : e.titleZh || e.titleEn;
}

/** Engagements (visits, meetings, signings...): search, filter by type, partner, department and dates; page. */
export default function EngagementsPage() {
  const { t } = useTranslation();
  const session = useSession();
  const { locale } = useLanguage();
  const navigate = useNavigate();
  const list = useListState(['type', 'organizationId', 'orgUnitId', 'from', 'to', 'reported'] as const);
  const { state, update } = list;

  const query = useQuery({
    queryKey: [...engagementsQueryKey, 'list', state],
    queryFn: () =>
      api('GET /api/engagements', {
        query: {
          ...state,
          type: oneOf(engagementTypes, state.type),
          reported: oneOf(reportedValues, state.reported),
          sort: oneOf(sorts, state.sort),
        },
      }),
    placeholderData: keepPreviousData,
    enabled: session.can('records.read'),
  });
  if (!session.can('records.read')) return <NotFoundPage />;

  const columns: TableProps<EngagementListItem>['columns'] = [
    {
      key: 'startsOn',
      dataIndex: 'startsOn',
      title: t('admin.engagements.fields.startsOn'),
      sorter: true,
      sortOrder: list.sortOrder('startsOn'),
      render: (value: string, e) => (e.startsAt ? `${value} ${e.startsAt.slice(0, 5)}` : value),
    },
    {
      key: 'title',
      title: t('admin.engagements.fields.title'),
      render: (_: unknown, e) => (
        <Link to={`/engagements/${e.id}`} data-testid="engagement-link">
          {engagementTitle(e, locale)}
        </Link>
      ),
    },
    {
      key: 'type',
      dataIndex: 'type',
      title: t('admin.engagements.fields.type'),
      render: (type: EngagementListItem['type']) => <Tag>{t(`admin.engagements.types.${type}`)}</Tag>,
    },
    {
      key: 'hostOrgUnitId',
      title: t('admin.engagements.fields.hostOrgUnit'),
      render: (_: unknown, e) =>
        e.hostOrgUnitId ? displayNameOf(e.hostOrgUnitNameZh, e.hostOrgUnitNameEn, locale) : '—',
    },
    {
      key: 'delegationSize',
      dataIndex: 'delegationSize',
      title: t('admin.engagements.fields.delegationSize'),
      render: (v: number | null) => v ?? '—',
    },
    { key: 'location', dataIndex: 'location', title: t('admin.engagements.fields.location') },
  ];

  return (
    <RecordListPage<EngagementListItem>
      title={t('admin.engagements.title')}
      list={list}
      result={query}
      columns={columns}
      exportList="engagements"
      actions={
        <>
          <Link to="/calendar">{t('admin.nav.calendar')}</Link>
          {session.can('records.write') && (
            <Button
              type="primary"
              data-testid="engagements-create"
              onClick={() => void navigate('/engagements/new')}
            >
              {t('admin.engagements.create')}
            </Button>
          )}
        </>
      }
      search={{
        label: t('admin.engagements.searchLabel'),
        placeholder: t('admin.engagements.searchPlaceholder'),
        width: 300,
      }}
      filters={
        <>
          <EngagementFilters values={state} update={update} />
          <DatePicker.RangePicker
            aria-label={t('admin.records.dateRange')}
            value={[state.from ? dayjs(state.from) : null, state.to ? dayjs(state.to) : null]}
            onChange={(range) =>
              update({ from: range?.[0]?.format('YYYY-MM-DD'), to: range?.[1]?.format('YYYY-MM-DD') })
            }
            allowEmpty={[true, true]}
          />
          <Select<string | undefined>
            aria-label={t('admin.engagements.reportedFilter')}
            placeholder={t('admin.engagements.reportedAny')}
            value={state.reported}
            onChange={(reported) => update({ reported })}
            allowClear
            style={{ width: 250 }}
            options={[
              { value: 'true', label: t('admin.engagements.reportedYes') },
              { value: 'false', label: t('admin.engagements.reportedNo') },
            ]}
          />
        </>
      }
      empty={{ text: t('admin.engagements.empty') }}
      testId="engagements-table"
    />
  );
}
