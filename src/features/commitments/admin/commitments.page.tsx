import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { App, Segmented, Typography } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api } from '../../../admin/api.ts';
import { errorMessage, isApiError } from '../../../admin/api-client.ts';
import { showConflictDialog } from '../../../admin/conflict-dialog.ts';
import { ExportButton } from '../../../admin/export-buttons.tsx';
import { oneOf, useListState } from '../../../admin/list-state.ts';
import NotFoundPage from '../../../admin/not-found.page.tsx';
import { useSession } from '../../../admin/session.tsx';
import type { CommitmentOutput } from '../commitments.schema.ts';
import { CommitmentActions } from './commitment-actions.tsx';
import { CommitmentDetails } from './commitment-details.tsx';
import { CommitmentDialog, commitmentsQueryKey } from './commitment-dialogs.tsx';
import { type BoardItem, CommitmentsBoard } from './commitments-board.tsx';
import { CommitmentsList, commitmentListKeys, listSorts, listStatuses } from './commitments-list.tsx';

type Dialog = {
  kind: 'complete' | 'reassign';
  commitment: Pick<CommitmentOutput, 'id' | 'text' | 'version'> & Partial<CommitmentOutput>;
};

/** Follow-up commitments: a board per owner or department (open, in progress, done, overdue) and a filtered list. */
export default function CommitmentsPage() {
  const { t } = useTranslation();
  const session = useSession();
  const { message, modal } = App.useApp();
  const queryClient = useQueryClient();
  const list = useListState(commitmentListKeys);
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
          sort: oneOf(listSorts, listQuery.sort),
          status: oneOf(listStatuses, listQuery.status),
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
      <CommitmentActions
        status={item.status}
        onOpen={(kind) => void open(kind, item)}
        onSetStatus={(status) => setStatus.mutate({ item, status })}
      />
    );

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
        <CommitmentsBoard board={board} by={by} update={update} actions={actions} />
      ) : (
        <CommitmentsList list={list} rows={rows} actions={actions} />
      )}
      {list.params.get('open') && (
        <CommitmentDetails
          id={list.params.get('open') as string}
          onClose={() => update({ open: undefined })}
          actions={actions}
        />
      )}
      <CommitmentDialog
        kind={dialog?.kind ?? 'complete'}
        commitment={dialog?.commitment ?? null}
        onClose={() => setDialog(null)}
      />
    </>
  );
}
