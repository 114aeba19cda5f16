import { useQuery } from '@tanstack/react-query';
import { Alert, Button, Card, Empty, Skeleton, Tag, Timeline, Typography } from 'antd';
import dayjs from 'dayjs';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { api } from '../../../admin/api.ts';
import { errorMessage, withQuery } from '../../../admin/api-client.ts';
import { useLanguage } from '../../../admin/language.tsx';
import type { HistoryItem } from '../../../platform/history-item.ts';
import type { TimelineEvent } from '../../audit/audit.schema.ts';
import type { OrganizationOutput } from '../../organizations/organizations.schema.ts';
import { partnersQueryKey } from './partners.page.tsx';

const kindColor: Record<HistoryItem['kind'], string> = {
  engagement: 'blue',
  agreement: 'green',
  program: 'purple',
  commitment: 'orange',
  article: 'cyan',
  partnership: 'gray',
};

/** Where a history entry's own record lives in the admin. */
function linkOf(item: HistoryItem, organizationId: string): string | null {
  switch (item.kind) {
    case 'engagement':
      return `/engagements/${item.id}`;
    case 'agreement':
      return `/agreements/${item.id}`;
    case 'program':
      return `/programs/${item.id}`;
    case 'commitment':
      return withQuery('/commitments', { organizationId });
    case 'article':
      return `/articles/${item.id}`;
    default:
      return null;
  }
}

/** A status code from the server as a label, or the code itself when the catalogue has none. */
function useStatusLabel() {
  const { t } = useTranslation();
  return (code: string) =>
    (t(`admin.history.statuses.${code}` as never, { defaultValue: '' }) as string) || code;
}

/** The partner's whole history, newest first: engagements, agreements, programs, commitments, news, stage changes. */
export function PartnerHistoryCard({ organization }: { organization: OrganizationOutput }) {
  const { t } = useTranslation();
  const { locale } = useLanguage();
  const statusLabel = useStatusLabel();
  const history = useQuery({
    queryKey: [...partnersQueryKey, 'history', organization.id],
    queryFn: () => api('GET /api/organizations/:id/history', { params: { id: organization.id } }),
  });
  const items = history.data?.items ?? [];
  const first = items.at(-1);
  const since = organization.since ?? first?.date.slice(0, 7);

  return (
    <Card
      title={<h2 className="concord-card-title">{t('admin.history.title')}</h2>}
      extra={
        since ? (
          <Typography.Text type="secondary">
            {t('admin.partners.cooperatingSince', { since })}
          </Typography.Text>
        ) : null
      }
      data-testid="partner-history"
    >
      {history.isPending && <Skeleton active />}
      {history.isError && (
        <Alert
          type="error"
          showIcon
          title={t('admin.common.loadFailed')}
          description={errorMessage(history.error)}
          action={<Button onClick={() => void history.refetch()}>{t('admin.common.retry')}</Button>}
        />
      )}
      {history.isSuccess && items.length === 0 && <Empty description={t('admin.history.empty')} />}
      {items.length > 0 && (
        <Timeline
          items={items.map((item) => {
            const title = (locale === 'en' && item.titleEn) || item.titleZh || item.titleEn;
            const to = linkOf(item, organization.id);
            return {
              key: `${item.kind}-${item.id}-${item.date}`,
              color: kindColor[item.kind],
              content: (
                <div>
                  <time
                    dateTime={item.date}
                    style={{ fontVariantNumeric: 'tabular-nums', marginInlineEnd: 8 }}
                  >
                    {item.date}
                  </time>
                  <Tag>{t(`admin.history.kinds.${item.kind}`)}</Tag>
                  {item.status && <Tag color="default">{statusLabel(item.status)}</Tag>}
                  <div>{to ? <Link to={to}>{title}</Link> : <span>{title}</span>}</div>
                </div>
              ),
            };
          })}
        />
      )}
    </Card>
  );
}

const bookkeeping = new Set(['id', 'version', 'createdAt', 'updatedAt', 'deletedAt', 'tenantId']);

/** The fields an event changed, without the bookkeeping columns. */
function changedFields(event: TimelineEvent): string[] {
  return Object.keys(event.diff).filter((field) => !bookkeeping.has(field));
}

/** The last changes to the partner record itself, with a link to the full audit log. */
export function PartnerAuditCard({ organization }: { organization: OrganizationOutput }) {
  const { t } = useTranslation();
  const query = { subjectType: 'organization', subjectId: organization.id };
  const audit = useQuery({
    queryKey: ['audit', 'list', { ...query, page: 1, pageSize: 10 }],
    queryFn: () => api('GET /api/audit', { query: { ...query, page: 1, pageSize: 10 } }),
  });
  const verbLabel = (verb: string, diff: Record<string, unknown> = {}) => {
    // An import names its file: `{ import: { to: 'partners.xlsx (id)' } }`.
    const source = (diff.import as { to?: unknown } | undefined)?.to;
    return (
      (t(`admin.partners.auditVerbs.${verb.replaceAll('.', '_')}` as never, {
        defaultValue: '',
        name: typeof source === 'string' ? source.replace(/ \([0-9a-f-]{36}\)$/, '') : '',
      }) as string) || verb
    );
  };

  return (
    <Card
      title={<h2 className="concord-card-title">{t('admin.partners.auditTitle')}</h2>}
      extra={<Link to={withQuery('/audit', query)}>{t('admin.partners.auditAll')}</Link>}
      data-testid="partner-audit"
    >
      {audit.isPending && <Skeleton active />}
      {audit.isError && <Alert type="error" showIcon title={errorMessage(audit.error)} />}
      {audit.isSuccess && audit.data.items.length === 0 && <Empty description={t('admin.audit.empty')} />}
      {audit.isSuccess && audit.data.items.length > 0 && (
        <ul className="concord-plain-list">
          {audit.data.items.map((event) => (
            <li key={event.id}>
              <time dateTime={event.happenedAt} style={{ fontVariantNumeric: 'tabular-nums' }}>
                {dayjs(event.happenedAt).format('YYYY-MM-DD HH:mm')}
              </time>{' '}
              <Typography.Text strong>{event.actorName ?? t('admin.audit.system')}</Typography.Text>{' '}
              <span>{verbLabel(event.verb, event.diff as Record<string, unknown>)}</span>
              {event.verb.endsWith('.updated') && changedFields(event).length > 0 && (
                <Typography.Text type="secondary">
                  {' '}
                  (
                  {Object.keys(event.diff)
                    .map(
                      (field) =>
                        (t(`admin.partners.fields.${field}` as never, { defaultValue: '' }) as string) ||
                        field,
                    )
                    .join(', ')}
                  )
                </Typography.Text>
              )}
            </li>
          ))}
        </ul>
      )}
    </Card>
  );
}
