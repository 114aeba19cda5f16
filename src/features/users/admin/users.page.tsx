import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { App, Badge, Button, Grid, Popconfirm, Select, Space, type TableProps, Tag, Typography } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { api } from '../../../admin/api.ts';
import { errorMessage, isApiError } from '../../../admin/api-client.ts';
import { showConflictDialog } from '../../../admin/conflict-dialog.ts';
import { formatDateTime } from '../../../admin/format-date.ts';
import { oneOf, useListState } from '../../../admin/list-state.ts';
import NotFoundPage from '../../../admin/not-found.page.tsx';
import { RecordListPage } from '../../../admin/record-list.tsx';
import { useSession } from '../../../admin/session.tsx';
import { type Role, roles } from '../../../platform/permissions.ts';
import type { UserListQuery, UserOutput } from '../users.schema.ts';
import { ResetPasswordModal } from './reset-password-modal.tsx';
import { UserFormDrawer } from './user-form-drawer.tsx';

type Sort = NonNullable<UserListQuery['sort']>;
type Status = UserOutput['status'];
const sortKeys = ['name', 'email', 'createdAt', 'lastLoginAt'] as const;
const sorts: readonly Sort[] = sortKeys.flatMap((key) => [key, `-${key}`] as const);
const statuses = ['active', 'deactivated'] as const;

/** Query key prefix of everything the users screen loads. */
export const usersQueryKey = ['users'] as const;

type Dialog = { kind: 'create' } | { kind: 'edit'; user: UserOutput } | { kind: 'reset'; user: UserOutput };

/** Users of the college: search, filter, sort, page; create, edit, deactivate, reset password. */
export default function UsersPage() {
  const { t } = useTranslation();
  const session = useSession();
  const { message, modal } = App.useApp();
  const queryClient = useQueryClient();
  const listState = useListState(['status', 'role'] as const, sorts);
  const { state, update } = listState;
  // Hand-edited links may carry values the API would refuse: leave those out.
  const query = {
    ...state,
    q: state.q.trim(),
    sort: oneOf(sorts, state.sort),
    status: oneOf(statuses, state.status),
    role: oneOf(roles, state.role),
  };
  const [dialog, setDialog] = useState<Dialog | null>(null);
  const wide = Grid.useBreakpoint().md ?? true;

  const list = useQuery({
    queryKey: [...usersQueryKey, 'list', query],
    queryFn: () => api('GET /api/users', { query }),
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

  const columns: TableProps<UserOutput>['columns'] = [
    {
      key: 'name',
      dataIndex: 'name',
      title: t('admin.users.columns.name'),
      sorter: true,
      sortOrder: listState.sortOrder('name'),
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
      sortOrder: listState.sortOrder('email'),
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
      sortOrder: listState.sortOrder('lastLoginAt'),
      render: (value: string | null) => formatDateTime(value),
    },
    {
      key: 'createdAt',
      dataIndex: 'createdAt',
      title: t('admin.users.columns.createdAt'),
      sorter: true,
      sortOrder: listState.sortOrder('createdAt'),
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

  return (
    <RecordListPage<UserOutput>
      title={t('admin.users.title')}
      list={listState}
      result={list}
      columns={columns}
      actions={
        <Button type="primary" data-testid="users-create" onClick={() => setDialog({ kind: 'create' })}>
          {t('admin.users.create')}
        </Button>
      }
      search={{
        label: t('admin.users.searchLabel'),
        placeholder: t('admin.users.searchPlaceholder'),
        width: 320,
        testId: 'users-search',
      }}
      filters={
        <>
          <Select<Role | undefined>
            aria-label={t('admin.users.roleFilter')}
            placeholder={t('admin.users.allRoles')}
            value={query.role}
            onChange={(role) => update({ role })}
            allowClear
            style={{ width: 200 }}
            options={roles.map((role) => ({ value: role, label: t(`roles.${role}`) }))}
          />
          <Select<Status | undefined>
            aria-label={t('admin.users.statusFilter')}
            placeholder={t('admin.users.allStatuses')}
            value={query.status}
            onChange={(status) => update({ status })}
            allowClear
            style={{ width: 160 }}
            options={statuses.map((status) => ({
              value: status,
              label: t(`admin.users.status.${status}`),
            }))}
          />
        </>
      }
      empty={{ text: t('admin.users.empty') }}
      testId="users-table"
    >
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
    </RecordListPage>
  );
}
