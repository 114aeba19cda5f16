import { useMutation, useQuery } from '@tanstack/react-query';
import {
  Alert,
  App,
  Button,
  Card,
  Descriptions,
  Empty,
  List,
  Popconfirm,
  Space,
  Table,
  Tag,
  Typography,
} from 'antd';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate, useParams } from 'react-router';
import { api } from '../../../admin/api.ts';
import { errorMessage, isApiError } from '../../../admin/api-client.ts';
import { displayNameOf } from '../../../admin/display-name.ts';
import { useLanguage } from '../../../admin/language.tsx';
import NotFoundPage from '../../../admin/not-found.page.tsx';
import { nameOf, RecordName } from '../../../admin/record-picker.tsx';
import { RecordTimelineCard } from '../../../admin/record-timeline.tsx';
import { PageSpinner, useSession } from '../../../admin/session.tsx';
import { DraftNewsButton, EngagementNewsCard } from '../../articles/admin/engagement-news.tsx';
import type { EngagementOutput } from '../engagements.schema.ts';
import { engagementsQueryKey, engagementTitle } from './engagements.page.tsx';
import { OutcomeActions } from './outcome-actions.tsx';

type Participant = EngagementOutput['participants'][number];

/** One engagement as a record: who led, with which titles, who received them, what was toured, discussed and agreed. */
export default function EngagementPage() {
  const { t } = useTranslation();
  const { id = '' } = useParams();
  const session = useSession();
  const { locale } = useLanguage();
  const navigate = useNavigate();
  const { message } = App.useApp();
  const canWrite = session.can('records.write');
  const canReadNews = session.can('news.read');
  const canWriteNews = session.can('news.write');

  const query = useQuery({
    queryKey: [...engagementsQueryKey, 'one', id],
    queryFn: () => api('GET /api/engagements/:id', { params: { id } }),
    enabled: session.can('records.read'),
  });
  const remove = useMutation({
    mutationFn: (e: EngagementOutput) =>
      api('DELETE /api/engagements/:id', { params: { id: e.id }, query: { version: e.version } }),
    onSuccess: () => {
      void message.success(t('admin.engagements.deleted'));
      void navigate('/engagements');
    },
    onError: (error) => void message.error(errorMessage(error)),
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
  const e = query.data;
  const title = (p: Participant) => (locale === 'en' ? p.titleEn || p.titleZh : p.titleZh || p.titleEn) ?? '';
  const lead = e.participants.filter((p) => p.role === 'led');
  const received = e.participants.filter((p) => p.role === 'received' || p.role === 'presided');
  const who = (people: Participant[]) =>
    people.length === 0
      ? '—'
      : people
          .map((p) => [nameOf(p, locale), title(p)].filter(Boolean).join(locale === 'en' ? ', ' : '，'))
          .join(locale === 'en' ? '; ' : '；');

  // The English page shows what the record has in English, and the Chinese where it has no English.
  const inLanguage = (zh: string | null, en: string | null) => (locale === 'en' && en) || zh || en || '';
  const topics = locale === 'en' && e.topicsEn.length > 0 ? e.topicsEn : e.topics;

  return (
    <Space orientation="vertical" size="large" style={{ width: '100%' }}>
      <div className="concord-page-header">
        <div>
          <Link to="/engagements">{t('admin.engagements.backToList')}</Link>
          <Typography.Title level={1} style={{ fontSize: 24, marginTop: 8 }} data-testid="engagement-title">
            {engagementTitle(e, locale)}
          </Typography.Title>
          <Space wrap>
            <Tag>{t(`admin.engagements.types.${e.type}`)}</Tag>
            <span>{e.startsAt ? `${e.startsOn} ${e.startsAt.slice(0, 5)}` : e.startsOn}</span>
            {inLanguage(e.location, e.locationEn) && <span>{inLanguage(e.location, e.locationEn)}</span>}
          </Space>
        </div>
        <Space wrap>
          <Button
            href={`/api/calendar/engagements/${e.id}?lang=${locale === 'en' ? 'en' : 'zh-CN'}`}
            data-testid="engagement-ics"
          >
            {t('admin.calendarFeeds.download')}
          </Button>
          {canWriteNews && <DraftNewsButton engagement={e} />}
          {canWrite && (
            <>
              <Button
                type="primary"
                onClick={() => void navigate(`/engagements/${e.id}/edit`)}
                data-testid="engagement-edit"
              >
                {t('admin.records.edit')}
              </Button>
              <Popconfirm
                title={t('admin.engagements.confirmDelete')}
                okText={t('admin.records.delete')}
                cancelText={t('admin.common.cancel')}
                okButtonProps={{ danger: true }}
                onConfirm={() => remove.mutateAsync(e).catch(() => undefined)}
              >
                <Button danger>{t('admin.records.delete')}</Button>
              </Popconfirm>
            </>
          )}
        </Space>
      </div>
      <Card size="small">
        <Descriptions column={{ xs: 1, md: 2 }} size="small" data-testid="engagement-summary">
          <Descriptions.Item label={t('admin.engagements.ledBy')}>{who(lead)}</Descriptions.Item>
          <Descriptions.Item label={t('admin.engagements.receivedBy')}>{who(received)}</Descriptions.Item>
          <Descriptions.Item label={t('admin.engagements.fields.organizations')}>
            <Space size={[4, 4]} wrap>
              {e.organizations.map((o) => (
                <Tag key={o.organizationId}>
                  <Link to={`/partners/${o.organizationId}`}>{nameOf(o, locale)}</Link> ·{' '}
                  {t(`admin.engagements.orgRoles.${o.role}`)}
                </Tag>
              ))}
            </Space>
          </Descriptions.Item>
          <Descriptions.Item label={t('admin.engagements.fields.hostOrgUnit')}>
            {displayNameOf(e.hostOrgUnitNameZh, e.hostOrgUnitNameEn, locale)}
          </Descriptions.Item>
          <Descriptions.Item label={t('admin.engagements.fields.delegationSize')}>
            {e.delegationSize ?? '—'}
          </Descriptions.Item>
          <Descriptions.Item label={t('admin.engagements.fields.facilities')}>
            {e.facilityIds.length === 0
              ? '—'
              : e.facilityIds.map((f) => (
                  <Tag key={f}>
                    <RecordName source="facilities" id={f} />
                  </Tag>
                ))}
          </Descriptions.Item>
          <Descriptions.Item label={t('admin.engagements.fields.topics')} span={2}>
            <Space size={[4, 4]} wrap>
              {topics.length === 0 ? '—' : topics.map((topic) => <Tag key={topic}>{topic}</Tag>)}
            </Space>
          </Descriptions.Item>
          {inLanguage(e.purpose, e.purposeEn) && (
            <Descriptions.Item label={t('admin.engagements.fields.purpose')} span={2}>
              {inLanguage(e.purpose, e.purposeEn)}
            </Descriptions.Item>
          )}
          {inLanguage(e.summary, e.summaryEn) && (
            <Descriptions.Item label={t('admin.engagements.fields.summary')} span={2}>
              <Typography.Paragraph style={{ whiteSpace: 'pre-wrap', marginBottom: 0 }}>
                {inLanguage(e.summary, e.summaryEn)}
              </Typography.Paragraph>
            </Descriptions.Item>
          )}
        </Descriptions>
      </Card>
      <section aria-labelledby="engagement-participants">
        <Typography.Title level={2} id="engagement-participants" style={{ fontSize: 18 }}>
          {t('admin.engagements.participants')}
        </Typography.Title>
        <Table<Participant>
          rowKey="id"
          dataSource={e.participants}
          pagination={false}
          size="small"
          scroll={{ x: 'max-content' }}
          locale={{ emptyText: <Empty description={t('admin.engagements.noParticipants')} /> }}
          columns={[
            {
              key: 'name',
              title: t('admin.engagements.fields.person'),
              render: (_: unknown, p) => nameOf(p, locale),
            },
            {
              key: 'title',
              title: t('admin.engagements.fields.titleAtTheTime'),
              render: (_: unknown, p) => title(p),
            },
            {
              key: 'side',
              title: t('admin.engagements.fields.side'),
              render: (_: unknown, p) => t(`admin.engagements.sides.${p.side}`),
            },
            {
              key: 'role',
              title: t('admin.engagements.fields.role'),
              render: (_: unknown, p) => t(`admin.engagements.roles.${p.role}`),
            },
          ]}
        />
      </section>
      <section aria-labelledby="engagement-outcomes">
        <Typography.Title level={2} id="engagement-outcomes" style={{ fontSize: 18 }}>
          {t('admin.engagements.outcomes')}
        </Typography.Title>
        <List
          bordered
          dataSource={e.outcomes}
          data-testid="engagement-outcomes"
          locale={{ emptyText: <Empty description={t('admin.engagements.noOutcomes')} /> }}
          renderItem={(outcome) => (
            <List.Item data-testid="engagement-outcome">
              <Space orientation="vertical" size={4} style={{ width: '100%' }}>
                <Space wrap>
                  <Tag>{t(`admin.engagements.outcomeKinds.${outcome.kind}`)}</Tag>
                  <span>{inLanguage(outcome.text, outcome.textEn)}</span>
                </Space>
                <OutcomeActions engagementId={e.id} outcome={outcome} canWrite={canWrite} />
              </Space>
            </List.Item>
          )}
        />
      </section>
      {canReadNews && <EngagementNewsCard engagementId={e.id} />}
      <RecordTimelineCard subjectType="engagement" subjectId={e.id} fieldLabels="admin.engagements.fields" />
    </Space>
  );
}
