import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { Alert, App, Button, Card, Descriptions, Popconfirm, Space, Tag, Typography } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate, useParams } from 'react-router';
import { api } from '../../../admin/api.ts';
import { errorMessage, isApiError } from '../../../admin/api-client.ts';
import { showConflictDialog } from '../../../admin/conflict-dialog.ts';
import { useLanguage } from '../../../admin/language.tsx';
import NotFoundPage from '../../../admin/not-found.page.tsx';
import { RecordName } from '../../../admin/record-picker.tsx';
import { RecordTimelineCard } from '../../../admin/record-timeline.tsx';
import { PageSpinner, useSession } from '../../../admin/session.tsx';
import type { ProgramOutput, programDimensions } from '../programs.schema.ts';
import { ProgramFacts } from './program-facts.tsx';
import { ProgramFormDrawer } from './program-form-drawer.tsx';
import { ProgramMilestones } from './program-milestones.tsx';
import { programStatusColor, programsQueryKey, programTitle } from './programs.page.tsx';

type Status = ProgramOutput['status'];
/** The status moves offered from each status (planned → running → completed, or cancelled). */
const nextSteps: Record<Status, Status[]> = {
  planned: ['running', 'cancelled'],
  running: ['completed', 'cancelled'],
  completed: [],
  cancelled: [],
};

/** One program: its fields, partners and majors, links to its agreement and source engagement, milestones and facts. */
export default function ProgramPage() {
  const { t } = useTranslation();
  const { locale } = useLanguage();
  const { id = '' } = useParams();
  const session = useSession();
  const navigate = useNavigate();
  const queryClient = useQueryClient();
  const { message, modal } = App.useApp();
  const [editing, setEditing] = useState(false);
  const canWrite = session.can('records.write');
  const key = [...programsQueryKey, 'one', id];

  const query = useQuery({
    queryKey: key,
    queryFn: () => api('GET /api/programs/:id', { params: { id } }),
    enabled: session.can('records.read'),
  });
  const agreementId = query.data?.agreementId;
  const engagementId = query.data?.sourceEngagementId;
  const agreement = useQuery({
    queryKey: ['agreements', 'one', agreementId],
    queryFn: () => api('GET /api/agreements/:id', { params: { id: agreementId ?? '' } }),
    enabled: Boolean(agreementId),
    retry: false,
  });
  const engagement = useQuery({
    queryKey: ['engagements', 'one', engagementId],
    queryFn: () => api('GET /api/engagements/:id', { params: { id: engagementId ?? '' } }),
    enabled: Boolean(engagementId),
    retry: false,
  });

  const reload = () => void queryClient.invalidateQueries({ queryKey: key });
  const changed = (p: ProgramOutput) => {
    queryClient.setQueryData(key, p);
    void queryClient.invalidateQueries({ queryKey: [...programsQueryKey, 'list'] });
  };
  const onError = (error: unknown) => {
    if (isApiError(error, 'conflict')) {
      showConflictDialog(modal, error.message, reload);
      return;
    }
    void message.error(errorMessage(error));
  };
  const transition = useMutation({
    mutationFn: (vars: { p: ProgramOutput; to: Status }) =>
      api('PATCH /api/programs/:id', {
        params: { id: vars.p.id },
        body: { status: vars.to, version: vars.p.version },
      }),
    onSuccess: (p) => {
      // The PATCH answer carries no milestones or facts: keep the ones on screen and refresh.
      const before = queryClient.getQueryData<ProgramOutput>(key);
      changed({ ...p, milestones: before?.milestones, facts: before?.facts });
      reload();
      void message.success(
        t('admin.programs.transitioned', { status: t(`admin.programs.statuses.${p.status}`) }),
      );
    },
    onError,
  });
  const remove = useMutation({
    mutationFn: (p: ProgramOutput) =>
      api('DELETE /api/programs/:id', { params: { id: p.id }, query: { version: p.version } }),
    onSuccess: () => {
      void message.success(t('admin.programs.deleted'));
      void queryClient.invalidateQueries({ queryKey: programsQueryKey });
      void navigate('/programs');
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
  const p = query.data;
  const otherTitle = locale === 'en' ? p.titleZh : p.titleEn;

  return (
    <Space orientation="vertical" size="large" style={{ width: '100%' }}>
      <div className="concord-page-header">
        <div>
          <Link to="/programs">{t('admin.programs.backToList')}</Link>
          <Typography.Title level={1} style={{ fontSize: 24, marginTop: 8 }} data-testid="program-title">
            {programTitle(p, locale)}
          </Typography.Title>
          {otherTitle && otherTitle !== programTitle(p, locale) && (
            <Typography.Paragraph type="secondary" lang={locale === 'en' ? 'zh-CN' : 'en'}>
              {otherTitle}
            </Typography.Paragraph>
          )}
          <Space wrap>
            <Tag color={programStatusColor(p.status)} data-testid="program-status">
              {t(`admin.programs.statuses.${p.status}`)}
            </Tag>
            <span>{t(`admin.programs.dimensions.${p.dimension as (typeof programDimensions)[number]}`)}</span>
          </Space>
        </div>
        {canWrite && (
          <Space wrap>
            {nextSteps[p.status].map((to) => {
              const status = t(`admin.programs.statuses.${to}`);
              return (
                <Popconfirm
                  key={to}
                  title={t('admin.programs.confirmTransition', { status })}
                  okText={t('admin.programs.transitionTo', { status })}
                  cancelText={t('admin.common.cancel')}
                  okButtonProps={{ danger: to === 'cancelled' }}
                  onConfirm={() => transition.mutateAsync({ p, to }).catch(() => undefined)}
                >
                  <Button danger={to === 'cancelled'} data-testid={`program-to-${to}`}>
                    {t('admin.programs.transitionTo', { status })}
                  </Button>
                </Popconfirm>
              );
            })}
            <Button type="primary" onClick={() => setEditing(true)} data-testid="program-edit">
              {t('admin.records.edit')}
            </Button>
            <Popconfirm
              title={t('admin.programs.confirmDelete')}
              okText={t('admin.records.delete')}
              cancelText={t('admin.common.cancel')}
              okButtonProps={{ danger: true }}
              onConfirm={() => remove.mutateAsync(p).catch(() => undefined)}
            >
              <Button danger data-testid="program-delete">
                {t('admin.records.delete')}
              </Button>
            </Popconfirm>
          </Space>
        )}
      </div>
      <Card size="small">
        <Descriptions column={{ xs: 1, md: 2, xl: 3 }} size="small" data-testid="program-summary">
          <Descriptions.Item label={t('admin.programs.fields.organizations')}>
            {p.organizationIds.length === 0 ? (
              '—'
            ) : (
              <Space size={[4, 4]} wrap>
                {p.organizationIds.map((o) => (
                  <Link key={o} to={`/partners/${o}`}>
                    <Tag style={{ whiteSpace: 'normal' }}>
                      <RecordName source="organizations" id={o} />
                    </Tag>
                  </Link>
                ))}
              </Space>
            )}
          </Descriptions.Item>
          <Descriptions.Item label={t('admin.programs.fields.majors')}>
            {p.majorIds.length === 0 ? (
              '—'
            ) : (
              <Space size={[4, 4]} wrap>
                {p.majorIds.map((m) => (
                  <Tag key={m}>
                    <RecordName source="majors" id={m} />
                  </Tag>
                ))}
              </Space>
            )}
          </Descriptions.Item>
          <Descriptions.Item label={t('admin.programs.fields.leadPerson')}>
            {p.leadPersonId ? (
              <Link to={`/people/${p.leadPersonId}`}>
                <RecordName source="people" id={p.leadPersonId} />
              </Link>
            ) : (
              '—'
            )}
          </Descriptions.Item>
          <Descriptions.Item label={t('admin.programs.fields.leadOrgUnit')}>
            <RecordName source="org-units" id={p.leadOrgUnitId} />
          </Descriptions.Item>
          <Descriptions.Item label={t('admin.programs.fields.startOn')}>{p.startOn ?? '—'}</Descriptions.Item>
          <Descriptions.Item label={t('admin.programs.fields.endOn')}>{p.endOn ?? '—'}</Descriptions.Item>
          <Descriptions.Item label={t('admin.programs.fields.agreement')}>
            {p.agreementId ? (
              <Link to={`/agreements/${p.agreementId}`} data-testid="program-agreement">
                {agreement.data
                  ? (locale === 'en' ? agreement.data.titleEn : agreement.data.titleZh) ||
                    agreement.data.titleZh
                  : t('admin.programs.openAgreement')}
              </Link>
            ) : (
              '—'
            )}
          </Descriptions.Item>
          <Descriptions.Item label={t('admin.programs.fields.sourceEngagement')}>
            {p.sourceEngagementId ? (
              <Link to={`/engagements/${p.sourceEngagementId}`} data-testid="program-source-engagement">
                {engagement.data
                  ? (locale === 'en' ? engagement.data.titleEn : engagement.data.titleZh) ||
                    engagement.data.titleZh
                  : t('admin.programs.openEngagement')}
              </Link>
            ) : (
              '—'
            )}
          </Descriptions.Item>
          {p.description && (
            <Descriptions.Item label={t('admin.programs.fields.description')} span="filled">
              <span style={{ whiteSpace: 'pre-wrap' }}>{p.description}</span>
            </Descriptions.Item>
          )}
        </Descriptions>
      </Card>
      <ProgramMilestones program={p} canWrite={canWrite} onChanged={changed} onReload={reload} />
      <ProgramFacts program={p} canWrite={canWrite} onChanged={changed} />
      <RecordTimelineCard subjectType="program" subjectId={p.id} fieldLabels="admin.programs.fields" />
      <ProgramFormDrawer
        open={editing}
        program={p}
        onClose={() => setEditing(false)}
        onSaved={(saved) => {
          setEditing(false);
          changed({ ...saved, milestones: p.milestones, facts: p.facts });
          reload();
          void message.success(t('admin.programs.saved'));
        }}
      />
    </Space>
  );
}
