import { Alert, Button, Space, Tag, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import type { ProposalDetail } from '../proposals.schema.ts';
import { ConfidenceTag, proposalStatusColor } from './proposals.page.tsx';

/** The proposal's title with its status, confidence, publication date and links to the article and engagement. */
export function ProposalHeader({ proposal: p }: { proposal: ProposalDetail }) {
  const { t, i18n } = useTranslation();
  return (
    <div>
      <Typography.Title level={1} style={{ fontSize: 22 }}>
        {p.title}
      </Typography.Title>
      <Space wrap>
        <Tag color={proposalStatusColor(p.status)}>{t(`admin.proposals.statuses.${p.status}`)}</Tag>
        <ConfidenceTag value={p.confidence} />
        {p.publishedOn && (
          <Typography.Text type="secondary">
            {t('admin.proposals.publishedOn', {
              date: new Date(`${p.publishedOn}T00:00:00`).toLocaleDateString(i18n.language),
            })}
          </Typography.Text>
        )}
        {p.article && <Link to={`/articles/${p.article.id}`}>{t('admin.proposals.openArticle')}</Link>}
        {p.engagementId && (
          <Link to={`/engagements/${p.engagementId}`} data-testid="proposal-engagement-link">
            {t('admin.proposals.openEngagement')}
          </Link>
        )}
      </Space>
    </div>
  );
}

/** Says why a rejected proposal was rejected, with a way to reopen it for review. */
export function ProposalRejectedAlert({
  proposal: p,
  onReopen,
  reopening,
}: {
  proposal: ProposalDetail;
  onReopen: () => void;
  reopening: boolean;
}) {
  const { t } = useTranslation();
  return (
    <Alert
      type="info"
      showIcon
      message={t('admin.proposals.wasRejected', {
        reason: t(`admin.proposals.reasons.${p.rejectReason ?? 'other'}`),
      })}
      action={
        <Button size="small" onClick={onReopen} loading={reopening}>
          {t('admin.proposals.reopen')}
        </Button>
      }
    />
  );
}
