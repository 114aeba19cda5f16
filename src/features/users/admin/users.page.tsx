import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import {
  Alert,
  App,
  Badge,
  Button,
  Empty,
  Grid,
  Input,
  Popconfirm,
  Select,
  Space,
  Table,
  type TableProps,
  Tag,
  Typography,
} from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useSearchParams } from 'react-router';
import { api } from '../../../admin/api.ts';
import { errorMessage, isApiError } from '../../../admin/api-client.ts';
import { showConflictDialog } from '../../../admin/conflict-dialog.ts';
import { formatDateTime } from '../../../admin/format-date.ts';
import NotFoundPage from '../../../admin/not-found.page.tsx';
import { useSession } from '../../../admin/session.tsx';
import { type Role, roles } from '../../../platform/permissions.ts';
import type { UserListQuery, UserOutput } from '../users.schema.ts';
import { ResetPasswordModal } from './reset-password-modal.tsx';
import { UserFormDrawer } from './user-form-drawer.tsx';

type Sort = NonNullable<UserListQuery['sort']>;
type Status = UserOutput['status'];
const sortKeys = ['name', 'email', 'createdAt', 'lastLoginAt'] as const;
const sorts: readonly Sort[] = sortKeys.flatMap((key) => [key, `-${key}`] as const);
const pageSizes = [10, 20, 50, 100];

/** Query key prefix of everything the users screen loads. */
export const usersQueryKey = ['users'] as const;

function readFilters(params: URLSearchParams) {
  const page = Number(params.get('page'));
  const pageSize = Number(params.get('pageSize'));
  const sort = params.get('sort');
  const status = params.get('status');
  const role = params.get('role');
  return {
    q: params.get('q') ?? '',
    page: Number.isInteger(page) && page >= 1 ? page : 1,
    pageSize: pageSizes.includes(pageSize) ? pageSize : 20,
    sort: sorts.find((s) => s === sort),
    status: status === 'active' || status === 'deactivated' ? (status as Status) : undefined,
    role: roles.find((r) => r === role),
  };
}

type Dialog = { kind: 'create' } | { kind: 'edit'; user: UserOutput } | { kind: 'reset'; user: UserOutput };

/** Users of the college: search, filter, sort, page; create, edit, deactivate, reset password. */
export default function UsersPage() {
  const { t } = useTranslation();
  const session = useSession();
  const { message, modal } = App.useApp();
  const queryClient = useQueryClient();
  const [params, setParams] = useSearchParams();
  const filters = readFilters(params);
  const [search, setSearch] = useState(filters.q);
  const [dialog, setDialog] = useState<Dialog | null>(null);
  const wide = Grid.useBreakpoint().md ?? true;

  const list = useQuery({
    queryKey: [...usersQueryKey, 'list', filters],
    queryFn: () => api('GET /api/users', { query: { ...filters, q: filters.q.trim() } }),
    placeholderData: keepPreviousData,
    enabled: session.can('users.manage'),
  });

  // Puts a saved user into the lists at once, so the next action on the row carries the new version.
  const remember = (user: UserOutput) => {
    queryClient.setQueriesData<{ items: UserOutput[]; total: number }>(
      { queryKey: [...usersQueryKey, 'list'] },
      (data) => data && { ...data, items: data.items.map((item) => (item.id === user.id ? user : item)) },
    );
    void queryClient.invalidateQueries({ queryKey: usersQueryKey });
  };

  const setStatus = useMutation({
    mutationFn: (vars: { user: UserOutput; status: Status }) =>
      api('PATCH /api/users/:id', {
        params: { id: vars.user.id },
        body: { version: vars.user.version, status: vars.status },
      }),
    onSuccess: (user) => {
      void message.success(
        t(user.status === 'active' ? 'admin.users.reactivated' : 'admin.users.deactivated', {
          name: user.name,
        }),
      );
      remember(user);
    },
    onError: (error) => {
      if (isApiError(error, 'conflict')) {
        showConflictDialog(
          modal,
          error.message,
          () => void queryClient.invalidateQueries({ queryKey: usersQueryKey }),
        );
        return;
      }
      const detail = isApiError(error) ? error.fieldIssues[0]?.message : undefined;
      void message.error(detail ?? errorMessage(error));
    },
  });

  if (!session.can('users.manage')) return <NotFoundPage />;

  const update = (changes: Record<string, string | number | undefined>) => {
    const next = new URLSearchParams(params);
    for (const [key, value] of Object.entries(changes)) {
      if (value === undefined || value === '') next.delete(key);
      else next.set(key, String(value));
    }
    // Any change other than the page itself starts again from the first page.
    if (!('page' in changes)) next.delete('page');
    setParams(next, { replace: true });
  };

  const filtered = Boolean(filters.q || filters.status || filters.role);
  const sortOrder = (key: (typeof sortKeys)[number]) =>
    filters.sort === key ? ('ascend' as const) : filters.sort === `-${key}` ? ('descend' as const) : null;

  const columns: TableProps<UserOutput>['columns'] = [
    {
      key: 'name',
      dataIndex: 'name',
      title: t('admin.users.columns.name'),
      sorter: true,
      sortOrder: sortOrder('name'),
      render: (name: string, user) => (
        <Space size={4} wrap>
          <Typography.Text strong>{name}</Typography.Text>
          {user.id === session.user.id && <Tag>{t('admin.common.you')}</Tag>}
        </Space>
      ),
    },
    {
      key: 'email',
      dataIndex: 'email',
      title: t('admin.users.columns.email'),
      sorter: true,
      sortOrder: sortOrder('email'),
    },
    {
      key: 'roles',
      dataIndex: 'roles',
      title: t('admin.users.columns.roles'),
      render: (userRoles: Role[]) => (
        <Space size={[4, 4]} wrap>
          {userRoles.map((role) => (
            <Tag key={role}>{t(`roles.${role}`)}</Tag>
          ))}
        </Space>
      ),
    },
    {
      key: 'status',
      dataIndex: 'status',
      title: t('admin.users.columns.status'),
      render: (status: Status) => (
        <Badge
          status={status === 'active' ? 'success' : 'default'}
          text={t(`admin.users.status.${status}`)}
        />
      ),
    },
    {
      key: 'lastLoginAt',
      dataIndex: 'lastLoginAt',
      title: t('admin.users.columns.lastLoginAt'),
      sorter: true,
      sortOrder: sortOrder('lastLoginAt'),
      render: (value: string | null) => formatDateTime(value),
    },
    {
      key: 'createdAt',
      dataIndex: 'createdAt',
      title: t('admin.users.columns.createdAt'),
      sorter: true,
      sortOrder: sortOrder('createdAt'),
      render: (value: string) => formatDateTime(value),
    },
    {
      key: 'actions',
      title: t('admin.common.actions'),
      // Keeps the actions in view while the wider columns scroll, where there is room for it.
      fixed: wide ? ('right' as const) : undefined,
      render: (_: unknown, user) => {
        const active = user.status === 'active';
        return (
          <Space size={0} wrap>
            <Button
              type="link"
              size="small"
              aria-label={t('admin.users.editLabel', { name: user.name })}
              onClick={() => setDialog({ kind: 'edit', user })}
            >
              {t('admin.users.edit')}
            </Button>
            <Button type="link" size="small" onClick={() => setDialog({ kind: 'reset', user })}>
              {t('admin.users.resetPassword')}
            </Button>
            <Popconfirm
              title={t(active ? 'admin.users.confirmDeactivate' : 'admin.users.confirmReactivate', {
                name: user.name,
              })}
              okText={t(active ? 'admin.users.deactivate' : 'admin.users.reactivate')}
              cancelText={t('admin.common.cancel')}
              okButtonProps={{ danger: active }}
              onConfirm={() =>
                setStatus
                  .mutateAsync({ user, status: active ? 'deactivated' : 'active' })
                  .catch(() => undefined)
              }
              styles={{ root: { maxWidth: 340 } }}
            >
              <Button type="link" size="small" danger={active}>
                {t(active ? 'admin.users.deactivate' : 'admin.users.reactivate')}
              </Button>
            </Popconfirm>
            <Link to={`/audit?subjectType=user&subjectId=${user.id}`} style={{ paddingInline: 7 }}>
              {t('admin.nav.audit')}
            </Link>
          </Space>
        );
      },
    },
  ];

  const onTableChange: TableProps<UserOutput>['onChange'] = (pagination, _filters, sorter, extra) => {
    if (extra.action === 'sort') {
      const one = Array.isArray(sorter) ? sorter[0] : sorter;
      const key = String(one?.columnKey ?? '');
      const sort = one?.order ? (one.order === 'descend' ? `-${key}` : key) : undefined;
      update({ sort });
      return;
    }
    update({
      page: pagination.current === 1 ? undefined : pagination.current,
      pageSize: pagination.pageSize === 20 ? undefined : pagination.pageSize,
    });
  };

  return (
    <>
      <div className="concord-page-header">
        <Typography.Title level={1} style={{ fontSize: 24 }}>
          {t('admin.users.title')}
        </Typography.Title>
        <Button type="primary" data-testid="users-create" onClick={() => setDialog({ kind: 'create' })}>
          {t('admin.users.create')}
        </Button>
      </div>
      <search className="concord-filters">
        <Input.Search
          aria-label={t('admin.users.searchLabel')}
          placeholder={t('admin.users.searchPlaceholder')}
          value={search}
          onChange={(e) => setSearch(e.target.value)}
          onSearch={(value) => update({ q: value.trim() })}
          allowClear
          enterButton={t('admin.common.search')}
          style={{ width: 320, maxWidth: '100%' }}
          data-testid="users-search"
        />
        <Select<Role | undefined>
          aria-label={t('admin.users.roleFilter')}
          placeholder={t('admin.users.allRoles')}
          value={filters.role}
          onChange={(role) => update({ role })}
          allowClear
          style={{ width: 200 }}
          options={roles.map((role) => ({ value: role, label: t(`roles.${role}`) }))}
        />
        <Select<Status | undefined>
          aria-label={t('admin.users.statusFilter')}
          placeholder={t('admin.users.allStatuses')}
          value={filters.status}
          onChange={(status) => update({ status })}
          allowClear
          style={{ width: 160 }}
          options={(['active', 'deactivated'] as const).map((status) => ({
            value: status,
            label: t(`admin.users.status.${status}`),
          }))}
        />
      </search>
      {list.isError && (
        <Alert
          type="error"
          showIcon
          title={t('admin.common.loadFailed')}
          description={errorMessage(list.error)}
          action={<Button onClick={() => void list.refetch()}>{t('admin.common.retry')}</Button>}
          style={{ marginBottom: 16 }}
        />
      )}
      <div data-testid="users-table">
        <Table<UserOutput>
          rowKey="id"
          columns={columns}
          dataSource={list.data?.items ?? []}
          loading={list.isFetching}
          onChange={onTableChange}
          scroll={{ x: 'max-content' }}
          showSorterTooltip={false}
          pagination={{
            current: filters.page,
            pageSize: filters.pageSize,
            total: list.data?.total ?? 0,
            showSizeChanger: true,
            pageSizeOptions: pageSizes,
            showTotal: (total) => t('admin.common.total', { count: total }),
            hideOnSinglePage: false,
          }}
          locale={{
            emptyText: list.isPending ? (
              <span />
            ) : (
              <Empty description={t('admin.users.empty')}>
                {filtered && (
                  <Button
                    onClick={() => {
                      setSearch('');
                      update({ q: undefined, role: undefined, status: undefined });
                    }}
                  >
                    {t('admin.common.clearFilters')}
                  </Button>
                )}
              </Empty>
            ),
          }}
        />
      </div>
      <UserFormDrawer
        open={dialog?.kind === 'create' || dialog?.kind === 'edit'}
        user={dialog?.kind === 'edit' ? dialog.user : null}
        canManageTenants={session.can('tenants.manage')}
        onClose={() => setDialog(null)}
        onSaved={(user, created) => {
          setDialog(null);
          void message.success(t(created ? 'admin.users.created' : 'admin.users.saved', { name: user.name }));
          remember(user);
        }}
      />
      <ResetPasswordModal
        user={dialog?.kind === 'reset' ? dialog.user : null}
        onClose={() => setDialog(null)}
        onDone={(user) => {
          setDialog(null);
          void message.success(t('admin.users.passwordReset', { name: user.name }));
          remember(user);
        }}
      />
    </>
  );
}
