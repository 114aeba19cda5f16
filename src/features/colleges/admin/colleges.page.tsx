import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { App, Badge, Button, Grid, type TableProps, Typography } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api } from '../../../admin/api.ts';
import { errorMessage, isApiError } from '../../../admin/api-client.ts';
import { formatDateTime } from '../../../admin/format-date.ts';
import { useLanguage } from '../../../admin/language.tsx';
import { useListState } from '../../../admin/list-state.ts';
import NotFoundPage from '../../../admin/not-found.page.tsx';
import { RecordListPage } from '../../../admin/record-list.tsx';
import { useSession } from '../../../admin/session.tsx';
import type { CollegeOutput } from '../../tenants/tenants.schema.ts';
import { CollegeActionsCell, CollegeHostsCell, CollegeNameCell } from './college-cells.tsx';
import { CollegeDrawer } from './college-drawer.tsx';
import { HostModal } from './college-host-modal.tsx';

const collegesKey = ['colleges'] as const;
type Dialog =
  | { kind: 'create' }
  | { kind: 'rename'; college: CollegeOutput }
  | { kind: 'host'; college: CollegeOutput };

/** The colleges of this deployment: add one with its host name and administrator, rename, suspend, host names. */
export default function CollegesPage() {
  const { t } = useTranslation();
  const session = useSession();
  const { locale } = useLanguage();
  const { message } = App.useApp();
  const queryClient = useQueryClient();
  const listState = useListState([] as const);
  const [dialog, setDialog] = useState<Dialog | null>(null);
  const wide = Grid.useBreakpoint().md ?? true;
  const allowed = session.can('tenants.manage');

  const list = useQuery({
    queryKey: [...collegesKey, 'list'],
    queryFn: async () => {
      const { items } = await api('GET /api/colleges');
      return { items, total: items.length };
    },
    enabled: allowed,
  });
  type Done = 'created' | 'saved' | 'suspended' | 'resumed' | 'hostAdded' | 'hostRemoved';
  const saved = (college: CollegeOutput, done: Done) => {
    void message.success(
      t(`admin.colleges.${done}`, { name: locale === 'en' ? college.nameEn : college.nameZh }),
    );
    void queryClient.invalidateQueries({ queryKey: collegesKey });
  };
  const failed = (error: unknown) => {
    const detail = isApiError(error) ? error.fieldIssues[0]?.message : undefined;
    void message.error(detail ?? errorMessage(error));
  };
  const setStatus = useMutation({
    mutationFn: (vars: { college: CollegeOutput; status: CollegeOutput['status'] }) =>
      api('PATCH /api/colleges/:id', { params: { id: vars.college.id }, body: { status: vars.status } }),
    onSuccess: (college) => saved(college, college.status === 'active' ? 'resumed' : 'suspended'),
    onError: failed,
  });
  const removeHost = useMutation({
    mutationFn: (vars: { college: CollegeOutput; host: string }) =>
      api('DELETE /api/colleges/:id/hosts/:host', { params: { id: vars.college.id, host: vars.host } }),
    onSuccess: (college) => saved(college, 'hostRemoved'),
    onError: failed,
  });

  if (!allowed) return <NotFoundPage />;

  const columns: TableProps<CollegeOutput>['columns'] = [
    {
      key: 'name',
      title: t('admin.colleges.columns.name'),
      render: (_: unknown, college) => (
        <CollegeNameCell college={college} own={college.id === session.tenant.id} />
      ),
    },
    {
      key: 'hosts',
      title: t('admin.colleges.columns.hosts'),
      render: (_: unknown, college) => (
        <CollegeHostsCell
          college={college}
          onRemove={(host) => removeHost.mutateAsync({ college, host })}
          onAdd={() => setDialog({ kind: 'host', college })}
        />
      ),
    },
    {
      key: 'status',
      dataIndex: 'status',
      title: t('admin.colleges.columns.status'),
      render: (status: CollegeOutput['status']) => (
        <Badge
          status={status === 'active' ? 'success' : 'default'}
          text={t(`admin.colleges.status.${status}`)}
        />
      ),
    },
    {
      key: 'createdAt',
      dataIndex: 'createdAt',
      title: t('admin.colleges.columns.createdAt'),
      render: (value: string) => formatDateTime(value),
    },
    {
      key: 'actions',
      title: t('admin.common.actions'),
      fixed: wide ? ('right' as const) : undefined,
      render: (_: unknown, college) => (
        <CollegeActionsCell
          college={college}
          own={college.id === session.tenant.id}
          onRename={() => setDialog({ kind: 'rename', college })}
          onSetStatus={(status) => setStatus.mutateAsync({ college, status })}
        />
      ),
    },
  ];

  return (
    <RecordListPage<CollegeOutput>
      title={t('admin.colleges.title')}
      list={listState}
      result={list}
      columns={columns}
      actions={
        <Button type="primary" data-testid="colleges-create" onClick={() => setDialog({ kind: 'create' })}>
          {t('admin.colleges.create')}
        </Button>
      }
      above={<Typography.Paragraph type="secondary">{t('admin.colleges.intro')}</Typography.Paragraph>}
      empty={{ text: t('admin.colleges.empty') }}
      testId="colleges-table"
      paged={false}
    >
      <CollegeDrawer
        open={dialog?.kind === 'create' || dialog?.kind === 'rename'}
        college={dialog?.kind === 'rename' ? dialog.college : null}
        onClose={() => setDialog(null)}
        onSaved={(college, created) => {
          setDialog(null);
          saved(college, created ? 'created' : 'saved');
        }}
      />
      <HostModal
        college={dialog?.kind === 'host' ? dialog.college : null}
        onClose={() => setDialog(null)}
        onSaved={(college) => {
          setDialog(null);
          saved(college, 'hostAdded');
        }}
      />
    </RecordListPage>
  );
}
