import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import {
  Alert,
  App,
  Breadcrumb,
  Button,
  Card,
  Col,
  Descriptions,
  Popconfirm,
  Result,
  Row,
  Space,
  Tag,
  Typography,
} from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate, useParams } from 'react-router';
import { api } from '../../../admin/api.ts';
import { errorMessage, isApiError } from '../../../admin/api-client.ts';
import { showConflictDialog } from '../../../admin/conflict-dialog.ts';
import { displayName, secondaryName } from '../../../admin/display-name.ts';
import { useLanguage } from '../../../admin/language.tsx';
import NotFoundPage from '../../../admin/not-found.page.tsx';
import { PageSpinner, useSession } from '../../../admin/session.tsx';
import type { OrganizationOutput } from '../../organizations/organizations.schema.ts';
import { industryLabel, regionLabel } from '../../organizations/organizations.values.ts';
import { PartnerDuplicatesCard } from './partner-duplicates-card.tsx';
import { PartnerFormDrawer } from './partner-form-drawer.tsx';
import { PartnerAuditCard, PartnerHistoryCard } from './partner-history-card.tsx';
import { PartnerPeopleCard } from './partner-people-card.tsx';
import { partnersQueryKey } from './partners.page.tsx';
import { PartnershipCard } from './partnership-card.tsx';

/** One partner: profile, people, partnership, history, audit trail and possible duplicates. */
export default function PartnerPage() {
  const { id = '' } = useParams();
  const { t } = useTranslation();
  const { locale } = useLanguage();
  const session = useSession();
  const navigate = useNavigate();
  const queryClient = useQueryClient();
  const { message, modal } = App.useApp();
  const [editing, setEditing] = useState(false);
  const canRead = session.can('records.read');
  const canWrite = session.can('records.write');

  const org = useQuery({
    queryKey: [...partnersQueryKey, 'one', id],
    queryFn: () => api('GET /api/organizations/:id', { params: { id } }),
    enabled: canRead && id !== '',
  });

  const remove = useMutation({
    mutationFn: (record: OrganizationOutput) =>
      api('DELETE /api/organizations/:id', { params: { id: record.id }, query: { version: record.version } }),
    onSuccess: () => {
      void message.success(t('admin.partners.deleted'));
      void queryClient.invalidateQueries({ queryKey: partnersQueryKey });
      void navigate('/partners');
    },
    onError: (error) => {
      if (isApiError(error, 'conflict')) {
        showConflictDialog(modal, error.message, () => void org.refetch());
        return;
      }
      void message.error(errorMessage(error));
    },
  });

  if (!canRead) return <NotFoundPage />;
  if (org.isPending) return <PageSpinner />;
  if (org.isError) {
    if (isApiError(org.error, 'not_found')) return <NotFoundPage />;
    return (
      <Alert
        type="error"
        showIcon
        title={t('admin.common.loadFailed')}
        description={errorMessage(org.error)}
        action={<Button onClick={() => void org.refetch()}>{t('admin.common.retry')}</Button>}
      />
    );
  }
  const record = org.data;
  const name = displayName(record, locale);
  const other = secondaryName(record, locale);
  const dash = (value: string | null | undefined) => value || '—';

  if (record.status === 'merged' && record.mergedIntoId) {
    return (
      <Result
        status="info"
        title={t('admin.partners.mergedTitle', { name })}
        extra={
          <Link to={`/partners/${record.mergedIntoId}`}>
            <Button type="primary">{t('admin.partners.openMergedInto')}</Button>
          </Link>
        }
      />
    );
  }

  return (
    <>
      <Breadcrumb
        style={{ marginBottom: 8 }}
        items={[{ title: <Link to="/partners">{t('admin.partners.title')}</Link> }, { title: name }]}
      />
      <div className="concord-page-header">
        <div>
          <Typography.Title level={1} style={{ fontSize: 24 }}>
            <span data-testid="partner-name">{name}</span>
          </Typography.Title>
          {other && <Typography.Text type="secondary">{other}</Typography.Text>}
        </div>
        <Space wrap>
          <Tag>{t(`admin.partners.kinds.${record.kind}`)}</Tag>
          {record.since && (
            <Tag data-testid="partner-since">
              {t('admin.partners.cooperatingSince', { since: record.since })}
            </Tag>
          )}
          {canWrite && (
            <>
              <Button onClick={() => setEditing(true)} data-testid="partner-edit">
                {t('admin.partners.editProfile')}
              </Button>
              <Popconfirm
                title={t('admin.partners.confirmDelete', { name })}
                okText={t('admin.registry.delete')}
                cancelText={t('admin.common.cancel')}
                okButtonProps={{ danger: true }}
                onConfirm={() => remove.mutateAsync(record).catch(() => undefined)}
                styles={{ root: { maxWidth: 340 } }}
              >
                <Button danger>{t('admin.registry.delete')}</Button>
              </Popconfirm>
            </>
          )}
        </Space>
      </div>
      <Row gutter={[16, 16]}>
        <Col xs={24} xl={14}>
          <Space direction="vertical" size={16} style={{ width: '100%' }}>
            <Card title={<h2 className="concord-card-title">{t('admin.partners.profile')}</h2>}>
              <Descriptions
                column={{ xs: 1, sm: 1, md: 2 }}
                size="small"
                items={[
                  { key: 'nameZh', label: t('admin.partners.fields.nameZh'), children: record.nameZh },
                  { key: 'nameEn', label: t('admin.partners.fields.nameEn'), children: dash(record.nameEn) },
                  {
                    key: 'uscc',
                    label: t('admin.partners.fields.uscc'),
                    children: record.uscc ? (
                      <span className="concord-mono" style={{ whiteSpace: 'nowrap' }}>
                        {record.uscc}
                      </span>
                    ) : (
                      '—'
                    ),
                  },
                  {
                    key: 'industry',
                    label: t('admin.partners.fields.industry'),
                    children: record.industry ? industryLabel(record.industry, locale) : '—',
                  },
                  {
                    key: 'region',
                    label: t('admin.partners.fields.region'),
                    children: record.region ? regionLabel(record.region, locale) : '—',
                  },
                  { key: 'since', label: t('admin.partners.fields.since'), children: dash(record.since) },
                  {
                    key: 'flags',
                    label: t('admin.partners.fields.flags'),
                    children:
                      record.flags.length === 0
                        ? '—'
                        : record.flags.map((flag) => (
                            <Tag key={flag}>
                              {t(`admin.partners.flags.${flag}` as never, { defaultValue: flag }) as string}
                            </Tag>
                          )),
                  },
                  {
                    key: 'tags',
                    label: t('admin.partners.fields.tags'),
                    children:
                      record.tags.length === 0 ? '—' : record.tags.map((tag) => <Tag key={tag}>{tag}</Tag>),
                  },
                  {
                    key: 'aliases',
                    label: t('admin.partners.fields.aliases'),
                    children: record.aliases.length === 0 ? '—' : record.aliases.join('、'),
                  },
                  {
                    key: 'website',
                    label: t('admin.partners.fields.website'),
                    children: record.website ? (
                      <a href={record.website} target="_blank" rel="noopener noreferrer">
                        {record.website}
                      </a>
                    ) : (
                      '—'
                    ),
                  },
                  {
                    key: 'description',
                    label: t('admin.partners.fields.description'),
                    span: 'filled',
                    children: (
                      <Typography.Paragraph style={{ margin: 0, whiteSpace: 'pre-wrap' }}>
                        {dash(record.description)}
                      </Typography.Paragraph>
                    ),
                  },
                ]}
              />
            </Card>
            <PartnershipCard organization={record} canWrite={canWrite} />
            <PartnerPeopleCard organization={record} canWrite={canWrite} />
            <PartnerDuplicatesCard organization={record} canWrite={canWrite} />
          </Space>
        </Col>
        <Col xs={24} xl={10}>
          <Space direction="vertical" size={16} style={{ width: '100%' }}>
            <PartnerHistoryCard organization={record} />
            {session.can('audit.read') && <PartnerAuditCard organization={record} />}
          </Space>
        </Col>
      </Row>
      <PartnerFormDrawer
        open={editing}
        organization={record}
        onClose={() => setEditing(false)}
        onSaved={(saved) => {
          setEditing(false);
          void message.success(t('admin.partners.saved', { name: displayName(saved, locale) }));
          queryClient.setQueryData([...partnersQueryKey, 'one', id], saved);
          void queryClient.invalidateQueries({ queryKey: partnersQueryKey });
        }}
      />
    </>
  );
}
