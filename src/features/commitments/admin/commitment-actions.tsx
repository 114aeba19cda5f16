import { Button, Dropdown, Space } from 'antd';
import { useTranslation } from 'react-i18next';
import type { CommitmentOutput } from '../commitments.schema.ts';

/** The actions on one commitment: complete it, reassign it, or move it to another status. */
export function CommitmentActions({
  status,
  onOpen,
  onSetStatus,
}: {
  status: CommitmentOutput['status'];
  onOpen: (kind: 'complete' | 'reassign') => void;
  onSetStatus: (status: CommitmentOutput['status']) => void;
}) {
  const { t } = useTranslation();
  return (
    <Space size={0} wrap>
      {status !== 'done' && (
        <Button type="link" size="small" onClick={() => onOpen('complete')} data-testid="commitment-complete">
          {t('admin.commitments.complete')}
        </Button>
      )}
      <Button type="link" size="small" onClick={() => onOpen('reassign')}>
        {t('admin.commitments.reassign')}
      </Button>
      <Dropdown
        trigger={['click']}
        menu={{
          items: (['open', 'in_progress', 'dropped'] as const)
            .filter((s) => s !== status)
            .map((s) => ({ key: s, label: t(`admin.commitments.statuses.${s}`) })),
          onClick: ({ key }) => onSetStatus(key as CommitmentOutput['status']),
        }}
      >
        <Button type="link" size="small">
          {t('admin.commitments.changeStatus')}
        </Button>
      </Dropdown>
    </Space>
  );
}
