import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { Alert, App, Button, Card, Empty, List, Skeleton, Space, Tag, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate } from 'react-router';
import { api } from '../../../admin/api.ts';
import { errorMessage, isApiError } from '../../../admin/api-client.ts';
import { displayName } from '../../../admin/display-name.ts';
import { useLanguage } from '../../../admin/language.tsx';
import type { DuplicateOutput, OrganizationOutput } from '../../organizations/organizations.schema.ts';
import { partnersQueryKey } from './partners.page.tsx';

/** Possible duplicates of this partner (same credit code, near-identical names) and merging them. */
export function PartnerDuplicatesCard({
  organization,
  canWrite,
}: {
  organization: OrganizationOutput;
  canWrite: boolean;
}) {
  const { t } = useTranslation();
  const { locale } = useLanguage();
  const { message, modal } = App.useApp();
  const navigate = useNavigate();
  const queryClient = useQueryClient();
  const duplicates = useQuery({
    queryKey: [...partnersQueryKey, 'duplicates', organization.id],
    queryFn: () => api('GET /api/organizations/:id/duplicates', { params: { id: organization.id } }),
  });

  const merge = useMutation({
    mutationFn: (vars: { from: OrganizationOutput; into: OrganizationOutput }) =>
      api('POST /api/organizations/:id/merge', {
        params: { id: vars.from.id },
        body: { intoId: vars.into.id, version: vars.from.version },
      }),
    onSuccess: (_result, vars) => {
      void message.success(
        t('admin.partners.merged', {
          from: displayName(vars.from, locale),
          into: displayName(vars.into, locale),
        }),
      );
      void queryClient.invalidateQueries({ queryKey: partnersQueryKey });
      void navigate(`/partners/${vars.into.id}`);
    },
    onError: (error) => {
      void message.error(
        isApiError(error, 'conflict') ? t('admin.partners.mergeConflict') : errorMessage(error),
      );
      void queryClient.invalidateQueries({ queryKey: partnersQueryKey });
    },
  });

  const confirmMerge = (from: OrganizationOutput, into: OrganizationOutput) => {
    const names = { from: displayName(from, locale), into: displayName(into, locale) };
    modal.confirm({
      title: t('admin.partners.mergeTitle', names),
      content: (
        <>
          <p>{t('admin.partners.mergeBody', names)}</p>
          <p>{t('admin.partners.mergeIrreversible')}</p>
        </>
      ),
      okText: t('admin.partners.mergeConfirm'),
      okButtonProps: { danger: true },
      cancelText: t('admin.common.cancel'),
      width: 520,
      onOk: () => merge.mutateAsync({ from, into }).catch(() => undefined),
    });
  };

  const reasonLabel = (reason: DuplicateOutput['reasons'][number]) => t(`admin.partners.reasons.${reason}`);

  return (
    <Card
      title={<h2 className="concord-card-title">{t('admin.partners.duplicatesTitle')}</h2>}
      data-testid="partner-duplicates"
    >
      {duplicates.isPending && <Skeleton active paragraph={{ rows: 2 }} />}
      {duplicates.isError && (
        <Alert
          type="error"
          showIcon
          title={t('admin.common.loadFailed')}
          description={errorMessage(duplicates.error)}
          action={<Button onClick={() => void duplicates.refetch()}>{t('admin.common.retry')}</Button>}
        />
      )}
      {duplicates.isSuccess && duplicates.data.items.length === 0 && (
        <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('admin.partners.noDuplicates')} />
      )}
      {duplicates.isSuccess && duplicates.data.items.length > 0 && (
        <>
          <Typography.Paragraph type="secondary">{t('admin.partners.duplicatesHelp')}</Typography.Paragraph>
          <List
            dataSource={duplicates.data.items}
            rowKey={(item) => item.organization.id}
            renderItem={(item) => {
              const other = item.organization;
              return (
                <List.Item
                  data-testid="duplicate-item"
                  actions={
                    canWrite
                      ? [
                          <Button
                            key="in"
                            type="primary"
                            size="small"
                            loading={merge.isPending}
                            onClick={() => confirmMerge(other, organization)}
                            data-testid="merge-into-this"
                          >
                            {t('admin.partners.mergeIntoThis')}
                          </Button>,
                          <Button
                            key="out"
                            size="small"
                            loading={merge.isPending}
                            onClick={() => confirmMerge(organization, other)}
                          >
                            {t('admin.partners.mergeIntoOther')}
                          </Button>,
                        ]
                      : []
                  }
                >
                  <div>
                    <Link to={`/partners/${other.id}`} style={{ fontWeight: 600 }}>
                      {displayName(other, locale)}
                    </Link>
                    <div style={{ marginTop: 4 }}>
                      <Space size={[4, 4]} wrap>
                        {item.reasons.map((reason) => (
                          <Tag key={reason}>{reasonLabel(reason)}</Tag>
                        ))}
                        {other.uscc && <span className="concord-mono">{other.uscc}</span>}
                        <Typography.Text type="secondary">
                          {t(`admin.partners.kinds.${other.kind}`)}
                        </Typography.Text>
                      </Space>
                    </div>
                  </div>
                </List.Item>
              );
            }}
          />
        </>
      )}
    </Card>
  );
}
