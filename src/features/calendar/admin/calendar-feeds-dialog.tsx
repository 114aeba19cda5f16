import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import {
  Alert,
  App,
  Button,
  Empty,
  Input,
  List,
  Modal,
  Popconfirm,
  Select,
  Skeleton,
  Space,
  Typography,
} from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api } from '../../../admin/api.ts';
import { errorMessage } from '../../../admin/api-client.ts';
import { useLanguage } from '../../../admin/language.tsx';
import { OrgUnitSelect } from '../../org-units/admin/org-unit-select.tsx';
import type { FeedOutput } from '../calendar.schema.ts';

const feedsKey = ['calendar', 'feeds'] as const;
type FeedLocale = FeedOutput['locale'];

/** The whole secret address of a feed on this site. */
function addressOf(feed: FeedOutput): string {
  return `${window.location.origin}${feed.path}`;
}

/** One subscription: its address to copy or open in a calendar app, its language, reset and end. */
function FeedItem({ feed, onSave }: { feed: FeedOutput; onSave: (locale: FeedLocale) => void }) {
  const { t } = useTranslation();
  const { locale } = useLanguage();
  const { message } = App.useApp();
  const queryClient = useQueryClient();
  const done = (text: string) => {
    void message.success(text);
    void queryClient.invalidateQueries({ queryKey: feedsKey });
  };
  const reset = useMutation({
    mutationFn: () => api('POST /api/calendar/feeds/:id/reset', { params: { id: feed.id } }),
    onSuccess: () => done(t('admin.calendarFeeds.resetDone')),
    onError: (err) => void message.error(errorMessage(err)),
  });
  const end = useMutation({
    mutationFn: () => api('DELETE /api/calendar/feeds/:id', { params: { id: feed.id } }),
    onSuccess: () => done(t('admin.calendarFeeds.ended')),
    onError: (err) => void message.error(errorMessage(err)),
  });
  const title = feed.orgUnitId
    ? ((locale === 'en' ? feed.orgUnitNameEn || feed.orgUnitNameZh : feed.orgUnitNameZh) ?? '')
    : t('admin.calendarFeeds.mine');
  const address = addressOf(feed);
  return (
    <List.Item data-testid="calendar-feed">
      <Space orientation="vertical" style={{ width: '100%' }} size={8}>
        <Typography.Text strong>{title}</Typography.Text>
        <Space.Compact style={{ width: '100%' }}>
          <Input
            readOnly
            value={address}
            aria-label={t('admin.calendarFeeds.address', { name: title })}
            onFocus={(e) => e.target.select()}
            data-testid="calendar-feed-address"
          />
          <Button
            onClick={() =>
              void navigator.clipboard
                ?.writeText(address)
                .then(() => message.success(t('admin.calendarFeeds.copied')))
                .catch(() => message.info(t('admin.calendarFeeds.copyByHand')))
            }
          >
            {t('admin.calendarFeeds.copy')}
          </Button>
        </Space.Compact>
        <Space wrap>
          <Button href={address.replace(/^https?:/, 'webcal:')}>{t('admin.calendarFeeds.openInApp')}</Button>
          <Select<FeedLocale>
            aria-label={t('admin.calendarFeeds.language')}
            value={feed.locale}
            onChange={onSave}
            style={{ width: 120 }}
            options={[
              { value: 'zh-CN', label: '中文' },
              { value: 'en', label: 'English' },
            ]}
          />
          <Popconfirm
            title={t('admin.calendarFeeds.resetConfirm')}
            okText={t('admin.calendarFeeds.reset')}
            cancelText={t('admin.common.cancel')}
            onConfirm={() => reset.mutate()}
          >
            <Button loading={reset.isPending}>{t('admin.calendarFeeds.reset')}</Button>
          </Popconfirm>
          <Popconfirm
            title={t('admin.calendarFeeds.endConfirm')}
            okText={t('admin.calendarFeeds.end')}
            cancelText={t('admin.common.cancel')}
            onConfirm={() => end.mutate()}
          >
            <Button danger loading={end.isPending}>
              {t('admin.calendarFeeds.end')}
            </Button>
          </Popconfirm>
        </Space>
        <Typography.Text type="secondary">
          {feed.lastFetchedAt
            ? t('admin.calendarFeeds.lastFetched', {
                at: new Date(feed.lastFetchedAt).toLocaleString(locale),
              })
            : t('admin.calendarFeeds.neverFetched')}
        </Typography.Text>
      </Space>
    </List.Item>
  );
}

/**
 * The caller's calendar subscriptions: a secret address for their own calendar and for their
 * departments', to paste into a calendar app; each can change language, get a new address or end.
 */
export function CalendarFeedsDialog({ open, onClose }: { open: boolean; onClose: () => void }) {
  const { t } = useTranslation();
  const { locale } = useLanguage();
  const { message } = App.useApp();
  const queryClient = useQueryClient();
  const [department, setDepartment] = useState<string | undefined>();
  const feeds = useQuery({
    queryKey: feedsKey,
    queryFn: () => api('GET /api/calendar/feeds'),
    enabled: open,
  });
  const save = useMutation({
    mutationFn: (input: { orgUnitId: string | null; locale: FeedLocale }) =>
      api('POST /api/calendar/feeds', { body: input }),
    onSuccess: () => {
      setDepartment(undefined);
      void queryClient.invalidateQueries({ queryKey: feedsKey });
    },
    onError: (err) => void message.error(errorMessage(err)),
  });
  const items = feeds.data?.items ?? [];
  const mine = items.find((f) => !f.orgUnitId);
  const ownLocale: FeedLocale = locale === 'en' ? 'en' : 'zh-CN';

  return (
    <Modal
      open={open}
      onCancel={onClose}
      title={t('admin.calendarFeeds.title')}
      footer={<Button onClick={onClose}>{t('admin.common.close')}</Button>}
      width={640}
      destroyOnHidden
    >
      <Typography.Paragraph>{t('admin.calendarFeeds.intro')}</Typography.Paragraph>
      <Alert type="warning" showIcon title={t('admin.calendarFeeds.secret')} style={{ marginBottom: 16 }} />
      {feeds.isError && (
        <Alert
          type="error"
          showIcon
          title={t('admin.common.loadFailed')}
          description={errorMessage(feeds.error)}
          action={<Button onClick={() => void feeds.refetch()}>{t('admin.common.retry')}</Button>}
        />
      )}
      {feeds.isPending ? (
        <Skeleton active />
      ) : (
        <>
          {!mine && (
            <Button
              type="primary"
              loading={save.isPending && !save.variables?.orgUnitId}
              onClick={() => save.mutate({ orgUnitId: null, locale: ownLocale })}
              data-testid="calendar-feed-create"
            >
              {t('admin.calendarFeeds.createMine')}
            </Button>
          )}
          <List
            dataSource={items}
            locale={{ emptyText: <Empty description={t('admin.calendarFeeds.empty')} /> }}
            renderItem={(feed) => (
              <FeedItem
                key={feed.id}
                feed={feed}
                onSave={(next) => save.mutate({ orgUnitId: feed.orgUnitId, locale: next })}
              />
            )}
          />
          <Space.Compact style={{ width: '100%', marginTop: 12 }}>
            <OrgUnitSelect
              aria-label={t('admin.calendarFeeds.department')}
              placeholder={t('admin.calendarFeeds.department')}
              value={department}
              onChange={setDepartment}
              style={{ flex: 1 }}
            />
            <Button
              disabled={!department}
              loading={save.isPending && Boolean(save.variables?.orgUnitId)}
              onClick={() => department && save.mutate({ orgUnitId: department, locale: ownLocale })}
            >
              {t('admin.calendarFeeds.addDepartment')}
            </Button>
          </Space.Compact>
        </>
      )}
    </Modal>
  );
}
