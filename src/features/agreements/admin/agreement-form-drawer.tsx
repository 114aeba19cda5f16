import { Button, Checkbox, Col, DatePicker, Form, Input, Row, Select, Space } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { useCallback, useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api } from '../../../admin/api.ts';
import { RecordDrawer, useRecordForm } from '../../../admin/record-form.tsx';
import { RecordPicker } from '../../../admin/record-picker.tsx';
import {
  type AgreementOutput,
  agreementTypeSchema,
  type CreateAgreementInput,
  type UpdateAgreementInput,
} from '../agreements.schema.ts';

const partyRoles = ['party_a', 'party_b', 'party_c'] as const;
interface Values {
  code?: string;
  type: AgreementOutput['type'];
  titleZh: string;
  titleEn?: string;
  signedOn?: Dayjs | null;
  validFrom?: Dayjs | null;
  validTo?: Dayjs | null;
  autoRenew: boolean;
  ownerOrgUnitId?: string;
  notes?: string;
  parties: {
    organizationId?: string | null;
    role: (typeof partyRoles)[number];
    signatoryPersonId?: string | null;
  }[];
}
const fieldNames = [
  'code',
  'type',
  'titleZh',
  'titleEn',
  'signedOn',
  'validFrom',
  'validTo',
  'notes',
  'parties',
];
const day = (v: string | null) => (v ? dayjs(v) : null);
const iso = (v: Dayjs | null | undefined) => (v ? v.format('YYYY-MM-DD') : null);

/** Creates an agreement or edits one: type, titles, dates, parties (an organization or our college, 甲/乙/丙, signatory). */
export function AgreementFormDrawer({
  open,
  agreement,
  onClose,
  onSaved,
}: {
  open: boolean;
  agreement: AgreementOutput | null;
  onClose: () => void;
  onSaved: (agreement: AgreementOutput, created: boolean) => void;
}) {
  const { t } = useTranslation();
  const [form] = Form.useForm<Values>();
  const recordForm = useRecordForm(form, fieldNames);
  const { clear, saving } = recordForm;
  const [record, setRecord] = useState(agreement);

  const fill = useCallback(
    (a: AgreementOutput | null) => {
      form.resetFields();
      form.setFieldsValue(
        a
          ? {
              code: a.code ?? '',
              type: a.type,
              titleZh: a.titleZh,
              titleEn: a.titleEn,
              signedOn: day(a.signedOn),
              validFrom: day(a.validFrom),
              validTo: day(a.validTo),
              autoRenew: a.autoRenew,
              ownerOrgUnitId: a.ownerOrgUnitId ?? undefined,
              notes: a.notes ?? '',
              parties: a.parties.map((p) => ({
                organizationId: p.organizationId,
                role: p.role,
                signatoryPersonId: p.signatoryPersonId,
              })),
            }
          : {
              type: 'framework',
              autoRenew: false,
              parties: [
                { organizationId: null, role: 'party_a' },
                { organizationId: undefined, role: 'party_b' },
              ],
            },
      );
    },
    [form],
  );

  useEffect(() => {
    if (!open) return;
    setRecord(agreement);
    clear();
    fill(agreement);
  }, [open, agreement, fill, clear]);

  const save = async (v: Values) => {
    const body = {
      code: v.code?.trim() || null,
      type: v.type,
      titleZh: v.titleZh.trim(),
      titleEn: v.titleEn?.trim() ?? '',
      signedOn: iso(v.signedOn),
      validFrom: iso(v.validFrom),
      validTo: iso(v.validTo),
      autoRenew: v.autoRenew,
      ownerOrgUnitId: v.ownerOrgUnitId ?? null,
      notes: v.notes?.trim() || null,
      parties: (v.parties ?? []).map((p) => ({
        organizationId: p.organizationId ?? null,
        role: p.role,
        signatoryPersonId: p.signatoryPersonId ?? null,
      })),
    };
    await recordForm.submit(async () => {
      if (record) {
        const input: UpdateAgreementInput = { ...body, version: record.version };
        onSaved(await api('PATCH /api/agreements/:id', { params: { id: record.id }, body: input }), false);
      } else {
        const input: CreateAgreementInput = body;
        onSaved(await api('POST /api/agreements', { body: input }), true);
      }
    });
  };

  const reload = () =>
    recordForm.reload(async () => {
      if (!record) return;
      const latest = await api('GET /api/agreements/:id', { params: { id: record.id } });
      setRecord(latest);
      fill(latest);
    });

  return (
    <RecordDrawer
      open={open}
      onClose={onClose}
      title={record ? t('admin.agreements.editTitle') : t('admin.agreements.createTitle')}
      submitLabel={t('admin.common.save')}
      onSubmit={() => form.submit()}
      state={recordForm.state}
      onReload={() => void reload()}
      submitTestId="agreement-form-submit"
      width={640}
    >
      <Form<Values>
        name="agreement-form-drawer"
        form={form}
        layout="vertical"
        disabled={saving}
        onFinish={(v) => void save(v)}
      >
        <Row gutter={12}>
          <Col xs={24} md={12}>
            <Form.Item name="type" label={t('admin.agreements.fields.type')} rules={[{ required: true }]}>
              <Select
                options={agreementTypeSchema.options.map((v) => ({
                  value: v,
                  label: t(`admin.agreements.types.${v}`),
                }))}
              />
            </Form.Item>
          </Col>
          <Col xs={24} md={12}>
            <Form.Item name="code" label={t('admin.agreements.fields.code')}>
              <Input />
            </Form.Item>
          </Col>
        </Row>
        <Form.Item
          name="titleZh"
          label={t('admin.agreements.fields.titleZh')}
          rules={[{ required: true, whitespace: true, message: t('validation.required') }]}
        >
          <Input lang="zh-CN" data-testid="agreement-form-title-zh" />
        </Form.Item>
        <Form.Item name="titleEn" label={t('admin.agreements.fields.titleEn')}>
          <Input lang="en" />
        </Form.Item>
        <Row gutter={12}>
          <Col xs={24} md={8}>
            <Form.Item name="signedOn" label={t('admin.agreements.fields.signedOn')}>
              <DatePicker style={{ width: '100%' }} />
            </Form.Item>
          </Col>
          <Col xs={24} md={8}>
            <Form.Item name="validFrom" label={t('admin.agreements.fields.validFrom')}>
              <DatePicker style={{ width: '100%' }} />
            </Form.Item>
          </Col>
          <Col xs={24} md={8}>
            <Form.Item name="validTo" label={t('admin.agreements.fields.validTo')}>
              <DatePicker style={{ width: '100%' }} />
            </Form.Item>
          </Col>
        </Row>
        <Form.Item name="autoRenew" valuePropName="checked">
          <Checkbox>{t('admin.agreements.autoRenew')}</Checkbox>
        </Form.Item>
        <Form.Item name="ownerOrgUnitId" label={t('admin.agreements.fields.ownerOrgUnit')}>
          <RecordPicker source="org-units" />
        </Form.Item>
        <fieldset style={{ border: 0, padding: 0, margin: 0 }}>
          <legend style={{ fontSize: 14, fontWeight: 600 }}>{t('admin.agreements.parties')}</legend>
          <Form.List name="parties">
            {(rows, { add, remove }) => (
              <>
                {rows.map((row) => (
                  <Space key={row.key} align="start" wrap style={{ display: 'flex' }}>
                    <Form.Item name={[row.name, 'role']}>
                      <Select
                        aria-label={t('admin.agreements.fields.partyRole')}
                        style={{ width: 130 }}
                        options={partyRoles.map((r) => ({
                          value: r,
                          label: t(`admin.agreements.partyRoles.${r}`),
                        }))}
                      />
                    </Form.Item>
                    <Form.Item name={[row.name, 'organizationId']}>
                      <RecordPicker
                        source="organizations"
                        aria-label={t('admin.agreements.fields.party')}
                        placeholder={t('admin.records.ourCollege')}
                        style={{ width: 220 }}
                      />
                    </Form.Item>
                    <Form.Item name={[row.name, 'signatoryPersonId']}>
                      <RecordPicker
                        source="people"
                        aria-label={t('admin.agreements.fields.signatory')}
                        placeholder={t('admin.agreements.fields.signatory')}
                        style={{ width: 160 }}
                      />
                    </Form.Item>
                    <Button onClick={() => remove(row.name)}>{t('admin.records.remove')}</Button>
                  </Space>
                ))}
                <Button type="dashed" onClick={() => add({ role: 'party_c', organizationId: undefined })}>
                  {t('admin.agreements.addParty')}
                </Button>
              </>
            )}
          </Form.List>
        </fieldset>
        <Form.Item name="notes" label={t('admin.agreements.fields.notes')} style={{ marginTop: 16 }}>
          <Input.TextArea autoSize={{ minRows: 2, maxRows: 6 }} />
        </Form.Item>
      </Form>
    </RecordDrawer>
  );
}
