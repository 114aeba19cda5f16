import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import {
  Alert,
  App,
  Button,
  Card,
  Col,
  Dropdown,
  Empty,
  Row,
  Segmented,
  Select,
  Space,
  type TableProps,
  Tag,
  Typography,
} from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { api } from '../../../admin/api.ts';
import { errorMessage, isApiError } from '../../../admin/api-client.ts';
import { showConflictDialog } from '../../../admin/conflict-dialog.ts';
import { displayNameOf } from '../../../admin/display-name.ts';
import { ExportButton } from '../../../admin/export-buttons.tsx';
import { useLanguage } from '../../../admin/language.tsx';
import { oneOf, useListState } from '../../../admin/list-state.ts';
import NotFoundPage from '../../../admin/not-found.page.tsx';
import { ListSearch, RecordTable } from '../../../admin/record-list.tsx';
import { RecordFilter, RecordPicker } from '../../../admin/record-picker.tsx';
import { useSession } from '../../../admin/session.tsx';
import type { BoardOutput, CommitmentListItem, CommitmentOutput } from '../commitments.schema.ts';
import { CommitmentDialog, commitmentsQueryKey } from './commitment-dialogs.tsx';

type BoardItem = BoardOutput['groups'][number]['columns']['open'][number];
type Column = 'open' | 'in_progress' | 'done' | 'overdue';
const boardColumns: readonly Column[] = ['open', 'in_progress', 'done', 'overdue'];

/** A column's count as the board shows it: counts stop at the cap, shown as "99+". */
function shownCount(n: number, cap: number | undefined): string {
  return cap !== undefined && n >= cap ? `${cap - 1}+` : String(n);
}
const statuses = ['open', 'in_progress', 'done', 'dropped', 'overdue'] as const;
const sorts = ['dueOn', '-dueOn', 'createdAt', '-createdAt', 'priority', '-priority'] as const;
type Dialog = {
  kind: 'complete' | 'reassign';
  commitment: Pick<CommitmentOutput, 'id' | 'text' | 'version'> & Partial<CommitmentOutput>;
};

function StatusTag({ status, overdue }: { status: CommitmentOutput['status']; overdue: boolean }) {
  const { t } = useTranslation();
  if (overdue) return <Tag color="red">{t('admin.commitments.statuses.overdue')}</Tag>;
  const colors = { open: 'blue', in_progress: 'gold', done: 'green', dropped: 'default' } as const;
  return <Tag color={colors[status]}>{t(`admin.commitments.statuses.${status}`)}</Tag>;
}

/** Follow-up commitments: a board per owner or department (open, in progress, done, overdue) and a filtered list. */
export default function CommitmentsPage() {
  const { t } = useTranslation();
  const { locale } = useLanguage();
  const session = useSession();
  const { message, modal } = App.useApp();
  const queryClient = useQueryClient();
  const list = useListState([
    'view',
    'by',
    'status',
    'ownerUserId',
    'ownerOrgUnitId',
    'organizationId',
  ] as const);
  const { state, update } = list;
  // A partner's history links here with ?organizationId=…: the board has no partner filter, so show the list.
  const view = state.view === 'list' || (state.view !== 'board' && state.organizationId) ? 'list' : 'board';
  const by = state.by === 'department' ? 'department' : 'owner';
  const [dialog, setDialog] = useState<Dialog | null>(null);
  const canWrite = session.can('records.write');

  const board = useQuery({
    queryKey: [...commitmentsQueryKey, 'board', by],
    queryFn: () => api('GET /api/commitments/board', { query: { by } }),
    enabled: session.can('records.read') && view === 'board',
  });
  const { view: _view, by: _by, ...listQuery } = state;
  const rows = useQuery({
    queryKey: [...commitmentsQueryKey, 'list', listQuery],
    queryFn: () =>
      api('GET /api/commitments', {
        query: {
          ...listQuery,
          sort: oneOf(sorts, listQuery.sort),
          status: oneOf(statuses, listQuery.status),
        },
      }),
    placeholderData: keepPreviousData,
    enabled: session.can('records.read') && view === 'list',
  });

  // Board items carry no version: load the record first, so the change is checked against what the admin saw.
  const withVersion = async (item: BoardItem | CommitmentOutput) =>
    'version' in item ? item : await api('GET /api/commitments/:id', { params: { id: item.id } });

  const setStatus = useMutation({
    mutationFn: async (vars: { item: BoardItem | CommitmentOutput; status: CommitmentOutput['status'] }) => {
      const record = await withVersion(vars.item);
      return api('PATCH /api/commitments/:id', {
        params: { id: record.id },
        body: { version: record.version, status: vars.status },
      });
    },
    onSuccess: () => {
      void message.success(t('admin.commitments.statusChanged'));
      void queryClient.invalidateQueries({ queryKey: commitmentsQueryKey });
    },
    onError: (error) => {
      if (isApiError(error, 'conflict')) {
        showConflictDialog(
          modal,
          error.message,
          () => void queryClient.invalidateQueries({ queryKey: commitmentsQueryKey }),
        );
        return;
      }
      void message.error(errorMessage(error));
    },
  });

  if (!session.can('records.read')) return <NotFoundPage />;

  const open = async (kind: Dialog['kind'], item: BoardItem | CommitmentOutput) => {
    try {
      setDialog({ kind, commitment: await withVersion(item) });
    } catch (error) {
      void message.error(errorMessage(error));
    }
  };

  const actions = (item: BoardItem | CommitmentOutput) =>
    canWrite && (
      <Space size={0} wrap>
        {item.status !== 'done' && (
          <Button
            type="link"
            size="small"
            onClick={() => void open('complete', item)}
            data-testid="commitment-complete"
          >
            {t('admin.commitments.complete')}
          </Button>
        )}
        <Button type="link" size="small" onClick={() => void open('reassign', item)}>
          {t('admin.commitments.reassign')}
        </Button>
        <Dropdown
          trigger={['click']}
          menu={{
            items: (['open', 'in_progress', 'dropped'] as const)
              .filter((s) => s !== item.status)
              .map((s) => ({ key: s, label: t(`admin.commitments.statuses.${s}`) })),
            onClick: ({ key }) => setStatus.mutate({ item, status: key as CommitmentOutput['status'] }),
          }}
        >
          <Button type="link" size="small">
            {t('admin.commitments.changeStatus')}
          </Button>
        </Dropdown>
      </Space>
    );

  const columns: TableProps<CommitmentListItem>['columns'] = [
    { key: 'text', dataIndex: 'text', title: t('admin.commitments.fields.text') },
    {
      key: 'ownerUserId',
      title: t('admin.commitments.fields.ownerUser'),
      render: (_: unknown, c) => (c.ownerUserId ? (c.ownerUserName ?? '—') : '—'),
    },
    {
      key: 'ownerOrgUnitId',
      title: t('admin.commitments.fields.ownerOrgUnit'),
      render: (_: unknown, c) =>
        c.ownerOrgUnitId ? displayNameOf(c.ownerOrgUnitNameZh, c.ownerOrgUnitNameEn, locale) : '—',
    },
    {
      key: 'dueOn',
      dataIndex: 'dueOn',
      title: t('admin.commitments.fields.dueOn'),
      sorter: true,
      sortOrder: list.sortOrder('dueOn'),
      render: (v: string | null) => v ?? '—',
    },
    {
      key: 'status',
      title: t('admin.commitments.fields.status'),
      render: (_: unknown, c) => <StatusTag status={c.status} overdue={c.overdue} />,
    },
    {
      key: 'source',
      title: t('admin.commitments.source'),
      render: (_: unknown, c) =>
        c.sourceType === 'engagement' && c.sourceId ? (
          <Link to={`/engagements/${c.sourceId}`}>{t('admin.nav.engagements')}</Link>
        ) : c.sourceType === 'agreement' && c.sourceId ? (
          <Link to={`/agreements/${c.sourceId}`}>{t('admin.nav.agreements')}</Link>
        ) : c.sourceType === 'program' && c.sourceId ? (
          <Link to={`/programs/${c.sourceId}`}>{t('admin.nav.programs')}</Link>
        ) : (
          '—'
        ),
    },
    { key: 'actions', title: t('admin.common.actions'), render: (_: unknown, c) => actions(c) },
  ];

  return (
    <>
      <div className="concord-page-header">
        <Typography.Title level={1} style={{ fontSize: 24 }}>
          {t('admin.commitments.title')}
        </Typography.Title>
        <Segmented
          aria-label={t('admin.commitments.viewLabel')}
          value={view}
          onChange={(v) => update({ view: v === 'list' ? 'list' : undefined })}
          options={[
            { value: 'board', label: t('admin.commitments.board') },
            { value: 'list', label: t('admin.commitments.list') },
          ]}
          data-testid="commitments-view"
        />
        {view === 'list' && <ExportButton list="commitments" query={listQuery} />}
      </div>
      {view === 'board' ? (
        <>
          <div className="concord-filters">
            <Segmented
              aria-label={t('admin.commitments.groupingLabel')}
              value={by}
              onChange={(v) => update({ by: v === 'department' ? 'department' : undefined })}
              options={[
                { value: 'owner', label: t('admin.commitments.byOwner') },
                { value: 'department', label: t('admin.commitments.byDepartment') },
              ]}
            />
          </div>
          {board.isError && (
            <Alert
              type="error"
              showIcon
              title={t('admin.common.loadFailed')}
              description={errorMessage(board.error)}
              action={<Button onClick={() => void board.refetch()}>{t('admin.common.retry')}</Button>}
              style={{ marginBottom: 16 }}
            />
          )}
          {board.isPending ? (
            <Card loading />
          ) : (board.data?.groups ?? []).length === 0 ? (
            <Empty description={t('admin.commitments.empty')} />
          ) : (
            <Space
              orientation="vertical"
              size="large"
              style={{ width: '100%' }}
              data-testid="commitments-board"
            >
              {(board.data?.groups ?? []).map((group) => (
                <section
                  key={group.key ?? 'none'}
                  aria-label={group.key ?? t('admin.commitments.unassigned')}
                >
                  <Typography.Title level={2} style={{ fontSize: 17 }}>
                    {!group.key
                      ? t('admin.commitments.unassigned')
                      : by === 'owner'
                        ? (group.ownerUserName ?? '—')
                        : displayNameOf(group.ownerOrgUnitNameZh, group.ownerOrgUnitNameEn, locale)}
                  </Typography.Title>
                  <Row gutter={[12, 12]}>
                    {boardColumns.map((column) => (
                      <Col key={column} xs={24} sm={12} xl={6}>
                        <Card
                          size="small"
                          title={
                            <span style={column === 'overdue' ? { color: '#b42318' } : undefined}>
                              {t(`admin.commitments.statuses.${column}`)} (
                              {shownCount(group.counts[column], board.data?.countCap)})
                            </span>
                          }
                          style={
                            column === 'overdue'
                              ? { borderColor: '#f5a3a3', background: '#fff7f7' }
                              : undefined
                          }
                          data-testid={`board-column-${column}`}
                        >
                          {group.columns[column].length === 0 ? (
                            <Typography.Text type="secondary">
                              {t('admin.commitments.emptyColumn')}
                            </Typography.Text>
                          ) : (
                            <Space orientation="vertical" size={8} style={{ width: '100%' }}>
                              {group.columns[column].map((item) => (
                                <Card key={item.id} size="small" data-testid="board-card">
                                  <div>{item.text}</div>
                                  <Space size={4} wrap style={{ marginTop: 4 }}>
                                    <StatusTag status={item.status} overdue={item.overdue} />
                                    {item.dueOn && (
                                      <Typography.Text type={item.overdue ? 'danger' : 'secondary'}>
                                        {t('admin.commitments.fields.dueOn')} {item.dueOn}
                                      </Typography.Text>
                                    )}
                                  </Space>
                                  <div>{actions(item)}</div>
                                </Card>
                              ))}
                              {group.key && group.counts[column] > group.columns[column].length && (
                                <Button
                                  type="link"
                                  size="small"
                                  style={{ paddingInline: 0 }}
                                  data-testid="board-see-all"
                                  onClick={() =>
                                    update({
                                      view: 'list',
                                      by: undefined,
                                      status: column,
                                      [by === 'owner' ? 'ownerUserId' : 'ownerOrgUnitId']:
                                        group.key ?? undefined,
                                    })
                                  }
                                >
                                  {t('admin.commitments.seeColumn', {
                                    shown: shownCount(group.counts[column], board.data?.countCap),
                                  })}
                                </Button>
                              )}
                            </Space>
                          )}
                        </Card>
                      </Col>
                    ))}
                  </Row>
                </section>
              ))}
            </Space>
          )}
        </>
      ) : (
        <>
          <search className="concord-filters">
            <ListSearch
              list={list}
              label={t('admin.commitments.searchLabel')}
              placeholder={t('admin.commitments.searchPlaceholder')}
              width={300}
            />
            <Select<string | undefined>
              aria-label={t('admin.commitments.statusFilter')}
              placeholder={t('admin.commitments.allStatuses')}
              value={state.status}
              onChange={(status) => update({ status })}
              allowClear
              style={{ width: 160 }}
              options={statuses.map((s) => ({ value: s, label: t(`admin.commitments.statuses.${s}`) }))}
            />
            <RecordPicker
              source="users"
              aria-label={t('admin.commitments.fields.ownerUser')}
              placeholder={t('admin.commitments.fields.ownerUser')}
              value={state.ownerUserId}
              onChange={(v) => update({ ownerUserId: v as string | undefined })}
              style={{ width: 200 }}
            />
            <RecordFilter
              source="org-units"
              value={state.ownerOrgUnitId}
              onChange={(ownerOrgUnitId) => update({ ownerOrgUnitId })}
              width={200}
            />
            <RecordFilter
              source="organizations"
              value={state.organizationId}
              onChange={(organizationId) => update({ organizationId })}
            />
          </search>
          <RecordTable<CommitmentListItem>
            list={list}
            result={rows}
            columns={columns}
            empty={{ text: t('admin.commitments.empty'), keep: ['view', 'by'] }}
            testId="commitments-table"
          />
        </>
      )}
      <CommitmentDialog
        kind={dialog?.kind ?? 'complete'}
        commitment={dialog?.commitment ?? null}
        onClose={() => setDialog(null)}
      />
    </>
  );
}
