import { useMutation, useQueries, useQuery, useQueryClient } from '@tanstack/react-query';
import {
  Alert,
  App,
  Badge,
  Breadcrumb,
  Button,
  Card,
  Descriptions,
  Empty,
  Popconfirm,
  Space,
  Table,
  type TableProps,
  Tag,
  Typography,
} from 'antd';
import dayjs from 'dayjs';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate, useParams } from 'react-router';
import { api } from '../../../admin/api.ts';
import { errorMessage, isApiError } from '../../../admin/api-client.ts';
import { showConflictDialog } from '../../../admin/conflict-dialog.ts';
import { displayName, secondaryName } from '../../../admin/display-name.ts';
import { useLanguage } from '../../../admin/language.tsx';
import NotFoundPage from '../../../admin/not-found.page.tsx';
import { RecordTimelineCard } from '../../../admin/record-timeline.tsx';
import { PageSpinner, useSession } from '../../../admin/session.tsx';
import { useOrgUnits } from '../../org-units/admin/org-unit-select.tsx';
import type { AffiliationOutput, PersonOutput } from '../people.schema.ts';
import { AffiliationFormModal } from './affiliation-form-modal.tsx';
import { PersonFormDrawer } from './person-form-drawer.tsx';
import { isCurrent, peopleQueryKey } from './person-titles.ts';

/** One person: contact details and the titles they held over time. */
export default function PersonPage() {
  const { id = '' } = useParams();
  const { t } = useTranslation();
  const { locale } = useLanguage();
  const session = useSession();
  const navigate = useNavigate();
  const queryClient = useQueryClient();
  const { message, modal } = App.useApp();
  const [editing, setEditing] = useState(false);
  const [affiliationDialog, setAffiliationDialog] = useState<{
    affiliation: AffiliationOutput | null;
  } | null>(null);
  const canRead = session.can('records.read');
  const canWrite = session.can('records.write');
  const personKey = [...peopleQueryKey, 'one', id];
  const affiliationsKey = [...peopleQueryKey, 'affiliations', id];

  const person = useQuery({
    queryKey: personKey,
    queryFn: () => api('GET /api/people/:id', { params: { id } }),
    enabled: canRead && id !== '',
  });
  const affiliations = useQuery({
    queryKey: affiliationsKey,
    queryFn: () => api('GET /api/people/:id/affiliations', { params: { id } }),
    enabled: canRead && id !== '',
  });
  const units = useOrgUnits(canRead);
  const orgIds = [
    ...new Set((affiliations.data?.items ?? []).flatMap((a) => (a.organizationId ? [a.organizationId] : []))),
  ];
  const orgs = useQueries({
    queries: orgIds.map((orgId) => ({
      queryKey: ['organizations', 'one', orgId],
      queryFn: () => api('GET /api/organizations/:id', { params: { id: orgId } }),
      staleTime: 60_000,
    })),
  });

  const onError = (error: unknown) => {
    if (isApiError(error, 'conflict')) {
      showConflictDialog(
        modal,
        error.message,
        () => void queryClient.invalidateQueries({ queryKey: peopleQueryKey }),
      );
      return;
    }
    void message.error(errorMessage(error));
  };

  const endTitle = useMutation({
    mutationFn: (a: AffiliationOutput) =>
      api('PATCH /api/people/:id/affiliations/:affId', {
        params: { id, affId: a.id },
        body: { version: a.version, toOn: dayjs().format('YYYY-MM-DD') },
      }),
    onSuccess: () => {
      void message.success(t('admin.people.titleEnded'));
      void queryClient.invalidateQueries({ queryKey: peopleQueryKey });
    },
    onError,
  });
  const removeTitle = useMutation({
    mutationFn: (a: AffiliationOutput) =>
      api('DELETE /api/people/:id/affiliations/:affId', {
        params: { id, affId: a.id },
        query: { version: a.version },
      }),
    onSuccess: () => {
      void message.success(t('admin.people.titleDeleted'));
      void queryClient.invalidateQueries({ queryKey: peopleQueryKey });
    },
    onError,
  });
  const removePerson = useMutation({
    mutationFn: (p: PersonOutput) =>
      api('DELETE /api/people/:id', { params: { id: p.id }, query: { version: p.version } }),
    onSuccess: () => {
      void message.success(t('admin.people.deleted'));
      void queryClient.invalidateQueries({ queryKey: peopleQueryKey });
      void navigate('/people');
    },
    onError,
  });

  if (!canRead) return <NotFoundPage />;
  if (person.isPending) return <PageSpinner />;
  if (person.isError) {
    if (isApiError(person.error, 'not_found')) return <NotFoundPage />;
    return (
      <Alert
        type="error"
        showIcon
        title={t('admin.common.loadFailed')}
        description={errorMessage(person.error)}
        action={<Button onClick={() => void person.refetch()}>{t('admin.common.retry')}</Button>}
      />
    );
  }
  const record = person.data;
  const name = displayName(record, locale);
  const other = secondaryName(record, locale);

  const whereOf = (a: AffiliationOutput) => {
    if (a.organizationId) {
      const org = orgs.find((q) => q.data?.id === a.organizationId)?.data;
      return <Link to={`/partners/${a.organizationId}`}>{org ? displayName(org, locale) : '…'}</Link>;
    }
    const unit = units.data?.items.find((u) => u.id === a.orgUnitId);
    return unit ? displayName(unit, locale) : '—';
  };
  const rows = [...(affiliations.data?.items ?? [])].sort((a, b) =>
    (b.fromOn ?? '').localeCompare(a.fromOn ?? ''),
  );

  const columns: TableProps<AffiliationOutput>['columns'] = [
    { key: 'where', title: t('admin.people.columns.where'), render: (_: unknown, a) => whereOf(a) },
    {
      key: 'title',
      title: t('admin.people.columns.title'),
      render: (_: unknown, a) => (
        <Space size={4} wrap>
          <span>{(locale === 'en' && a.titleEn) || a.titleZh}</span>
          {a.isPrimary && <Tag>{t('admin.people.primary')}</Tag>}
          {isCurrent(a) && <Badge status="success" text={t('admin.people.current')} />}
        </Space>
      ),
    },
    { key: 'fromOn', title: t('admin.people.fields.fromOn'), render: (_: unknown, a) => a.fromOn ?? '—' },
    {
      key: 'toOn',
      title: t('admin.people.fields.toOn'),
      render: (_: unknown, a) => a.toOn ?? t('admin.people.present'),
    },
    ...(canWrite
      ? [
          {
            key: 'actions',
            title: t('admin.common.actions'),
            render: (_: unknown, a: AffiliationOutput) => (
              <Space size={0} wrap>
                <Button type="link" size="small" onClick={() => setAffiliationDialog({ affiliation: a })}>
                  {t('admin.registry.edit')}
                </Button>
                {!a.toOn && (
                  <Popconfirm
                    title={t('admin.people.confirmEnd')}
                    okText={t('admin.people.endTitle')}
                    cancelText={t('admin.common.cancel')}
                    onConfirm={() => endTitle.mutateAsync(a).catch(() => undefined)}
                    styles={{ root: { maxWidth: 340 } }}
                  >
                    <Button type="link" size="small">
                      {t('admin.people.endTitle')}
                    </Button>
                  </Popconfirm>
                )}
                <Popconfirm
                  title={t('admin.people.confirmDeleteTitle')}
                  okText={t('admin.registry.delete')}
                  cancelText={t('admin.common.cancel')}
                  okButtonProps={{ danger: true }}
                  onConfirm={() => removeTitle.mutateAsync(a).catch(() => undefined)}
                  styles={{ root: { maxWidth: 340 } }}
                >
                  <Button type="link" size="small" danger>
                    {t('admin.registry.delete')}
                  </Button>
                </Popconfirm>
              </Space>
            ),
          },
        ]
      : []),
  ];

  return (
    <>
      <Breadcrumb
        style={{ marginBottom: 8 }}
        items={[{ title: <Link to="/people">{t('admin.people.title')}</Link> }, { title: name }]}
      />
      <div className="concord-page-header">
        <div>
          <Typography.Title level={1} style={{ fontSize: 24 }}>
            <span data-testid="person-name">{name}</span>
          </Typography.Title>
          {other && <Typography.Text type="secondary">{other}</Typography.Text>}
        </div>
        {canWrite && (
          <Space wrap>
            <Button onClick={() => setEditing(true)}>{t('admin.registry.edit')}</Button>
            <Popconfirm
              title={t('admin.people.confirmDelete', { name })}
              okText={t('admin.registry.delete')}
              cancelText={t('admin.common.cancel')}
              okButtonProps={{ danger: true }}
              onConfirm={() => removePerson.mutateAsync(record).catch(() => undefined)}
              styles={{ root: { maxWidth: 340 } }}
            >
              <Button danger>{t('admin.registry.delete')}</Button>
            </Popconfirm>
          </Space>
        )}
      </div>
      <Space direction="vertical" size={16} style={{ width: '100%' }}>
        <Card title={<h2 className="concord-card-title">{t('admin.people.profile')}</h2>}>
          <Descriptions
            column={{ xs: 1, sm: 1, md: 2 }}
            size="small"
            items={[
              { key: 'nameZh', label: t('admin.people.fields.nameZh'), children: record.nameZh },
              { key: 'nameEn', label: t('admin.people.fields.nameEn'), children: record.nameEn || '—' },
              {
                key: 'side',
                label: t('admin.people.fields.side'),
                children: t(`admin.people.sides.${record.side}`),
              },
              { key: 'phone', label: t('admin.people.fields.phone'), children: record.phone || '—' },
              { key: 'email', label: t('admin.people.fields.email'), children: record.email || '—' },
              {
                key: 'notes',
                label: t('admin.people.fields.notes'),
                span: 'filled',
                children: <span style={{ whiteSpace: 'pre-wrap' }}>{record.notes || '—'}</span>,
              },
            ]}
          />
        </Card>
        <Card
          title={<h2 className="concord-card-title">{t('admin.people.titlesTitle')}</h2>}
          extra={
            canWrite && (
              <Button
                size="small"
                onClick={() => setAffiliationDialog({ affiliation: null })}
                data-testid="affiliation-add"
              >
                {t('admin.people.addTitleHeld')}
              </Button>
            )
          }
        >
          {affiliations.isError && (
            <Alert
              type="error"
              showIcon
              title={errorMessage(affiliations.error)}
              style={{ marginBottom: 16 }}
            />
          )}
          <div data-testid="affiliations-table">
            <Table<AffiliationOutput>
              rowKey="id"
              size="small"
              columns={columns}
              dataSource={rows}
              loading={affiliations.isFetching}
              pagination={false}
              scroll={{ x: 'max-content' }}
              locale={{
                emptyText: affiliations.isPending ? (
                  <span />
                ) : (
                  <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('admin.people.noTitles')} />
                ),
              }}
            />
          </div>
        </Card>
        <RecordTimelineCard subjectType="person" subjectId={id} fieldLabels="admin.people.fields" />
      </Space>
      <PersonFormDrawer
        open={editing}
        person={record}
        onClose={() => setEditing(false)}
        onSaved={(saved) => {
          setEditing(false);
          void message.success(t('admin.people.saved', { name: displayName(saved, locale) }));
          queryClient.setQueryData(personKey, saved);
          void queryClient.invalidateQueries({ queryKey: peopleQueryKey });
        }}
      />
      <AffiliationFormModal
        open={affiliationDialog !== null}
        personId={id}
        affiliation={affiliationDialog?.affiliation ?? null}
        onClose={() => setAffiliationDialog(null)}
        onSaved={() => {
          setAffiliationDialog(null);
          void message.success(t('admin.people.titleSaved'));
          void queryClient.invalidateQueries({ queryKey: peopleQueryKey });
        }}
      />
    </>
  );
}
