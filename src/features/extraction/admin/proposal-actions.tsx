import { Button, Popconfirm, Radio, Space } from 'antd';
import { useTranslation } from 'react-i18next';

/** Why a reviewer turns a proposal down. */
export type RejectReason = 'not_cooperation' | 'duplicate' | 'other';

/** The decision bar of a pending proposal: confirm it as an engagement, or reject it with a reason. */
export function ProposalActions({
  canConfirm,
  confirming,
  onConfirm,
  reason,
  onReasonChange,
  rejecting,
  onReject,
}: {
  canConfirm: boolean;
  confirming: boolean;
  onConfirm: () => void;
  reason: RejectReason;
  onReasonChange: (reason: RejectReason) => void;
  rejecting: boolean;
  onReject: () => void;
}) {
  const { t } = useTranslation();
  return (
    <Space wrap style={{ marginTop: 16 }}>
      <Button
        type="primary"
        onClick={onConfirm}
        loading={confirming}
        disabled={!canConfirm}
        data-testid="proposal-confirm"
      >
        {t('admin.proposals.confirm')}
      </Button>
      <Popconfirm
        title={t('admin.proposals.rejectConfirm')}
        description={
          <Radio.Group
            value={reason}
            onChange={(e) => onReasonChange(e.target.value)}
            style={{ display: 'flex', flexDirection: 'column' }}
            options={(['not_cooperation', 'duplicate', 'other'] as const).map((r) => ({
              value: r,
              label: t(`admin.proposals.reasons.${r}`),
            }))}
          />
        }
        okText={t('admin.proposals.reject')}
        cancelText={t('admin.proposals.keep')}
        onConfirm={onReject}
      >
        <Button danger loading={rejecting} data-testid="proposal-reject">
          {t('admin.proposals.reject')}
        </Button>
      </Popconfirm>
    </Space>
  );
}
