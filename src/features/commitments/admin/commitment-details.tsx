import { useQuery } from '@tanstack/react-query';
import { Alert, Button, Descriptions, Modal, Skeleton } from 'antd';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { api } from '../../../admin/api.ts';
import { errorMessage } from '../../../admin/api-client.ts';
import { RecordName } from '../../../admin/record-picker.tsx';
import type { CommitmentOutput } from '../commitments.schema.ts';
import { commitmentsQueryKey } from './commitment-dialogs.tsx';
import { StatusTag } from './commitment-status-tag.tsx';

/**
 * One commitment by its id, as a reminder's link opens it (`?open=<id>`): what it is, who owns it,
 * when it is due, with the same actions as its row.
 */
export function CommitmentDetails({
  id,
  onClose,
  actions,
}: {
  id: string;
  onClose: () => void;
  actions: (commitment: CommitmentOutput) => ReactNode;
}) {
  const { t } = useTranslation();
  const commitment = useQuery({
    queryKey: [...commitmentsQueryKey, 'one', id],
    queryFn: () => api('GET /api/commitments/:id', { params: { id } }),
  });
  const c = commitment.data;
  return (
    <Modal
      open
      onCancel={onClose}
      title={t('admin.commitments.fields.text')}
      footer={<Button onClick={onClose}>{t('admin.common.close')}</Button>}
      data-testid="commitment-details"
    >
      {commitment.isPending && <Skeleton active />}
      {commitment.isError && <Alert type="error" showIcon title={errorMessage(commitment.error)} />}
      {c && (
        <>
          <Descriptions column={1} size="small">
            <Descriptions.Item label={t('admin.commitments.fields.text')}>{c.text}</Descriptions.Item>
            <Descriptions.Item label={t('admin.commitments.fields.status')}>
              <StatusTag status={c.status} overdue={c.overdue} />
            </Descriptions.Item>
            <Descriptions.Item label={t('admin.commitments.fields.dueOn')}>
              {c.dueOn ?? '—'}
            </Descriptions.Item>
            <Descriptions.Item label={t('admin.commitments.fields.ownerUser')}>
              <RecordName source="users" id={c.ownerUserId} />
            </Descriptions.Item>
            <Descriptions.Item label={t('admin.commitments.fields.ownerOrgUnit')}>
              <RecordName source="org-units" id={c.ownerOrgUnitId} />
            </Descriptions.Item>
            {c.evidence && (
              <Descriptions.Item label={t('admin.commitments.fields.evidence')}>
                {c.evidence}
              </Descriptions.Item>
            )}
          </Descriptions>
          {actions(c)}
        </>
      )}
    </Modal>
  );
}
