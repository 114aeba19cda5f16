import { useQueries, useQuery } from '@tanstack/react-query';
import { Col, DatePicker, Form, Input, Row, Select } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { useCallback, useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api } from '../../../admin/api.ts';
import { useLanguage } from '../../../admin/language.tsx';
import { RecordDrawer, useRecordForm } from '../../../admin/record-form.tsx';
import { loadNamedRecord, type PickerSource, RecordPicker } from '../../../admin/record-picker.tsx';
import type { AgreementOutput } from '../../agreements/agreements.schema.ts';
import {
  type CreateProgramInput,
  type ProgramOutput,
  programDimensions,
  type UpdateProgramInput,
} from '../programs.schema.ts';

interface Values {
  dimension: ProgramOutput['dimension'];
  titleZh: string;
  titleEn?: string;
  organizationIds: string[];
  majorIds: string[];
  leadPersonId?: string;
  leadOrgUnitId?: string;
  agreementId?: string;
  startOn?: Dayjs | null;
  endOn?: Dayjs | null;
  description?: string;
}
const fieldNames = [
  'dimension',
  'titleZh',
  'titleEn',
  'organizationIds',
  'majorIds',
  'leadPersonId',
  'leadOrgUnitId',
  'agreementId',
  'startOn',
  'endOn',
  'description',
];
const day = (v: string | null) => (v ? dayjs(v) : null);
const iso = (v: Dayjs | null | undefined) => (v ? v.format('YYYY-MM-DD') : null);

/** The records behind some ids, loaded (and cached like `RecordName`) so a picker can name them before its list has them. */
export function useKnownRecords(source: PickerSource, ids: readonly (string | null | undefined)[]) {
  const wanted = [...new Set(ids.filter((id): id is string => Boolean(id)))];
  const answers = useQueries({
    queries: wanted.map((id) => ({
      queryKey: ['picker', source, 'one', id],
      queryFn: () => loadNamedRecord(source, id),
      staleTime: 5 * 60_000,
      retry: false,
    })),
  });
  return answers.flatMap((a) => (a.data ? [a.data] : []));
}

/** Picks one agreement by searching titles and codes. */
function AgreementSelect({
  value,
  onChange,
  id,
}: {
  value?: string | null;
  onChange?: (value: string | undefined) => void;
  id?: string;
}) {
  const { t } = useTranslation();
  const { locale } = useLanguage();
  const [q, setQ] = useState('');
  const found = useQuery({
    queryKey: ['agreements', 'pick', q],
    queryFn: () => api('GET /api/agreements', { query: { q: q.trim(), pageSize: 50 } }),
    staleTime: 30_000,
  });
  const chosen = useQuery({
    queryKey: ['agreements', 'one', value],
    queryFn: () => api('GET /api/agreements/:id', { params: { id: value ?? '' } }),
    enabled: Boolean(value) && !found.data?.items.some((a) => a.id === value),
  });
  const label = (a: AgreementOutput) => {
    const title = locale === 'en' ? a.titleEn || a.titleZh : a.titleZh || a.titleEn;
    return a.code ? `${title} (${a.code})` : title;
  };
  const options = [...(found.data?.items ?? []), ...(chosen.data ? [chosen.data] : [])]
    .filter((a, index, all) => all.findIndex((o) => o.id === a.id) === index)
    .map((a) => ({ value: a.id, label: label(a) }));
  return (
    <Select<string | undefined>
      id={id}
      value={value ?? undefined}
      onChange={(next) => onChange?.(next ?? undefined)}
      showSearch={{ filterOption: false, onSearch: setQ }}
      allowClear
      placeholder={t('admin.programs.pickAgreement')}
      loading={found.isFetching}
      notFoundContent={t('admin.records.noMatch')}
      options={options}
    />
  );
}

/** Creates a program or edits one: dimension, titles, partners, majors, lead, agreement, dates, description. */
export function ProgramFormDrawer({
  open,
  program,
  onClose,
  onSaved,
}: {
  open: boolean;
  program: ProgramOutput | null;
  onClose: () => void;
  onSaved: (program: ProgramOutput, created: boolean) => void;
}) {
  const { t } = useTranslation();
  const [form] = Form.useForm<Values>();
  const recordForm = useRecordForm(form, fieldNames);
  const { clear, saving } = recordForm;
  const [record, setRecord] = useState(program);
  const knownOrganizations = useKnownRecords('organizations', record?.organizationIds ?? []);
  const knownMajors = useKnownRecords('majors', record?.majorIds ?? []);
  const knownPeople = useKnownRecords('people', [record?.leadPersonId]);
  const knownUnits = useKnownRecords('org-units', [record?.leadOrgUnitId]);

  const fill = useCallback(
    (p: ProgramOutput | null) => {
      form.resetFields();
      form.setFieldsValue(
        p
          ? {
              dimension: p.dimension,
              titleZh: p.titleZh,
              titleEn: p.titleEn,
              organizationIds: p.organizationIds,
              majorIds: p.majorIds,
              leadPersonId: p.leadPersonId ?? undefined,
              leadOrgUnitId: p.leadOrgUnitId ?? undefined,
              agreementId: p.agreementId ?? undefined,
              startOn: day(p.startOn),
              endOn: day(p.endOn),
              description: p.description ?? '',
            }
          : { organizationIds: [], majorIds: [] },
      );
    },
    [form],
  );

  useEffect(() => {
    if (!open) return;
    setRecord(program);
    clear();
    fill(program);
  }, [open, program, fill, clear]);

  const save = async (v: Values) => {
    const body = {
      dimension: v.dimension as CreateProgramInput['dimension'],
      titleZh: v.titleZh.trim(),
      titleEn: v.titleEn?.trim() ?? '',
      organizationIds: v.organizationIds ?? [],
      majorIds: v.majorIds ?? [],
      leadPersonId: v.leadPersonId ?? null,
      leadOrgUnitId: v.leadOrgUnitId ?? null,
      agreementId: v.agreementId ?? null,
      startOn: iso(v.startOn),
      endOn: iso(v.endOn),
      description: v.description?.trim() || null,
    };
    await recordForm.submit(async () => {
      if (record) {
        const input: UpdateProgramInput = { ...body, version: record.version };
        onSaved(await api('PATCH /api/programs/:id', { params: { id: record.id }, body: input }), false);
      } else {
        const input: CreateProgramInput = body;
        onSaved(await api('POST /api/programs', { body: input }), true);
      }
    });
  };

  const reload = () =>
    recordForm.reload(async () => {
      if (!record) return;
      const latest = await api('GET /api/programs/:id', { params: { id: record.id } });
      setRecord(latest);
      fill(latest);
    });

  return (
    <RecordDrawer
      open={open}
      onClose={onClose}
      title={record ? t('admin.programs.editTitle') : t('admin.programs.createTitle')}
      submitLabel={t('admin.common.save')}
      onSubmit={() => form.submit()}
      state={recordForm.state}
      onReload={() => void reload()}
      submitTestId="program-form-submit"
      width={640}
    >
      <Form<Values>
        name="program-form-drawer"
        form={form}
        layout="vertical"
        disabled={saving}
        onFinish={(v) => void save(v)}
      >
        <Form.Item
          name="dimension"
          label={t('admin.programs.fields.dimension')}
          rules={[{ required: true, message: t('validation.required') }]}
        >
          <Select
            data-testid="program-form-dimension"
            options={programDimensions.map((v) => ({ value: v, label: t(`admin.programs.dimensions.${v}`) }))}
          />
        </Form.Item>
        <Form.Item
          name="titleZh"
          label={t('admin.programs.fields.titleZh')}
          rules={[{ required: true, whitespace: true, message: t('validation.required') }]}
        >
          <Input lang="zh-CN" data-testid="program-form-title-zh" />
        </Form.Item>
        <Form.Item name="titleEn" label={t('admin.programs.fields.titleEn')}>
          <Input lang="en" data-testid="program-form-title-en" />
        </Form.Item>
        <Form.Item name="organizationIds" label={t('admin.programs.fields.organizations')}>
          <RecordPicker source="organizations" mode="multiple" known={knownOrganizations} />
        </Form.Item>
        <Form.Item name="majorIds" label={t('admin.programs.fields.majors')}>
          <RecordPicker source="majors" mode="multiple" known={knownMajors} />
        </Form.Item>
        <Row gutter={12}>
          <Col xs={24} md={12}>
            <Form.Item name="leadPersonId" label={t('admin.programs.fields.leadPerson')}>
              <RecordPicker source="people" known={knownPeople} />
            </Form.Item>
          </Col>
          <Col xs={24} md={12}>
            <Form.Item name="leadOrgUnitId" label={t('admin.programs.fields.leadOrgUnit')}>
              <RecordPicker source="org-units" known={knownUnits} />
            </Form.Item>
          </Col>
        </Row>
        <Form.Item name="agreementId" label={t('admin.programs.fields.agreement')}>
          <AgreementSelect />
        </Form.Item>
        <Row gutter={12}>
          <Col xs={24} md={12}>
            <Form.Item name="startOn" label={t('admin.programs.fields.startOn')}>
              <DatePicker style={{ width: '100%' }} />
            </Form.Item>
          </Col>
          <Col xs={24} md={12}>
            <Form.Item
              name="endOn"
              label={t('admin.programs.fields.endOn')}
              dependencies={['startOn']}
              rules={[
                ({ getFieldValue }) => ({
                  validator: (_, value: Dayjs | null | undefined) => {
                    const start = getFieldValue('startOn') as Dayjs | null | undefined;
                    return !value || !start || !value.isBefore(start, 'day')
                      ? Promise.resolve()
                      : Promise.reject(new Error(t('admin.programs.endBeforeStart')));
                  },
                }),
              ]}
            >
              <DatePicker style={{ width: '100%' }} />
            </Form.Item>
          </Col>
        </Row>
        <Form.Item name="description" label={t('admin.programs.fields.description')}>
          <Input.TextArea autoSize={{ minRows: 3, maxRows: 8 }} />
        </Form.Item>
      </Form>
    </RecordDrawer>
  );
}
