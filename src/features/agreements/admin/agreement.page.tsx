import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import {
  Alert,
  App,
  Button,
  Card,
  Descriptions,
  Empty,
  Popconfirm,
  Space,
  Table,
  Tag,
  Typography,
} from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate, useParams } from 'react-router';
import { api } from '../../../admin/api.ts';
import { errorMessage, isApiError } from '../../../admin/api-client.ts';
import { showConflictDialog } from '../../../admin/conflict-dialog.ts';
import NotFoundPage from '../../../admin/not-found.page.tsx';
import { RecordName } from '../../../admin/record-picker.tsx';
import { RecordTimelineCard } from '../../../admin/record-timeline.tsx';
import { PageSpinner, useSession } from '../../../admin/session.tsx';
import type { AgreementOutput, AgreementStatus } from '../agreements.schema.ts';
import { AgreementFilesCard } from './agreement-files-card.tsx';
import { AgreementFormDrawer } from './agreement-form-drawer.tsx';
import { agreementsQueryKey, statusColor } from './agreements.page.tsx';

/** The lifecycle steps offered from each status (draft → in review → signed → active → expired | terminated). */
const nextSteps: Record<AgreementStatus, AgreementStatus[]> = {
  draft: ['in_review'],
  in_review: ['draft', 'signed'],
  signed: ['active', 'terminated'],
  active: ['expired', 'terminated'],
  expired: [],
  terminated: [],
};

/** One agreement: its terms, parties and signatories, and the buttons that move it through its lifecycle. */
export default function AgreementPage() {
  const { t } = useTranslation();
  const { id = '' } = useParams();
  const session = useSession();
  const navigate = useNavigate();
  const queryClient = useQueryClient();
  const { message, modal } = App.useApp();
  const [editing, setEditing] = useState(false);
  const canWrite = session.can('records.write');
  const key = [...agreementsQueryKey, 'one', id];

  const query = useQuery({
    queryKey: key,
    queryFn: () => api('GET /api/agreements/:id', { params: { id } }),
    enabled: session.can('records.read'),
  });
  const onError = (error: unknown) => {
    if (isApiError(error, 'conflict')) {
      showConflictDialog(modal, error.message, () => void queryClient.invalidateQueries({ queryKey: key }));
      return;
    }
    void message.error(errorMessage(error));
  };
  const transition = useMutation({
    mutationFn: (vars: { a: AgreementOutput; to: AgreementStatus }) =>
      api('POST /api/agreements/:id/transition', {
        params: { id: vars.a.id },
        body: { to: vars.to, version: vars.a.version },
      }),
    onSuccess: (a) => {
      queryClient.setQueryData(key, a);
      void queryClient.invalidateQueries({ queryKey: agreementsQueryKey });
      void message.success(
        t('admin.agreements.transitioned', { status: t(`admin.agreements.statuses.${a.status}`) }),
      );
    },
    onError,
  });
  const remove = useMutation({
    mutationFn: (a: AgreementOutput) =>
      api('DELETE /api/agreements/:id', { params: { id: a.id }, query: { version: a.version } }),
    onSuccess: () => {
      void message.success(t('admin.agreements.deleted'));
      void queryClient.invalidateQueries({ queryKey: agreementsQueryKey });
      void navigate('/agreements');
    },
    onError,
  });

  if (!session.can('records.read')) return <NotFoundPage />;
  if (query.isPending) return <PageSpinner />;
  if (query.isError) {
    if (isApiError(query.error, 'not_found')) return <NotFoundPage record />;
    return (
      <Alert
        type="error"
        showIcon
        title={t('admin.common.loadFailed')}
        description={errorMessage(query.error)}
        action={<Button onClick={() => void query.refetch()}>{t('admin.common.retry')}</Button>}
      />
    );
  }
  const a = query.data;

  return (
    <Space orientation="vertical" size="large" style={{ width: '100%' }}>
      <div className="concord-page-header">
        <div>
          <Link to="/agreements">{t('admin.agreements.backToList')}</Link>
          <Typography.Title level={1} style={{ fontSize: 24, marginTop: 8 }} data-testid="agreement-title">
            {a.titleZh || a.titleEn}
          </Typography.Title>
          <Space wrap>
            <Tag color={statusColor(a.status)} data-testid="agreement-status">
              {t(`admin.agreements.statuses.${a.status}`)}
            </Tag>
            <span>{t(`admin.agreements.types.${a.type}`)}</span>
            {a.code && <span>{a.code}</span>}
          </Space>
        </div>
        {canWrite && (
          <Space wrap>
            {nextSteps[a.status].map((to) => {
              const status = t(`admin.agreements.statuses.${to}`);
              return (
                <Popconfirm
                  key={to}
                  title={t('admin.agreements.confirmTransition', { status })}
                  okText={t('admin.agreements.transitionTo', { status })}
                  cancelText={t('admin.common.cancel')}
                  okButtonProps={{ danger: to === 'terminated' }}
                  onConfirm={() => transition.mutateAsync({ a, to }).catch(() => undefined)}
                >
                  <Button danger={to === 'terminated'} data-testid={`agreement-to-${to}`}>
                    {t('admin.agreements.transitionTo', { status })}
                  </Button>
                </Popconfirm>
              );
            })}
            <Button type="primary" onClick={() => setEditing(true)}>
              {t('admin.records.edit')}
            </Button>
            <Popconfirm
              title={t('admin.agreements.confirmDelete')}
              okText={t('admin.records.delete')}
              cancelText={t('admin.common.cancel')}
              okButtonProps={{ danger: true }}
              onConfirm={() => remove.mutateAsync(a).catch(() => undefined)}
            >
              <Button danger>{t('admin.records.delete')}</Button>
            </Popconfirm>
          </Space>
        )}
      </div>
      <Card size="small">
        <Descriptions column={{ xs: 1, md: 3 }} size="small">
          <Descriptions.Item label={t('admin.agreements.fields.signedOn')}>
            {a.signedOn ?? '—'}
          </Descriptions.Item>
          <Descriptions.Item label={t('admin.agreements.fields.validFrom')}>
            {a.validFrom ?? '—'}
          </Descriptions.Item>
          <Descriptions.Item label={t('admin.agreements.fields.validTo')}>
            {a.validTo ?? '—'}
          </Descriptions.Item>
          <Descriptions.Item label={t('admin.agreements.fields.autoRenew')}>
            {a.autoRenew ? '✓' : '—'}
          </Descriptions.Item>
          <Descriptions.Item label={t('admin.agreements.fields.ownerOrgUnit')}>
            <RecordName source="org-units" id={a.ownerOrgUnitId} />
          </Descriptions.Item>
          {a.sourceEngagementId && (
            <Descriptions.Item label={t('admin.commitments.source')}>
              <Link to={`/engagements/${a.sourceEngagementId}`}>{t('admin.nav.engagements')}</Link>
            </Descriptions.Item>
          )}
          {a.notes && (
            <Descriptions.Item label={t('admin.agreements.fields.notes')} span={3}>
              {a.notes}
            </Descriptions.Item>
          )}
        </Descriptions>
      </Card>
      <section aria-labelledby="agreement-parties">
        <Typography.Title level={2} id="agreement-parties" style={{ fontSize: 18 }}>
          {t('admin.agreements.parties')}
        </Typography.Title>
        <Table
          rowKey="id"
          size="small"
          pagination={false}
          dataSource={a.parties}
          locale={{ emptyText: <Empty description={t('admin.agreements.noParties')} /> }}
          columns={[
            {
              key: 'role',
              title: t('admin.agreements.fields.partyRole'),
              render: (_: unknown, p) => t(`admin.agreements.partyRoles.${p.role}`),
            },
            {
              key: 'party',
              title: t('admin.agreements.fields.party'),
              render: (_: unknown, p) =>
                p.organizationId ? (
                  <RecordName source="organizations" id={p.organizationId} />
                ) : (
                  t('admin.records.ourCollege')
                ),
            },
            {
              key: 'signatory',
              title: t('admin.agreements.fields.signatory'),
              render: (_: unknown, p) => <RecordName source="people" id={p.signatoryPersonId} />,
            },
          ]}
        />
      </section>
      <AgreementFilesCard agreementId={a.id} canWrite={canWrite} />
      <RecordTimelineCard subjectType="agreement" subjectId={a.id} fieldLabels="admin.agreements.fields" />
      <AgreementFormDrawer
        open={editing}
        agreement={a}
        onClose={() => setEditing(false)}
        onSaved={(saved) => {
          setEditing(false);
          queryClient.setQueryData(key, saved);
          void queryClient.invalidateQueries({ queryKey: agreementsQueryKey });
          void message.success(t('admin.agreements.saved'));
        }}
      />
    </Space>
  );
}
