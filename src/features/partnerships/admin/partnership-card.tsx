import { useQuery, useQueryClient } from '@tanstack/react-query';
import {
  Alert,
  App,
  Button,
  Card,
  Descriptions,
  Empty,
  Form,
  Input,
  Modal,
  Select,
  Skeleton,
  Space,
  Tag,
} from 'antd';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api } from '../../../admin/api.ts';
import { errorMessage, isApiError } from '../../../admin/api-client.ts';
import { displayName } from '../../../admin/display-name.ts';
import { showApiErrorOnForm } from '../../../admin/form-errors.ts';
import { useLanguage } from '../../../admin/language.tsx';
import { useSession } from '../../../admin/session.tsx';
import {
  MajorsSelect,
  OrgUnitSelect,
  useMajors,
  useOrgUnits,
} from '../../org-units/admin/org-unit-select.tsx';
import type { OrganizationOutput } from '../../organizations/organizations.schema.ts';
import {
  dimensions,
  type PartnershipOutput,
  type PutPartnershipInput,
  partnershipStages,
} from '../partnerships.schema.ts';
import { partnersQueryKey, StageBadge } from './partners.page.tsx';

type Dimension = (typeof dimensions)[number];

interface Values {
  stage: PartnershipOutput['stage'];
  ownerUserId?: string;
  leadOrgUnitId?: string;
  dimensions: string[];
  majorIds: string[];
  since: string;
}
const fieldNames = ['stage', 'ownerUserId', 'leadOrgUnitId', 'dimensions', 'majorIds', 'since'] as const;

/** Picks the owner among the college's users (only administrators can list users). */
function OwnerSelect({
  id,
  value,
  onChange,
}: {
  id?: string;
  value?: string;
  onChange?: (value: string | undefined) => void;
}) {
  const { t } = useTranslation();
  const [q, setQ] = useState('');
  const users = useQuery({
    queryKey: ['users', 'pick', q],
    queryFn: () => api('GET /api/users', { query: { q: q.trim(), pageSize: 50 } }),
    staleTime: 30_000,
  });
  return (
    <Select<string | undefined>
      id={id}
      value={value}
      onChange={(next) => onChange?.(next ?? undefined)}
      allowClear
      showSearch={{ filterOption: false, onSearch: setQ }}
      placeholder={t('admin.partnership.pickOwner')}
      loading={users.isFetching}
      options={(users.data?.items ?? []).map((user) => ({
        value: user.id,
        label: `${user.name} (${user.email})`,
      }))}
    />
  );
}

/** The owner's name, where the admin may look users up; otherwise only whether one is assigned. */
function OwnerName({ id }: { id: string | null }) {
  const { t } = useTranslation();
  const session = useSession();
  const canLook = session.can('users.manage') && id !== null;
  const user = useQuery({
    queryKey: ['users', 'one', id],
    queryFn: () => api('GET /api/users/:id', { params: { id: id ?? '' } }),
    enabled: canLook,
    staleTime: 60_000,
  });
  if (!id) return <>—</>;
  if (id === session.user.id) return <>{session.user.name}</>;
  return <>{user.data?.name ?? t('admin.partnership.ownerAssigned')}</>;
}

/** The partnership with this partner: stage, owner, lead department, dimensions, majors, since. */
export function PartnershipCard({
  organization,
  canWrite,
}: {
  organization: OrganizationOutput;
  canWrite: boolean;
}) {
  const { t } = useTranslation();
  const { locale } = useLanguage();
  const session = useSession();
  const { message } = App.useApp();
  const queryClient = useQueryClient();
  const [form] = Form.useForm<Values>();
  const [editing, setEditing] = useState(false);
  const [problems, setProblems] = useState<string[]>([]);
  const [saving, setSaving] = useState(false);
  const key = [...partnersQueryKey, 'partnership', organization.id];
  const partnership = useQuery({
    queryKey: key,
    // A partner without a partnership record yet answers 404; that is an empty card, not an error.
    queryFn: () =>
      api('GET /api/organizations/:id/partnership', { params: { id: organization.id } }).catch(
        (error: unknown) => {
          if (isApiError(error, 'not_found')) return null;
          throw error;
        },
      ),
  });
  const units = useOrgUnits();
  const majors = useMajors();
  const canPickOwner = session.can('users.manage');
  const data = partnership.data;

  useEffect(() => {
    if (!editing) return;
    setProblems([]);
    form.resetFields();
    form.setFieldsValue({
      stage: data?.stage ?? 'prospect',
      ownerUserId: data?.ownerUserId ?? undefined,
      leadOrgUnitId: data?.leadOrgUnitId ?? undefined,
      dimensions: data?.dimensions ?? [],
      majorIds: data?.majorIds ?? [],
      since: data?.since ?? organization.since ?? '',
    });
  }, [editing, data, organization.since, form]);

  const save = async (values: Values) => {
    setProblems([]);
    setSaving(true);
    const body: PutPartnershipInput = {
      ...(data?.version ? { version: data.version } : {}),
      stage: values.stage,
      ownerUserId: values.ownerUserId ?? data?.ownerUserId ?? null,
      leadOrgUnitId: values.leadOrgUnitId ?? null,
      dimensions: values.dimensions as Dimension[],
      majorIds: values.majorIds,
      since: values.since?.trim() ? values.since.trim() : null,
    };
    try {
      const saved = await api('PUT /api/organizations/:id/partnership', {
        params: { id: organization.id },
        body,
      });
      queryClient.setQueryData(key, saved);
      void queryClient.invalidateQueries({ queryKey: partnersQueryKey });
      void message.success(t('admin.partnership.saved'));
      setEditing(false);
    } catch (error) {
      if (isApiError(error, 'conflict')) {
        setProblems([error.message]);
        void partnership.refetch();
      } else setProblems(showApiErrorOnForm(form, error, fieldNames));
    } finally {
      setSaving(false);
    }
  };

  const unitName = (id: string | null | undefined) => {
    const unit = id ? units.data?.items.find((u) => u.id === id) : undefined;
    return unit ? displayName(unit, locale) : '—';
  };
  const majorNames = (ids: readonly string[]) =>
    ids
      .map((id) => majors.data?.items.find((m) => m.id === id))
      .filter((m) => m !== undefined)
      .map((m) => displayName(m, locale));

  return (
    <Card
      title={<h2 className="concord-card-title">{t('admin.partnership.title')}</h2>}
      extra={
        canWrite &&
        partnership.isSuccess && (
          <Button size="small" onClick={() => setEditing(true)} data-testid="partnership-edit">
            {data ? t('admin.registry.edit') : t('admin.partnership.setUp')}
          </Button>
        )
      }
      data-testid="partnership-card"
    >
      {partnership.isPending && <Skeleton active paragraph={{ rows: 3 }} />}
      {partnership.isError && (
        <Alert
          type="error"
          showIcon
          title={t('admin.common.loadFailed')}
          description={errorMessage(partnership.error)}
          action={<Button onClick={() => void partnership.refetch()}>{t('admin.common.retry')}</Button>}
        />
      )}
      {partnership.isSuccess && !data && (
        <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('admin.partnership.none')} />
      )}
      {data && (
        <Descriptions
          column={{ xs: 1, sm: 1, md: 2 }}
          size="small"
          items={[
            {
              key: 'stage',
              label: t('admin.partnership.fields.stage'),
              children: <StageBadge stage={data.stage} />,
            },
            {
              key: 'since',
              label: t('admin.partnership.fields.since'),
              children: data.since ?? organization.since ?? '—',
            },
            {
              key: 'owner',
              label: t('admin.partnership.fields.owner'),
              children: <OwnerName id={data.ownerUserId} />,
            },
            {
              key: 'lead',
              label: t('admin.partnership.fields.leadOrgUnit'),
              children: unitName(data.leadOrgUnitId),
            },
            {
              key: 'dimensions',
              label: t('admin.partnership.fields.dimensions'),
              span: 'filled',
              children:
                data.dimensions.length === 0 ? (
                  '—'
                ) : (
                  <Space size={[4, 4]} wrap>
                    {data.dimensions.map((code) => (
                      <Tag key={code}>{t(`admin.dimensions.${code as Dimension}`)}</Tag>
                    ))}
                  </Space>
                ),
            },
            {
              key: 'majors',
              label: t('admin.partnership.fields.majors'),
              span: 'filled',
              children: majorNames(data.majorIds).join('、') || '—',
            },
          ]}
        />
      )}
      <Modal
        open={editing}
        onCancel={() => setEditing(false)}
        title={t('admin.partnership.editTitle')}
        okText={t('admin.common.save')}
        cancelText={t('admin.common.cancel')}
        confirmLoading={saving}
        onOk={() => form.submit()}
        okButtonProps={{ 'data-testid': 'partnership-submit' } as never}
        width={600}
        forceRender
      >
        {problems.length > 0 && (
          <Alert type="error" showIcon role="alert" title={problems[0]} style={{ marginBottom: 16 }} />
        )}
        <Form<Values>
          name="partnership-card"
          form={form}
          layout="vertical"
          onFinish={(values) => void save(values)}
          disabled={saving}
        >
          <Form.Item name="stage" label={t('admin.partnership.fields.stage')} rules={[{ required: true }]}>
            <Select
              data-testid="partnership-stage"
              options={partnershipStages.map((stage) => ({
                value: stage,
                label: t(`admin.partners.stages.${stage}`),
              }))}
            />
          </Form.Item>
          {canPickOwner && (
            <Form.Item name="ownerUserId" label={t('admin.partnership.fields.owner')}>
              <OwnerSelect />
            </Form.Item>
          )}
          <Form.Item name="leadOrgUnitId" label={t('admin.partnership.fields.leadOrgUnit')}>
            <OrgUnitSelect />
          </Form.Item>
          <Form.Item name="dimensions" label={t('admin.partnership.fields.dimensions')}>
            <Select
              mode="multiple"
              showSearch={{ optionFilterProp: 'label' }}
              options={dimensions.map((code) => ({ value: code, label: t(`admin.dimensions.${code}`) }))}
            />
          </Form.Item>
          <Form.Item name="majorIds" label={t('admin.partnership.fields.majors')}>
            <MajorsSelect />
          </Form.Item>
          <Form.Item
            name="since"
            label={t('admin.partnership.fields.since')}
            extra={t('admin.partners.sinceHelp')}
            rules={[
              { pattern: /^(19|20)\d{2}(-(0[1-9]|1[0-2]))?$/, message: t('admin.partners.sinceFormat') },
            ]}
          >
            <Input autoComplete="off" maxLength={7} style={{ width: 160 }} />
          </Form.Item>
        </Form>
      </Modal>
    </Card>
  );
}
