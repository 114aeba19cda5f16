import { useQuery } from '@tanstack/react-query';
import { Badge, Button, Popover, Space, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { api } from '../../../admin/api.ts';
import { commitmentsQueryKey } from './commitments-query-key.ts';

/** The header bell: how many commitments are overdue or due soon, with the list one click away. */
export default function RemindersBadge() {
  const { t } = useTranslation();
  const reminders = useQuery({
    queryKey: [...commitmentsQueryKey, 'reminders'],
    queryFn: () => api('GET /api/commitments/reminders'),
    staleTime: 60_000,
    refetchInterval: 5 * 60_000,
  });
  const overdue = reminders.data?.overdue ?? [];
  const dueSoon = reminders.data?.dueSoon ?? [];
  const count = overdue.length + dueSoon.length;

  const content = (
    <Space orientation="vertical" size={4} style={{ maxWidth: 320 }} data-testid="reminders-list">
      {count === 0 ? (
        <span>{t('admin.commitments.noReminders')}</span>
      ) : (
        <>
          {overdue.length > 0 && (
            <Typography.Text strong type="danger">
              {t('admin.commitments.overdueCount', { count: overdue.length })}
            </Typography.Text>
          )}
          {overdue.slice(0, 5).map((c) => (
            <span key={c.id}>
              {c.dueOn} · {c.text}
            </span>
          ))}
          {dueSoon.length > 0 && (
            <Typography.Text strong>
              {t('admin.commitments.dueSoonCount', { count: dueSoon.length })}
            </Typography.Text>
          )}
          {dueSoon.slice(0, 5).map((c) => (
            <span key={c.id}>
              {c.dueOn} · {c.text}
            </span>
          ))}
        </>
      )}
      <Link to="/commitments">{t('admin.commitments.seeAll')}</Link>
    </Space>
  );

  return (
    <Popover
      content={content}
      title={t('admin.commitments.remindersTitle')}
      trigger="click"
      placement="bottomRight"
    >
      <Button
        type="text"
        className="concord-reminders-button"
        aria-label={t('admin.commitments.remindersLabel', { count })}
        data-testid="reminders-badge"
      >
        <Badge count={count} size="small" color={overdue.length > 0 ? '#b42318' : '#0b5cad'}>
          {/* An inline bell: an emoji needs a colour-emoji font that many office machines lack. */}
          <svg
            aria-hidden="true"
            width="20"
            height="20"
            viewBox="0 0 24 24"
            fill="none"
            stroke="#fff"
            strokeWidth="2"
            strokeLinecap="round"
            strokeLinejoin="round"
            style={{ display: 'block' }}
          >
            <path d="M18 8a6 6 0 0 0-12 0c0 7-3 9-3 9h18s-3-2-3-9" />
            <path d="M13.7 21a2 2 0 0 1-3.4 0" />
          </svg>
        </Badge>
      </Button>
    </Popover>
  );
}
