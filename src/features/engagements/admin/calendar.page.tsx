import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { Alert, Button, Calendar, Empty, List, Segmented, Space, Tag, Typography } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { lazy, Suspense, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate } from 'react-router';
import { api } from '../../../admin/api.ts';
import { errorMessage } from '../../../admin/api-client.ts';
import { useLanguage } from '../../../admin/language.tsx';
import { oneOf, useListState } from '../../../admin/list-state.ts';
import NotFoundPage from '../../../admin/not-found.page.tsx';
import { useSession } from '../../../admin/session.tsx';
import { engagementTypeSchema } from '../engagements.schema.ts';
import { EngagementFilters } from './engagement-filters.tsx';
import { engagementsQueryKey, engagementTitle } from './engagements.page.tsx';

const engagementTypes = engagementTypeSchema.options;
const CalendarFeedsDialog = lazy(async () => ({
  default: (await import('../../calendar/admin/calendar-feeds-dialog.tsx')).CalendarFeedsDialog,
}));

/** Engagements of a month: a month grid (click a day's item to open it) or a list; filter by partner, type, department. */
export default function CalendarPage() {
  const { t } = useTranslation();
  const session = useSession();
  const { locale } = useLanguage();
  const navigate = useNavigate();
  const [subscribing, setSubscribing] = useState(false);
  const { state, update } = useListState(['month', 'view', 'type', 'organizationId', 'orgUnitId'] as const);
  const month = state.month && /^\d{4}-\d{2}$/.test(state.month) ? state.month : dayjs().format('YYYY-MM');
  const view = state.view === 'list' ? 'list' : 'month';
  const filters = {
    type: oneOf(engagementTypes, state.type),
    organizationId: state.organizationId,
    orgUnitId: state.orgUnitId,
  };

  const query = useQuery({
    queryKey: [...engagementsQueryKey, 'calendar', month, filters],
    queryFn: async () => {
      const answer = await api('GET /api/engagements/calendar', { query: { month, ...filters } });
      // An engagement spanning several days is listed under each; keep one of each.
      const seen = new Map(answer.days.flatMap((d) => d.items).map((e) => [e.id, e]));
      return [...seen.values()];
    },
    placeholderData: keepPreviousData,
    enabled: session.can('records.read'),
  });
  if (!session.can('records.read')) return <NotFoundPage />;

  const items = [...(query.data ?? [])].sort((a, b) =>
    `${a.startsOn}${a.startsAt ?? ''}`.localeCompare(`${b.startsOn}${b.startsAt ?? ''}`),
  );
  const onDay = (day: Dayjs) => {
    const d = day.format('YYYY-MM-DD');
    return items.filter((e) => e.startsOn === d || (e.endsOn && e.startsOn <= d && d <= e.endsOn));
  };

  const shown = dayjs(`${month}-01`);
  const monthNav = (
    <Space wrap style={{ marginBottom: 12 }} data-testid="calendar-month-nav">
      <Button
        aria-label={t('admin.calendar.previousMonth')}
        onClick={() => update({ month: shown.subtract(1, 'month').format('YYYY-MM') })}
      >
        <span aria-hidden="true">‹</span>
      </Button>
      <Typography.Text
        strong
        aria-live="polite"
        style={{ minWidth: 110, display: 'inline-block', textAlign: 'center' }}
      >
        {shown.format(locale === 'en' ? 'MMMM YYYY' : 'YYYY年M月')}
      </Typography.Text>
      <Button
        aria-label={t('admin.calendar.nextMonth')}
        onClick={() => update({ month: shown.add(1, 'month').format('YYYY-MM') })}
      >
        <span aria-hidden="true">›</span>
      </Button>
      <Button onClick={() => update({ month: dayjs().format('YYYY-MM') })}>
        {t('admin.calendar.thisMonth')}
      </Button>
    </Space>
  );

  return (
    <>
      <div className="concord-page-header">
        <Typography.Title level={1} style={{ fontSize: 24 }}>
          {t('admin.calendar.title')}
        </Typography.Title>
        <Space wrap>
          <Segmented
            aria-label={t('admin.calendar.viewLabel')}
            value={view}
            onChange={(v) => update({ view: v === 'list' ? 'list' : undefined })}
            options={[
              { value: 'month', label: t('admin.calendar.monthView') },
              { value: 'list', label: t('admin.calendar.listView') },
            ]}
          />
          <Button onClick={() => setSubscribing(true)} data-testid="calendar-subscribe">
            {t('admin.calendarFeeds.subscribe')}
          </Button>
        </Space>
      </div>
      <search className="concord-filters">
        <EngagementFilters values={state} update={update} />
      </search>
      {query.isError && (
        <Alert
          type="error"
          showIcon
          title={t('admin.common.loadFailed')}
          description={errorMessage(query.error)}
          action={<Button onClick={() => void query.refetch()}>{t('admin.common.retry')}</Button>}
          style={{ marginBottom: 16 }}
        />
      )}
      {view === 'month' ? (
        <div data-testid="calendar-month">
          <Calendar
            // Today is the marked day in the current month; another month marks none (see admin.css).
            value={month === dayjs().format('YYYY-MM') ? dayjs() : dayjs(`${month}-01`)}
            className={month === dayjs().format('YYYY-MM') ? undefined : 'concord-calendar-other-month'}
            onPanelChange={(value) => update({ month: value.format('YYYY-MM') })}
            onSelect={(value, info) => {
              if (info.source !== 'date') update({ month: value.format('YYYY-MM') });
            }}
            mode="month"
            // Our own header: labelled month buttons instead of antd's unlabelled year/month selects.
            headerRender={() => monthNav}
            cellRender={(day, info) => {
              if (info.type !== 'date') return info.originNode;
              const list = onDay(day);
              return (
                <ul className="concord-calendar-day">
                  {list.slice(0, 3).map((e) => (
                    <li key={e.id}>
                      <Link
                        to={`/engagements/${e.id}`}
                        onClick={(ev) => ev.stopPropagation()}
                        title={engagementTitle(e, locale)}
                      >
                        {engagementTitle(e, locale)}
                      </Link>
                    </li>
                  ))}
                  {list.length > 3 && <li>{t('admin.calendar.more', { count: list.length - 3 })}</li>}
                </ul>
              );
            }}
          />
        </div>
      ) : (
        <>
          {monthNav}
          <List
            bordered
            loading={query.isFetching}
            dataSource={items}
            data-testid="calendar-list"
            locale={{ emptyText: <Empty description={t('admin.calendar.empty')} /> }}
            renderItem={(e) => (
              <List.Item onClick={() => void navigate(`/engagements/${e.id}`)} style={{ cursor: 'pointer' }}>
                <Space wrap>
                  <span>{e.startsAt ? `${e.startsOn} ${e.startsAt.slice(0, 5)}` : e.startsOn}</span>
                  <Tag>{t(`admin.engagements.types.${e.type}`)}</Tag>
                  <Link to={`/engagements/${e.id}`}>{engagementTitle(e, locale)}</Link>
                  {e.location && <Typography.Text type="secondary">{e.location}</Typography.Text>}
                </Space>
              </List.Item>
            )}
          />
        </>
      )}
      {subscribing && (
        <Suspense fallback={null}>
          <CalendarFeedsDialog open onClose={() => setSubscribing(false)} />
        </Suspense>
      )}
    </>
  );
}
