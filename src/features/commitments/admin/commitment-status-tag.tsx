import { Tag } from 'antd';
import { useTranslation } from 'react-i18next';
import type { CommitmentOutput } from '../commitments.schema.ts';

/** A commitment's status as a coloured tag; an overdue one shows as overdue whatever its status. */
export function StatusTag({ status, overdue }: { status: CommitmentOutput['status']; overdue: boolean }) {
  const { t } = useTranslation();
  if (overdue) return <Tag color="red">{t('admin.commitments.statuses.overdue')}</Tag>;
  const colors = { open: 'blue', in_progress: 'gold', done: 'green', dropped: 'default' } as const;
  return <Tag color={colors[status]}>{t(`admin.commitments.statuses.${status}`)}</Tag>;
}
