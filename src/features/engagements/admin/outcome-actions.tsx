import { useQueryClient } from '@tanstack/react-query';
import { Alert, App, Button, DatePicker, Form, Input, Modal, Select, Space } from 'antd';
import type { Dayjs } from 'dayjs';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate } from 'react-router';
import { api } from '../../../admin/api.ts';
import { errorMessage } from '../../../admin/api-client.ts';
import { showApiErrorOnForm } from '../../../admin/form-errors.ts';
import { RecordPicker } from '../../../admin/record-picker.tsx';
import { useSession } from '../../../admin/session.tsx';
import { programDimensions } from '../../programs/programs.schema.ts';
import type { EngagementOutput, OutcomeAgreementInput, OutcomeProgramInput } from '../engagements.schema.ts';

type Outcome = EngagementOutput['outcomes'][number];
interface CommitmentValues {
  ownerUserId?: string;
  ownerOrgUnitId?: string;
  dueOn?: Dayjs;
  counterpartPersonId?: string;
  evidence?: string;
}

/** One-step actions on an outcome: make it a commitment, draft an agreement, start a program; or links to what it became. */
export function OutcomeActions({
  engagementId,
  outcome,
  canWrite,
}: {
  engagementId: string;
  outcome: Outcome;
  canWrite: boolean;
}) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const session = useSession();
  const navigate = useNavigate();
  const queryClient = useQueryClient();
  const [form] = Form.useForm<CommitmentValues>();
  const [open, setOpen] = useState(false);
  const [programOpen, setProgramOpen] = useState(false);
  const [programForm] = Form.useForm<{ dimension: OutcomeProgramInput['dimension']; titleZh: string }>();
  const [busy, setBusy] = useState<string | null>(null);
  const [problems, setProblems] = useState<string[]>([]);
  const params = { id: engagementId, outcomeId: outcome.id };

  const convert = async (
    conversion:
      | { kind: 'agreement'; body: OutcomeAgreementInput }
      | { kind: 'program'; body: OutcomeProgramInput },
  ) => {
    const { kind } = conversion;
    setBusy(kind);
    try {
      // The answer is the engagement; the new record is named on the converted outcome.
      const engagement =
        conversion.kind === 'agreement'
          ? await api('POST /api/engagements/:id/outcomes/:outcomeId/agreement', {
              params,
              body: conversion.body,
            })
          : await api('POST /api/engagements/:id/outcomes/:outcomeId/program', {
              params,
              body: conversion.body,
            });
      const converted = engagement.outcomes.find((o) => o.id === outcome.id);
      const createdId = kind === 'agreement' ? converted?.agreementId : converted?.programId;
      setProgramOpen(false);
      void queryClient.invalidateQueries({ queryKey: ['engagements'] });
      void message.success(
        t(kind === 'agreement' ? 'admin.engagements.agreementDrafted' : 'admin.engagements.programStarted'),
      );
      if (createdId)
        void navigate(kind === 'agreement' ? `/agreements/${createdId}` : `/programs/${createdId}`);
    } catch (error) {
      void message.error(errorMessage(error));
    } finally {
      setBusy(null);
    }
  };

  const makeCommitment = async (values: CommitmentValues) => {
    setProblems([]);
    setBusy('commitment');
    try {
      await api('POST /api/engagements/:id/outcomes/:outcomeId/commitment', {
        params,
        body: {
          ownerUserId: values.ownerUserId ?? null,
          ownerOrgUnitId: values.ownerOrgUnitId ?? null,
          dueOn: values.dueOn ? values.dueOn.format('YYYY-MM-DD') : '',
          counterpartPersonId: values.counterpartPersonId ?? null,
          evidence: values.evidence?.trim() ? values.evidence.trim() : null,
        },
      });
      setOpen(false);
      void message.success(t('admin.engagements.commitmentMade'));
      void queryClient.invalidateQueries({ queryKey: ['engagements'] });
      void queryClient.invalidateQueries({ queryKey: ['commitments'] });
    } catch (error) {
      setProblems(
        showApiErrorOnForm(form, error, [
          'ownerUserId',
          'ownerOrgUnitId',
          'dueOn',
          'counterpartPersonId',
          'evidence',
        ]),
      );
    } finally {
      setBusy(null);
    }
  };

  return (
    <Space size={[8, 4]} wrap>
      {outcome.commitmentId && (
        <Link to={`/commitments?view=list&id=${outcome.commitmentId}`}>
          {t('admin.engagements.seeCommitment')}
        </Link>
      )}
      {outcome.agreementId && (
        <Link to={`/agreements/${outcome.agreementId}`}>{t('admin.engagements.seeAgreement')}</Link>
      )}
      {outcome.programId && (
        <Link to={`/programs/${outcome.programId}`}>{t('admin.engagements.seeProgram')}</Link>
      )}
      {canWrite && !outcome.commitmentId && (
        <Button
          size="small"
          data-testid="outcome-make-commitment"
          onClick={() => {
            setProblems([]);
            setOpen(true);
          }}
        >
          {t('admin.engagements.makeCommitment')}
        </Button>
      )}
      {canWrite && !outcome.agreementId && (
        <Button
          size="small"
          data-testid="outcome-draft-agreement"
          loading={busy === 'agreement'}
          onClick={() => void convert({ kind: 'agreement', body: {} })}
        >
          {t('admin.engagements.draftAgreement')}
        </Button>
      )}
      {canWrite && !outcome.programId && (
        <Button
          size="small"
          onClick={() => {
            programForm.setFieldsValue({ dimension: undefined, titleZh: outcome.text.slice(0, 300) });
            setProgramOpen(true);
          }}
        >
          {t('admin.engagements.startProgram')}
        </Button>
      )}
      <Modal
        open={open}
        title={t('admin.engagements.makeCommitmentTitle')}
        onCancel={() => setOpen(false)}
        onOk={() => form.submit()}
        okText={t('admin.engagements.makeCommitment')}
        cancelText={t('admin.common.cancel')}
        confirmLoading={busy === 'commitment'}
        okButtonProps={{ id: 'commitment-modal-submit' }}
        // Only the open dialog is in the page: one per outcome would repeat ids and test ids.
        destroyOnHidden
      >
        <p>{outcome.text}</p>
        {problems.length > 0 && (
          <Alert type="error" showIcon role="alert" title={problems[0]} style={{ marginBottom: 16 }} />
        )}
        <Form<CommitmentValues>
          form={form}
          name={`commitment-${outcome.id}`}
          preserve={false}
          layout="vertical"
          // The one who writes the commitment down usually follows it up.
          initialValues={{ ownerUserId: session.user.id }}
          onFinish={(v) => void makeCommitment(v)}
        >
          <Form.Item name="ownerUserId" label={t('admin.commitments.fields.ownerUser')}>
            <RecordPicker
              source="users"
              data-testid="commitment-owner"
              known={[{ id: session.user.id, name: session.user.name }]}
            />
          </Form.Item>
          <Form.Item name="ownerOrgUnitId" label={t('admin.commitments.fields.ownerOrgUnit')}>
            <RecordPicker source="org-units" />
          </Form.Item>
          <Form.Item
            name="dueOn"
            label={t('admin.commitments.fields.dueOn')}
            rules={[{ required: true, message: t('validation.required') }]}
          >
            <DatePicker data-testid="commitment-due" style={{ width: '100%' }} />
          </Form.Item>
          <Form.Item name="counterpartPersonId" label={t('admin.commitments.fields.counterpart')}>
            <RecordPicker source="people" data-testid="commitment-counterpart" />
          </Form.Item>
          <Form.Item
            name="evidence"
            label={t('admin.commitments.fields.expectedEvidence')}
            extra={t('admin.commitments.expectedEvidenceHelp')}
          >
            <Input.TextArea rows={2} maxLength={5000} data-testid="commitment-expected-evidence" />
          </Form.Item>
        </Form>
      </Modal>
      <Modal
        open={programOpen}
        title={t('admin.engagements.startProgram')}
        onCancel={() => setProgramOpen(false)}
        onOk={() => programForm.submit()}
        okText={t('admin.engagements.startProgram')}
        cancelText={t('admin.common.cancel')}
        confirmLoading={busy === 'program'}
        forceRender
      >
        <Form
          form={programForm}
          name={`outcome-program-${outcome.id}`}
          layout="vertical"
          onFinish={(v) =>
            void convert({ kind: 'program', body: { dimension: v.dimension, titleZh: v.titleZh } })
          }
        >
          <Form.Item
            name="dimension"
            label={t('admin.programs.fields.dimension')}
            rules={[{ required: true, message: t('validation.required') }]}
          >
            <Select
              options={programDimensions.map((d) => ({
                value: d,
                label: t(`admin.programs.dimensions.${d}`),
              }))}
            />
          </Form.Item>
          <Form.Item
            name="titleZh"
            label={t('admin.programs.fields.titleZh')}
            rules={[{ required: true, whitespace: true, message: t('validation.required') }]}
          >
            <Input />
          </Form.Item>
        </Form>
      </Modal>
    </Space>
  );
}
