import { useQueryClient } from '@tanstack/react-query';
import { Alert, App, Form, Input, Modal } from 'antd';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api } from '../../../admin/api.ts';
import { isApiError } from '../../../admin/api-client.ts';
import { showConflictDialog } from '../../../admin/conflict-dialog.ts';
import { showApiErrorOnForm } from '../../../admin/form-errors.ts';
import { RecordPicker } from '../../../admin/record-picker.tsx';
import type { CommitmentOutput } from '../commitments.schema.ts';
import { commitmentsQueryKey } from './commitments-query-key.ts';

export { commitmentsQueryKey };

type Target = Pick<CommitmentOutput, 'id' | 'text' | 'version'> & Partial<CommitmentOutput>;

/** Completes a commitment with its evidence, or reassigns it to another owner or department. */
export function CommitmentDialog({
  kind,
  commitment,
  onClose,
}: {
  kind: 'complete' | 'reassign';
  commitment: Target | null;
  onClose: () => void;
}) {
  const { t } = useTranslation();
  const { message, modal } = App.useApp();
  const queryClient = useQueryClient();
  const [form] = Form.useForm<{ evidence?: string; ownerUserId?: string; ownerOrgUnitId?: string }>();
  const [problems, setProblems] = useState<string[]>([]);
  const [saving, setSaving] = useState(false);
  const open = commitment !== null;

  useEffect(() => {
    if (!commitment) return;
    form.resetFields();
    setProblems([]);
    form.setFieldsValue({
      ownerUserId: commitment.ownerUserId ?? undefined,
      ownerOrgUnitId: commitment.ownerOrgUnitId ?? undefined,
    });
  }, [commitment, form]);

  const save = async (values: { evidence?: string; ownerUserId?: string; ownerOrgUnitId?: string }) => {
    if (!commitment) return;
    setSaving(true);
    setProblems([]);
    try {
      if (kind === 'complete') {
        await api('POST /api/commitments/:id/complete', {
          params: { id: commitment.id },
          body: { evidence: values.evidence ?? '', version: commitment.version },
        });
      } else {
        await api('POST /api/commitments/:id/reassign', {
          params: { id: commitment.id },
          body: {
            ownerUserId: values.ownerUserId ?? null,
            ownerOrgUnitId: values.ownerOrgUnitId ?? null,
            version: commitment.version,
          },
        });
      }
      void message.success(
        t(kind === 'complete' ? 'admin.commitments.completed' : 'admin.commitments.reassigned'),
      );
      void queryClient.invalidateQueries({ queryKey: commitmentsQueryKey });
      onClose();
    } catch (error) {
      if (isApiError(error, 'conflict')) {
        onClose();
        showConflictDialog(
          modal,
          error.message,
          () => void queryClient.invalidateQueries({ queryKey: commitmentsQueryKey }),
        );
        return;
      }
      setProblems(showApiErrorOnForm(form, error, ['evidence', 'ownerUserId', 'ownerOrgUnitId']));
    } finally {
      setSaving(false);
    }
  };

  return (
    <Modal
      open={open}
      title={t(kind === 'complete' ? 'admin.commitments.completeTitle' : 'admin.commitments.reassignTitle')}
      onCancel={onClose}
      onOk={() => form.submit()}
      okText={t(kind === 'complete' ? 'admin.commitments.complete' : 'admin.commitments.reassign')}
      cancelText={t('admin.common.cancel')}
      confirmLoading={saving}
      okButtonProps={{ id: `commitment-${kind}-submit` }}
      forceRender
    >
      <p>{commitment?.text}</p>
      {problems.length > 0 && (
        <Alert type="error" showIcon role="alert" title={problems[0]} style={{ marginBottom: 16 }} />
      )}
      <Form name="commitment-dialogs" form={form} layout="vertical" onFinish={(v) => void save(v)}>
        {kind === 'complete' ? (
          <Form.Item
            name="evidence"
            label={t('admin.commitments.fields.evidence')}
            rules={[{ required: true, whitespace: true, message: t('validation.required') }]}
          >
            <Input.TextArea autoSize={{ minRows: 3, maxRows: 8 }} data-testid="commitment-evidence" />
          </Form.Item>
        ) : (
          <>
            <Form.Item name="ownerUserId" label={t('admin.commitments.fields.ownerUser')}>
              <RecordPicker source="users" />
            </Form.Item>
            <Form.Item name="ownerOrgUnitId" label={t('admin.commitments.fields.ownerOrgUnit')}>
              <RecordPicker source="org-units" />
            </Form.Item>
          </>
        )}
      </Form>
    </Modal>
  );
}
