import { Alert, Form, Input, Modal, Select } from 'antd';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api } from '../../../admin/api.ts';
import { isApiError } from '../../../admin/api-client.ts';
import { showApiErrorOnForm } from '../../../admin/form-errors.ts';
import { oneOf } from '../../../admin/list-state.ts';
import type { FacilityOutput, MajorOutput, OrgUnitOutput } from '../org-units.schema.ts';
import { OrgUnitSelect } from './org-unit-select.tsx';

/** What the structure screen edits. */
export type StructureKind = 'orgUnit' | 'major' | 'facility';
export const orgUnitKinds = ['school', 'office', 'center', 'other'] as const;
export const facilityKinds = ['training_center', 'training_building', 'lab', 'base', 'other'] as const;

type AnyRecord = OrgUnitOutput | MajorOutput | FacilityOutput;
interface Values {
  nameZh: string;
  nameEn: string;
  code?: string;
  kind?: string;
  parentId?: string;
  orgUnitId?: string;
}
const fieldNames = ['nameZh', 'nameEn', 'code', 'kind', 'parentId', 'orgUnitId'] as const;
const orNull = (value: string | undefined) => (value?.trim() ? value.trim() : null);

/** Creates or edits a department, a major or a facility. */
export function StructureFormModal({
  kind,
  record,
  parentId,
  open,
  onClose,
  onSaved,
}: {
  kind: StructureKind;
  record: AnyRecord | null;
  /** The parent of a new department. */
  parentId?: string | null;
  open: boolean;
  onClose: () => void;
  onSaved: (record: AnyRecord, created: boolean) => void;
}) {
  const { t } = useTranslation();
  const [form] = Form.useForm<Values>();
  const [problems, setProblems] = useState<string[]>([]);
  const [saving, setSaving] = useState(false);

  useEffect(() => {
    if (!open) return;
    setProblems([]);
    form.resetFields();
    const r = record as Partial<OrgUnitOutput & MajorOutput & FacilityOutput> | null;
    form.setFieldsValue({
      nameZh: r?.nameZh ?? '',
      nameEn: r?.nameEn ?? '',
      code: r?.code ?? '',
      kind: r?.kind ?? (kind === 'orgUnit' ? 'school' : 'training_center'),
      parentId: r ? (r.parentId ?? undefined) : (parentId ?? undefined),
      orgUnitId: r?.orgUnitId ?? undefined,
    });
  }, [open, record, parentId, kind, form]);

  const save = async (values: Values) => {
    setProblems([]);
    setSaving(true);
    const common = { nameZh: values.nameZh, nameEn: values.nameEn ?? '' };
    const send = (): Promise<AnyRecord> => {
      const id = { params: { id: record?.id ?? '' } };
      if (kind === 'orgUnit') {
        const body = {
          ...common,
          code: orNull(values.code),
          kind: oneOf(orgUnitKinds, values.kind),
          parentId: values.parentId ?? null,
        };
        return record
          ? api('PATCH /api/org-units/:id', { ...id, body: { version: record.version, ...body } })
          : api('POST /api/org-units', { body });
      }
      if (kind === 'major') {
        const body = { ...common, code: orNull(values.code), orgUnitId: values.orgUnitId ?? null };
        return record
          ? api('PATCH /api/majors/:id', { ...id, body: { version: record.version, ...body } })
          : api('POST /api/majors', { body });
      }
      const body = {
        ...common,
        kind: oneOf(facilityKinds, values.kind),
        orgUnitId: values.orgUnitId ?? null,
      };
      return record
        ? api('PATCH /api/facilities/:id', { ...id, body: { version: record.version, ...body } })
        : api('POST /api/facilities', { body });
    };
    try {
      onSaved(await send(), record === null);
    } catch (error) {
      setProblems(
        isApiError(error, 'conflict') ? [error.message] : showApiErrorOnForm(form, error, fieldNames),
      );
    } finally {
      setSaving(false);
    }
  };

  const titleKey = record ? 'edit' : 'create';
  return (
    <Modal
      open={open}
      onCancel={onClose}
      title={t(`admin.structure.${kind}.${titleKey}`)}
      okText={t('admin.common.save')}
      cancelText={t('admin.common.cancel')}
      confirmLoading={saving}
      onOk={() => form.submit()}
      okButtonProps={{ 'data-testid': 'structure-form-submit' } as never}
      forceRender
    >
      {problems.length > 0 && (
        <Alert type="error" showIcon role="alert" title={problems[0]} style={{ marginBottom: 16 }} />
      )}
      <Form<Values>
        name="structure-form-modal"
        form={form}
        layout="vertical"
        onFinish={(values) => void save(values)}
        disabled={saving}
      >
        <Form.Item
          name="nameZh"
          label={t('admin.structure.fields.nameZh')}
          rules={[
            { required: true, whitespace: true, message: t('validation.required') },
            { max: 200, message: t('validation.too_long', { max: 200 }) },
          ]}
        >
          <Input lang="zh-CN" autoComplete="off" data-testid="structure-form-name-zh" />
        </Form.Item>
        <Form.Item
          name="nameEn"
          label={t('admin.structure.fields.nameEn')}
          rules={[{ max: 300, message: t('validation.too_long', { max: 300 }) }]}
        >
          <Input lang="en" autoComplete="off" />
        </Form.Item>
        {kind !== 'facility' && (
          <Form.Item
            name="code"
            label={t(kind === 'major' ? 'admin.structure.fields.majorCode' : 'admin.structure.fields.code')}
            rules={[{ max: 40, message: t('validation.too_long', { max: 40 }) }]}
          >
            <Input autoComplete="off" className="concord-mono" style={{ width: 200 }} />
          </Form.Item>
        )}
        {kind === 'orgUnit' && (
          <>
            <Form.Item name="kind" label={t('admin.structure.fields.kind')}>
              <Select
                options={orgUnitKinds.map((k) => ({
                  value: k,
                  label: t(`admin.structure.orgUnitKinds.${k}`),
                }))}
              />
            </Form.Item>
            <Form.Item name="parentId" label={t('admin.structure.fields.parent')}>
              <OrgUnitSelect placeholder={t('admin.structure.topLevel')} />
            </Form.Item>
          </>
        )}
        {kind === 'facility' && (
          <Form.Item name="kind" label={t('admin.structure.fields.kind')}>
            <Select
              options={facilityKinds.map((k) => ({
                value: k,
                label: t(`admin.structure.facilityKinds.${k}`),
              }))}
            />
          </Form.Item>
        )}
        {kind !== 'orgUnit' && (
          <Form.Item name="orgUnitId" label={t('admin.structure.fields.orgUnit')}>
            <OrgUnitSelect />
          </Form.Item>
        )}
      </Form>
    </Modal>
  );
}
