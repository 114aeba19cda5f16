import { AutoComplete, Form, Input, Select, Space } from 'antd';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api } from '../../../admin/api.ts';
import type { AdminLocale } from '../../../admin/i18n.ts';
import { useLanguage } from '../../../admin/language.tsx';
import { RecordDrawer, useRecordForm } from '../../../admin/record-form.tsx';
import type {
  CreateOrganizationInput,
  OrganizationOutput,
  UpdateOrganizationInput,
} from '../../organizations/organizations.schema.ts';
import {
  industries,
  industryLabel,
  organizationKinds,
  regionLabel,
  regions,
} from '../../organizations/organizations.values.ts';

/** Flags the registry knows by name; others can be typed in. */
export const knownFlags = ['industry_education_enterprise', 'fortune500'] as const;

interface Values {
  nameZh: string;
  nameEn: string;
  kind: OrganizationOutput['kind'];
  uscc: string;
  industry: string;
  region: string;
  flags: string[];
  tags: string[];
  since: string;
  aliases: string[];
  website: string;
  description: string;
}
const fieldNames = [
  'nameZh',
  'nameEn',
  'kind',
  'uscc',
  'industry',
  'region',
  'flags',
  'tags',
  'since',
  'aliases',
  'website',
  'description',
] as const;

const orNull = (value: string | undefined) => (value?.trim() ? value.trim() : null);

function valuesOf(org: OrganizationOutput | null, locale: AdminLocale): Values {
  return {
    nameZh: org?.nameZh ?? '',
    nameEn: org?.nameEn ?? '',
    kind: org?.kind ?? 'enterprise',
    uscc: org?.uscc ?? '',
    industry: org?.industry ?? '',
    region: org?.region ? regionLabel(org.region, locale) : '',
    flags: org?.flags ?? [],
    tags: org?.tags ?? [],
    since: org?.since ?? '',
    aliases: org?.aliases ?? [],
    website: org?.website ?? '',
    description: org?.description ?? '',
  };
}

/** Adds a partner (no `organization`) or edits its profile. */
export function PartnerFormDrawer({
  open,
  organization,
  onClose,
  onSaved,
}: {
  open: boolean;
  organization: OrganizationOutput | null;
  onClose: () => void;
  onSaved: (organization: OrganizationOutput) => void;
}) {
  const { t } = useTranslation();
  const { locale } = useLanguage();
  const [form] = Form.useForm<Values>();
  const [record, setRecord] = useState<OrganizationOutput | null>(organization);
  const recordForm = useRecordForm(form, fieldNames);
  const { clear, saving } = recordForm;
  const editing = organization !== null;

  useEffect(() => {
    if (!open) return;
    setRecord(organization);
    clear();
    form.resetFields();
    form.setFieldsValue(valuesOf(organization, locale));
  }, [open, organization, form, locale, clear]);

  const reload = () =>
    recordForm.reload(async () => {
      if (!record) return;
      const latest = await api('GET /api/organizations/:id', { params: { id: record.id } });
      setRecord(latest);
      form.setFieldsValue(valuesOf(latest, locale));
    });

  const save = (values: Values) => {
    const fields = {
      kind: values.kind,
      nameZh: values.nameZh,
      nameEn: values.nameEn ?? '',
      uscc: orNull(values.uscc),
      industry: orNull(values.industry),
      region: orNull(values.region),
      flags: values.flags ?? [],
      tags: values.tags ?? [],
      since: orNull(values.since),
      aliases: values.aliases ?? [],
      website: orNull(values.website),
      description: orNull(values.description),
    };
    return recordForm.submit(async () => {
      if (record) {
        const body: UpdateOrganizationInput = { version: record.version, ...fields };
        onSaved(await api('PATCH /api/organizations/:id', { params: { id: record.id }, body }));
      } else {
        const body: CreateOrganizationInput = fields;
        onSaved(await api('POST /api/organizations', { body }));
      }
    });
  };

  const flagOptions = knownFlags.map((flag) => ({ value: flag, label: t(`admin.partners.flags.${flag}`) }));

  return (
    <RecordDrawer
      open={open}
      onClose={onClose}
      title={editing ? t('admin.partners.editTitle') : t('admin.partners.createTitle')}
      submitLabel={editing ? t('admin.common.save') : t('admin.partners.createSubmit')}
      onSubmit={() => form.submit()}
      state={recordForm.state}
      onReload={() => void reload()}
      submitTestId="partner-form-submit"
    >
      <Form<Values>
        name="partner-form-drawer"
        form={form}
        layout="vertical"
        onFinish={(values) => void save(values)}
        disabled={saving}
      >
        <Form.Item
          name="nameZh"
          label={t('admin.partners.fields.nameZh')}
          rules={[
            { required: true, whitespace: true, message: t('validation.required') },
            { max: 200, message: t('validation.too_long', { max: 200 }) },
          ]}
        >
          <Input lang="zh-CN" autoComplete="off" data-testid="partner-form-name-zh" />
        </Form.Item>
        <Form.Item
          name="nameEn"
          label={t('admin.partners.fields.nameEn')}
          rules={[{ max: 300, message: t('validation.too_long', { max: 300 }) }]}
        >
          <Input lang="en" autoComplete="off" data-testid="partner-form-name-en" />
        </Form.Item>
        <Form.Item name="kind" label={t('admin.partners.fields.kind')} rules={[{ required: true }]}>
          <Select
            data-testid="partner-form-kind"
            options={organizationKinds.map((kind) => ({
              value: kind,
              label: t(`admin.partners.kinds.${kind}`),
            }))}
          />
        </Form.Item>
        <Form.Item
          name="uscc"
          label={t('admin.partners.fields.uscc')}
          extra={t('admin.partners.usccHelp')}
          rules={[
            {
              pattern: /^\s*[0-9A-HJ-NPQRTUWXYa-hj-npqrtuwxy]{18}\s*$/,
              message: t('admin.partners.usccFormat'),
            },
          ]}
        >
          <Input autoComplete="off" maxLength={20} className="concord-mono" data-testid="partner-form-uscc" />
        </Form.Item>
        <Space.Compact block style={{ gap: 12 }}>
          <Form.Item
            name="industry"
            label={t('admin.partners.fields.industry')}
            extra={t('admin.partners.industryHelp')}
            style={{ flex: 1, minWidth: 0 }}
          >
            <Select
              allowClear
              showSearch={{ optionFilterProp: 'label' }}
              popupMatchSelectWidth={false}
              data-testid="partner-form-industry"
              options={industries.map(([code]) => ({ value: code, label: industryLabel(code, locale) }))}
            />
          </Form.Item>
          <Form.Item name="region" label={t('admin.partners.fields.region')} style={{ flex: 1, minWidth: 0 }}>
            <AutoComplete
              maxLength={60}
              data-testid="partner-form-region"
              options={regions.map(([zh]) => ({ value: regionLabel(zh, locale) }))}
              showSearch={{
                filterOption: (input, option) =>
                  String(option?.value ?? '')
                    .toLowerCase()
                    .includes(input.trim().toLowerCase()),
              }}
            />
          </Form.Item>
        </Space.Compact>
        <Form.Item
          name="since"
          label={t('admin.partners.fields.since')}
          extra={t('admin.partners.sinceHelp')}
          rules={[{ pattern: /^(19|20)\d{2}(-(0[1-9]|1[0-2]))?$/, message: t('admin.partners.sinceFormat') }]}
        >
          <Input autoComplete="off" placeholder="2006-09" maxLength={7} style={{ width: 160 }} />
        </Form.Item>
        <Form.Item name="flags" label={t('admin.partners.fields.flags')}>
          <Select mode="tags" options={flagOptions} tokenSeparators={[',', '，']} />
        </Form.Item>
        <Form.Item name="tags" label={t('admin.partners.fields.tags')} extra={t('admin.partners.listHelp')}>
          <Select mode="tags" open={false} suffixIcon={null} tokenSeparators={[',', '，']} />
        </Form.Item>
        <Form.Item
          name="aliases"
          label={t('admin.partners.fields.aliases')}
          extra={t('admin.partners.listHelp')}
        >
          <Select mode="tags" open={false} suffixIcon={null} tokenSeparators={[',', '，']} />
        </Form.Item>
        <Form.Item
          name="website"
          label={t('admin.partners.fields.website')}
          rules={[{ type: 'url', message: t('admin.partners.websiteFormat') }]}
        >
          <Input type="url" autoComplete="off" placeholder="https://" />
        </Form.Item>
        <Form.Item
          name="description"
          label={t('admin.partners.fields.description')}
          rules={[{ max: 5000, message: t('validation.too_long', { max: 5000 }) }]}
        >
          <Input.TextArea rows={4} />
        </Form.Item>
      </Form>
    </RecordDrawer>
  );
}
