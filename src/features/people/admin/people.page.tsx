import { keepPreviousData, useQuery, useQueryClient } from '@tanstack/react-query';
import { App, Button, Select, type TableProps, Tag, Typography } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate } from 'react-router';
import { api } from '../../../admin/api.ts';
import { displayName, secondaryName } from '../../../admin/display-name.ts';
import { useLanguage } from '../../../admin/language.tsx';
import { oneOf, sortOrderOf, useListState } from '../../../admin/list-state.ts';
import NotFoundPage from '../../../admin/not-found.page.tsx';
import { RecordListPage } from '../../../admin/record-list.tsx';
import { useSession } from '../../../admin/session.tsx';
import { OrganizationSelect } from '../../organizations/admin/organization-select.tsx';
import type { PersonListItem, PersonOutput } from '../people.schema.ts';
import { PersonFormDrawer } from './person-form-drawer.tsx';
import { peopleQueryKey } from './person-titles.ts';

const filterKeys = ['side', 'organizationId'] as const;
const sorts = ['nameZh', '-nameZh', 'nameEn', '-nameEn', 'createdAt', '-createdAt'] as const;
const sides = ['theirs', 'ours'] as const;

/** People on both sides: search by name, filter by side or partner, page; add a person. */
export default function PeoplePage() {
  const { t } = useTranslation();
  const { locale } = useLanguage();
  const session = useSession();
  const navigate = useNavigate();
  const { message } = App.useApp();
  const queryClient = useQueryClient();
  const listState = useListState(filterKeys, sorts);
  const { state: query, filters, update } = listState;
  const [creating, setCreating] = useState(false);
  const canRead = session.can('records.read');
  const canWrite = session.can('records.write');

  const list = useQuery({
    queryKey: [...peopleQueryKey, 'list', query],
    queryFn: () =>
      api('GET /api/people', {
        query: {
          ...query,
          q: query.q.trim(),
          sort: oneOf(sorts, query.sort),
          side: oneOf(sides, query.side),
        },
      }),
    placeholderData: keepPreviousData,
    enabled: canRead,
  });

  if (!canRead) return <NotFoundPage />;

  const columns: TableProps<PersonListItem>['columns'] = [
    {
      key: locale === 'en' ? 'nameEn' : 'nameZh',
      title: t('admin.people.columns.name'),
      sorter: true,
      sortOrder: sortOrderOf(query.sort, locale === 'en' ? 'nameEn' : 'nameZh'),
      render: (_: unknown, person) => {
        const other = secondaryName(person, locale);
        return (
          <div>
            <Link to={`/people/${person.id}`}>
              <Typography.Text strong style={{ color: 'inherit' }}>
                {displayName(person, locale)}
              </Typography.Text>
            </Link>
            {other && <Typography.Text type="secondary"> {other}</Typography.Text>}
          </div>
        );
      },
    },
    {
      key: 'side',
      dataIndex: 'side',
      title: t('admin.people.columns.side'),
      render: (side: PersonOutput['side']) => <Tag>{t(`admin.people.sides.${side}`)}</Tag>,
    },
    {
      key: 'where',
      title: t('admin.people.columns.where'),
      render: (_: unknown, person) => {
        const c = person.current;
        if (!c) return '—';
        const place = locale === 'en' ? c.placeEn || c.placeZh : c.placeZh;
        return c.organizationId ? <Link to={`/partners/${c.organizationId}`}>{place}</Link> : place;
      },
    },
    {
      key: 'currentTitle',
      title: t('admin.people.columns.currentTitle'),
      render: (_: unknown, person) =>
        person.current
          ? locale === 'en'
            ? person.current.titleEn || person.current.titleZh
            : person.current.titleZh
          : '—',
    },
    {
      key: 'phone',
      dataIndex: 'phone',
      title: t('admin.people.fields.phone'),
      render: (v: string | null) => v || '—',
    },
    {
      key: 'email',
      dataIndex: 'email',
      title: t('admin.people.fields.email'),
      render: (v: string | null) => v || '—',
    },
  ];

  return (
    <RecordListPage<PersonListItem>
      title={t('admin.people.title')}
      list={listState}
      result={list}
      columns={columns}
      exportList="people"
      actions={
        canWrite && (
          <Button type="primary" data-testid="people-create" onClick={() => setCreating(true)}>
            {t('admin.people.create')}
          </Button>
        )
      }
      search={{
        label: t('admin.people.searchLabel'),
        placeholder: t('admin.people.searchPlaceholder'),
        width: 320,
        testId: 'people-search',
      }}
      filters={
        <>
          <Select<string | undefined>
            aria-label={t('admin.people.sideFilter')}
            placeholder={t('admin.people.allSides')}
            value={filters.side}
            onChange={(side) => update({ side })}
            allowClear
            style={{ width: 160 }}
            options={sides.map((side) => ({
              value: side,
              label: t(`admin.people.sides.${side}`),
            }))}
          />
          <div style={{ width: 260, maxWidth: '100%' }}>
            <OrganizationSelect
              aria-label={t('admin.people.organizationFilter')}
              value={filters.organizationId}
              onChange={(organizationId) => update({ organizationId })}
              style={{ width: '100%' }}
            />
          </div>
        </>
      }
      empty={{ text: t('admin.people.empty'), filteredText: t('admin.people.emptyFiltered') }}
      testId="people-table"
    >
      <PersonFormDrawer
        open={creating}
        person={null}
        onClose={() => setCreating(false)}
        onSaved={(person) => {
          setCreating(false);
          void message.success(t('admin.people.created', { name: displayName(person, locale) }));
          void queryClient.invalidateQueries({ queryKey: peopleQueryKey });
          void navigate(`/people/${person.id}`);
        }}
      />
    </RecordListPage>
  );
}
