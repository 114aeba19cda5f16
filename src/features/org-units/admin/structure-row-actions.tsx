import { useMutation, useQueryClient } from '@tanstack/react-query';
import { App, Button, Popconfirm, Space } from 'antd';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { api } from '../../../admin/api.ts';
import { errorMessage, isApiError } from '../../../admin/api-client.ts';
import { showConflictDialog } from '../../../admin/conflict-dialog.ts';
import { displayName } from '../../../admin/display-name.ts';
import { useLanguage } from '../../../admin/language.tsx';
import { structureQueryKey } from './org-unit-select.tsx';
import type { StructureKind } from './structure-form-modal.tsx';
import type { AnyRecord } from './structure-tab-props.ts';

/** Deletes a department, major or facility after the admin confirmed it, with the conflict dialog on a race. */
function useDeleteRecord() {
  const { t } = useTranslation();
  const { locale } = useLanguage();
  const { message, modal } = App.useApp();
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (vars: { kind: StructureKind; record: AnyRecord }) => {
      const input = { params: { id: vars.record.id }, query: { version: vars.record.version } };
      return vars.kind === 'orgUnit'
        ? api('DELETE /api/org-units/:id', input)
        : vars.kind === 'major'
          ? api('DELETE /api/majors/:id', input)
          : api('DELETE /api/facilities/:id', input);
    },
    onSuccess: (_r, vars) => {
      void message.success(t('admin.structure.deleted', { name: displayName(vars.record, locale) }));
      void queryClient.invalidateQueries({ queryKey: structureQueryKey });
    },
    onError: (error) => {
      if (isApiError(error, 'conflict')) {
        showConflictDialog(
          modal,
          error.message,
          () => void queryClient.invalidateQueries({ queryKey: structureQueryKey }),
        );
        return;
      }
      void message.error(errorMessage(error));
    },
  });
}

/** Edit and delete buttons of one row. */
export function RowActions({
  kind,
  record,
  onEdit,
  extra,
}: {
  kind: StructureKind;
  record: AnyRecord;
  onEdit: () => void;
  extra?: ReactNode;
}) {
  const { t } = useTranslation();
  const { locale } = useLanguage();
  const remove = useDeleteRecord();
  const name = displayName(record, locale);
  return (
    <Space size={0} wrap>
      <Button type="link" size="small" onClick={onEdit} aria-label={t('admin.structure.editLabel', { name })}>
        {t('admin.registry.edit')}
      </Button>
      {extra}
      <Popconfirm
        title={t('admin.structure.confirmDelete', { name })}
        okText={t('admin.registry.delete')}
        cancelText={t('admin.common.cancel')}
        okButtonProps={{ danger: true }}
        onConfirm={() => remove.mutateAsync({ kind, record }).catch(() => undefined)}
        styles={{ root: { maxWidth: 340 } }}
      >
        <Button type="link" size="small" danger aria-label={t('admin.structure.deleteLabel', { name })}>
          {t('admin.registry.delete')}
        </Button>
      </Popconfirm>
    </Space>
  );
}
