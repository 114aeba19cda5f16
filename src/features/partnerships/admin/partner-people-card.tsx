import { useQueries, useQuery, useQueryClient } from '@tanstack/react-query';
import { Alert, App, Button, Card, Empty, Table, type TableProps, Typography } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { api } from '../../../admin/api.ts';
import { errorMessage } from '../../../admin/api-client.ts';
import { displayName } from '../../../admin/display-name.ts';
import { useLanguage } from '../../../admin/language.tsx';
import type { OrganizationOutput } from '../../organizations/organizations.schema.ts';
import { PersonFormDrawer } from '../../people/admin/person-form-drawer.tsx';
import { isCurrent, peopleQueryKey } from '../../people/admin/person-titles.ts';

/** The partner's people with the titles they hold there now; adds a person with a title. */
export function PartnerPeopleCard({
  organization,
  canWrite,
}: {
  organization: OrganizationOutput;
  canWrite: boolean;
}) {
  const { t } = useTranslation();
  const { locale } = useLanguage();
  const { message } = App.useApp();
  const queryClient = useQueryClient();
  const [adding, setAdding] = useState(false);
  const people = useQuery({
    queryKey: [...peopleQueryKey, 'list', { organizationId: organization.id }],
    queryFn: () =>
      api('GET /api/people', { query: { organizationId: organization.id, pageSize: 100, sort: 'nameZh' } }),
  });
  const affiliations = useQueries({
    queries: (people.data?.items ?? []).map((person) => ({
      queryKey: [...peopleQueryKey, 'affiliations', person.id],
      queryFn: () => api('GET /api/people/:id/affiliations', { params: { id: person.id } }),
    })),
  });
  const titleOf = (index: number) => {
    const held = (affiliations[index]?.data?.items ?? []).filter((a) => a.organizationId === organization.id);
    const current = held.filter((a) => isCurrent(a));
    const shown = current.length > 0 ? current : held.slice(-1);
    return shown.map((a) => ({
      title: (locale === 'en' && a.titleEn) || a.titleZh,
      current: isCurrent(a),
      a,
    }));
  };

  const rows = (people.data?.items ?? []).map((person, index) => ({ person, titles: titleOf(index) }));
  const columns: TableProps<(typeof rows)[number]>['columns'] = [
    {
      key: 'name',
      title: t('admin.people.columns.name'),
      render: (_: unknown, row) => (
        <Link to={`/people/${row.person.id}`}>{displayName(row.person, locale)}</Link>
      ),
    },
    {
      key: 'title',
      title: t('admin.people.columns.currentTitle'),
      render: (_: unknown, row) =>
        row.titles.length === 0
          ? '—'
          : row.titles.map(({ title, current, a }) => (
              <div key={a.id}>
                {title}
                {!current && (
                  <Typography.Text type="secondary">
                    {' '}
                    {t('admin.people.formerly', { date: a.toOn ?? '' })}
                  </Typography.Text>
                )}
              </div>
            )),
    },
    {
      key: 'contact',
      title: t('admin.people.columns.contact'),
      render: (_: unknown, row) => [row.person.phone, row.person.email].filter(Boolean).join(' · ') || '—',
    },
  ];

  return (
    <Card
      title={<h2 className="concord-card-title">{t('admin.partners.peopleTitle')}</h2>}
      extra={
        canWrite && (
          <Button size="small" onClick={() => setAdding(true)} data-testid="partner-add-person">
            {t('admin.partners.addPerson')}
          </Button>
        )
      }
      data-testid="partner-people"
    >
      {people.isError && (
        <Alert
          type="error"
          showIcon
          title={t('admin.common.loadFailed')}
          description={errorMessage(people.error)}
          action={<Button onClick={() => void people.refetch()}>{t('admin.common.retry')}</Button>}
        />
      )}
      <Table
        rowKey={(row) => row.person.id}
        size="small"
        columns={columns}
        dataSource={rows}
        loading={people.isFetching}
        pagination={false}
        scroll={{ x: 'max-content' }}
        locale={{
          emptyText: people.isPending ? (
            <span />
          ) : (
            <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('admin.partners.noPeople')} />
          ),
        }}
      />
      <PersonFormDrawer
        open={adding}
        person={null}
        organizationId={organization.id}
        onClose={() => setAdding(false)}
        onSaved={(person) => {
          setAdding(false);
          void message.success(t('admin.people.created', { name: displayName(person, locale) }));
          void queryClient.invalidateQueries({ queryKey: peopleQueryKey });
        }}
      />
    </Card>
  );
}
