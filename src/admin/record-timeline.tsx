import { useQuery } from '@tanstack/react-query';
import { Alert, Card, Empty, Skeleton, Typography } from 'antd';
import dayjs from 'dayjs';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import type { TimelineEvent } from '../features/audit/audit.schema.ts';
import { api } from './api.ts';
import { errorMessage, withQuery } from './api-client.ts';
import { useSession } from './session.tsx';

const bookkeeping = new Set(['id', 'version', 'createdAt', 'updatedAt', 'deletedAt', 'tenantId']);

/**
 * The timeline of one record (who did what, when, and which fields changed), newest first, with a
 * link to the full audit log. Shown only to users who may read the audit log.
 */
export function RecordTimelineCard(props: {
  subjectType: string;
  subjectId: string;
  /** Catalogue prefix of the record's field labels, e.g. `admin.agreements.fields`. */
  fieldLabels?: string;
}) {
  const { t } = useTranslation();
  const session = useSession();
  const query = { subjectType: props.subjectType, subjectId: props.subjectId };
  const enabled = session.can('audit.read');
  const events = useQuery({
    queryKey: ['audit', 'list', { ...query, page: 1, pageSize: 20 }],
    queryFn: () => api('GET /api/audit', { query: { ...query, page: 1, pageSize: 20 } }),
    enabled,
  });
  if (!enabled) return null;
  const action = (event: TimelineEvent) => {
    const suffix = event.verb.slice(event.verb.indexOf('.') + 1);
    // An import names its sheet (`import.to` is "file name (import id)").
    const name = String((event.diff.import as { to?: unknown } | undefined)?.to ?? '');
    return (
      (t(`admin.timeline.actions.${suffix}` as never, { defaultValue: '', name }) as string) || event.verb
    );
  };
  const field = (name: string) =>
    (props.fieldLabels ? (t(`${props.fieldLabels}.${name}` as never, { defaultValue: '' }) as string) : '') ||
    name;

  return (
    <Card
      title={<h2 className="concord-card-title">{t('admin.timeline.title')}</h2>}
      extra={<Link to={withQuery('/audit', query)}>{t('admin.timeline.all')}</Link>}
      data-testid="record-timeline"
    >
      {events.isPending && <Skeleton active />}
      {events.isError && <Alert type="error" showIcon title={errorMessage(events.error)} />}
      {events.isSuccess && events.data.items.length === 0 && (
        <Empty description={t('admin.timeline.empty')} />
      )}
      {events.isSuccess && events.data.items.length > 0 && (
        <ul className="concord-plain-list">
          {events.data.items.map((event) => {
            const fields = Object.keys(event.diff).filter((f) => !bookkeeping.has(f));
            return (
              <li key={event.id}>
                <time dateTime={event.happenedAt} style={{ fontVariantNumeric: 'tabular-nums' }}>
                  {dayjs(event.happenedAt).format('YYYY-MM-DD HH:mm')}
                </time>{' '}
                <Typography.Text strong>{event.actorName ?? t('admin.audit.system')}</Typography.Text>{' '}
                <span>{action(event)}</span>
                {event.verb.endsWith('.updated') && fields.length > 0 && (
                  <Typography.Text type="secondary"> ({fields.map(field).join(', ')})</Typography.Text>
                )}
              </li>
            );
          })}
        </ul>
      )}
    </Card>
  );
}
