import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { Alert, App, Button, Card, List, Popconfirm, Skeleton, Space, Tag, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { api } from '../../../admin/api.ts';
import { errorMessage } from '../../../admin/api-client.ts';

const sessionsKey = ['auth', 'sessions'] as const;

/** A browser and system named from a user-agent string, e.g. "Chrome · Windows". */
export function describeBrowser(userAgent: string | null): string | null {
  if (!userAgent) return null;
  const browser =
    [
      ['Edg/', 'Edge'],
      ['MicroMessenger', 'WeChat'],
      ['Firefox/', 'Firefox'],
      ['Chrome/', 'Chrome'],
      ['Chromium/', 'Chromium'],
      ['Safari/', 'Safari'],
    ].find(([needle]) => userAgent.includes(needle!))?.[1] ?? null;
  const system =
    [
      ['iPhone', 'iPhone'],
      ['iPad', 'iPad'],
      ['Android', 'Android'],
      ['Windows', 'Windows'],
      ['Mac OS X', 'macOS'],
      ['Linux', 'Linux'],
    ].find(([needle]) => userAgent.includes(needle!))?.[1] ?? null;
  const parts = [browser, system].filter(Boolean);
  return parts.length ? parts.join(' · ') : null;
}

/** Where the user is logged in, with "log out" per browser and "log out everywhere else". */
export function SessionsCard() {
  const { t, i18n } = useTranslation();
  const { message } = App.useApp();
  const queryClient = useQueryClient();
  const list = useQuery({
    queryKey: sessionsKey,
    queryFn: () => api('GET /api/auth/sessions'),
  });
  const refresh = () => void queryClient.invalidateQueries({ queryKey: sessionsKey });
  const endOne = useMutation({
    mutationFn: (id: string) => api('DELETE /api/auth/sessions/:id', { params: { id } }),
    onSuccess: () => {
      void message.success(t('admin.account.sessionEnded'));
      refresh();
    },
    onError: (e) => void message.error(errorMessage(e)),
  });
  const endOthers = useMutation({
    mutationFn: () => api('POST /api/auth/sessions/end-others'),
    onSuccess: (r) => {
      void message.success(t('admin.account.endedOthers', { count: r.ended }));
      refresh();
    },
    onError: (e) => void message.error(errorMessage(e)),
  });
  const at = (iso: string) => new Date(iso).toLocaleString(i18n.language);
  const items = list.data?.items ?? [];
  const others = items.filter((s) => !s.current).length;

  return (
    <Card
      title={<h2 style={{ fontSize: 16, margin: 0 }}>{t('admin.account.sessions')}</h2>}
      data-testid="account-sessions"
    >
      <Typography.Paragraph type="secondary">{t('admin.account.sessionsHelp')}</Typography.Paragraph>
      {list.isPending && <Skeleton active />}
      {list.isError && <Alert type="error" showIcon message={errorMessage(list.error)} />}
      {list.isSuccess && (
        <List
          dataSource={items}
          renderItem={(s) => (
            <List.Item
              actions={
                s.current
                  ? []
                  : [
                      <Popconfirm
                        key="end"
                        title={t('admin.account.endSessionConfirm')}
                        okText={t('admin.account.endSession')}
                        cancelText={t('admin.common.cancel')}
                        onConfirm={() => endOne.mutate(s.id)}
                      >
                        <Button size="small" loading={endOne.isPending && endOne.variables === s.id}>
                          {t('admin.account.endSession')}
                        </Button>
                      </Popconfirm>,
                    ]
              }
            >
              <List.Item.Meta
                title={
                  <Space wrap>
                    <span>{describeBrowser(s.userAgent) ?? t('admin.account.unknownBrowser')}</span>
                    {s.current && <Tag color="green">{t('admin.account.thisBrowser')}</Tag>}
                  </Space>
                }
                description={[
                  s.ip,
                  t('admin.account.lastSeen', { at: at(s.lastSeenAt) }),
                  t('admin.account.since', { at: at(s.createdAt) }),
                ]
                  .filter(Boolean)
                  .join(' · ')}
              />
            </List.Item>
          )}
        />
      )}
      {list.isSuccess && others === 0 && (
        <Typography.Paragraph type="secondary" style={{ marginBottom: 0 }}>
          {t('admin.account.onlyThis')}
        </Typography.Paragraph>
      )}
      {others > 0 && (
        <Popconfirm
          title={t('admin.account.endOthersConfirm')}
          okText={t('admin.account.endOthers')}
          cancelText={t('admin.common.cancel')}
          onConfirm={() => endOthers.mutate()}
        >
          <Button danger loading={endOthers.isPending} data-testid="end-other-sessions">
            {t('admin.account.endOthers')}
          </Button>
        </Popconfirm>
      )}
    </Card>
  );
}
