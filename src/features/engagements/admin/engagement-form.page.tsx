import { useQuery, useQueryClient } from '@tanstack/react-query';
import {
  Alert,
  App,
  Button,
  Card,
  Col,
  DatePicker,
  Form,
  Input,
  InputNumber,
  Modal,
  Row,
  Select,
  Space,
  TimePicker,
  Typography,
} from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate, useParams } from 'react-router';
import { api } from '../../../admin/api.ts';
import { errorMessage, isApiError } from '../../../admin/api-client.ts';
import { showApiErrorOnForm } from '../../../admin/form-errors.ts';
import { useLanguage } from '../../../admin/language.tsx';
import NotFoundPage from '../../../admin/not-found.page.tsx';
import { RecordFormAlerts, useRecordForm } from '../../../admin/record-form.tsx';
import { type NamedRecord, nameOf, RecordPicker } from '../../../admin/record-picker.tsx';
import { PageSpinner, useSession } from '../../../admin/session.tsx';
import type { PersonOutput } from '../../people/people.schema.ts';
import {
  type EngagementInput,
  type EngagementOutput,
  engagementTypeSchema,
  organizationRoleSchema,
  outcomeKindSchema,
  participantRoleSchema,
  participantSideSchema,
} from '../engagements.schema.ts';
import { engagementsQueryKey } from './engagements.page.tsx';

const engagementTypes = engagementTypeSchema.options;
const organizationRoles = organizationRoleSchema.options;
const outcomeKinds = outcomeKindSchema.options;
const participantRoles = participantRoleSchema.options;
const participantSides = participantSideSchema.options;
type Lists = Required<Pick<EngagementInput, 'organizations' | 'participants' | 'outcomes'>>;

interface Values {
  type: EngagementOutput['type'];
  titleZh: string;
  titleEn?: string;
  startsOn: Dayjs;
  startsAt?: Dayjs | null;
  endsOn?: Dayjs | null;
  location?: string;
  locationEn?: string;
  hostOrgUnitId?: string;
  purpose?: string;
  purposeEn?: string;
  summary?: string;
  summaryEn?: string;
  delegationSize?: number | null;
  topics: string[];
  topicsEn: string[];
  facilityIds: string[];
  organizations: Lists['organizations'];
  participants: Lists['participants'];
  outcomes: Lists['outcomes'];
}
const fieldNames = [
  'type',
  'titleZh',
  'titleEn',
  'startsOn',
  'startsAt',
  'endsOn',
  'location',
  'locationEn',
  'hostOrgUnitId',
  'purpose',
  'purposeEn',
  'summary',
  'summaryEn',
  'delegationSize',
  'topics',
  'topicsEn',
  'facilityIds',
  'organizations',
  'participants',
  'outcomes',
] as const;

/** The title a person holds now (their current primary affiliation), to pre-fill "title at the time". */
async function loadCurrentTitle(
  personId: string,
): Promise<{ titleZh: string; titleEn: string; organizationId: string | null }> {
  const today = dayjs().format('YYYY-MM-DD');
  try {
    const list = (await api('GET /api/people/:id/affiliations', { params: { id: personId } })).items;
    const current = list.filter((a) => !a.toOn || a.toOn >= today);
    const best = current.find((a) => a.isPrimary) ?? current[0];
    return {
      titleZh: best?.titleZh ?? '',
      titleEn: best?.titleEn ?? '',
      organizationId: best?.organizationId ?? null,
    };
  } catch {
    return { titleZh: '', titleEn: '', organizationId: null };
  }
}

function toValues(e: EngagementOutput): Values {
  return {
    type: e.type,
    titleZh: e.titleZh,
    titleEn: e.titleEn,
    startsOn: dayjs(e.startsOn),
    startsAt: e.startsAt ? dayjs(`2000-01-01T${e.startsAt}`) : null,
    endsOn: e.endsOn ? dayjs(e.endsOn) : null,
    location: e.location ?? '',
    locationEn: e.locationEn ?? '',
    hostOrgUnitId: e.hostOrgUnitId ?? undefined,
    purpose: e.purpose ?? '',
    purposeEn: e.purposeEn ?? '',
    summary: e.summary ?? '',
    summaryEn: e.summaryEn ?? '',
    delegationSize: e.delegationSize,
    topics: e.topics,
    topicsEn: e.topicsEn,
    facilityIds: e.facilityIds,
    organizations: e.organizations.map((o) => ({ organizationId: o.organizationId, role: o.role })),
    participants: e.participants.map((p) => ({
      personId: p.personId,
      organizationId: p.organizationId,
      side: p.side,
      role: p.role,
      titleZh: p.titleZh,
      titleEn: p.titleEn,
    })),
    outcomes: e.outcomes.map((o) => ({ id: o.id, kind: o.kind, text: o.text, textEn: o.textEn ?? '' })),
  };
}

function toInput(v: Values): EngagementInput {
  const blank = (s: string | undefined) => (s?.trim() ? s.trim() : null);
  return {
    type: v.type,
    titleZh: v.titleZh.trim(),
    titleEn: v.titleEn?.trim() ?? '',
    startsOn: v.startsOn.format('YYYY-MM-DD'),
    startsAt: v.startsAt ? v.startsAt.format('HH:mm') : null,
    endsOn: v.endsOn ? v.endsOn.format('YYYY-MM-DD') : null,
    location: blank(v.location),
    locationEn: blank(v.locationEn),
    hostOrgUnitId: v.hostOrgUnitId ?? null,
    purpose: blank(v.purpose),
    purposeEn: blank(v.purposeEn),
    summary: blank(v.summary),
    summaryEn: blank(v.summaryEn),
    delegationSize: v.delegationSize ?? null,
    topics: v.topics ?? [],
    topicsEn: v.topicsEn ?? [],
    facilityIds: v.facilityIds ?? [],
    organizations: (v.organizations ?? []).map((o) => ({ organizationId: o.organizationId, role: o.role })),
    participants: (v.participants ?? []).map((p) => ({
      personId: p.personId,
      organizationId: p.organizationId ?? null,
      side: p.side,
      role: p.role,
      titleZh: blank(p.titleZh ?? undefined),
      titleEn: blank(p.titleEn ?? undefined),
    })),
    outcomes: (v.outcomes ?? []).map((o) => ({
      ...(o.id ? { id: o.id } : {}),
      kind: o.kind,
      text: o.text.trim(),
      textEn: blank(o.textEn ?? undefined),
    })),
  };
}

/** Records a new engagement or edits one: participants with their titles that day, partners, facilities, topics, outcomes. */
export default function EngagementFormPage() {
  const { t } = useTranslation();
  const { id } = useParams();
  const session = useSession();
  const { locale } = useLanguage();
  const navigate = useNavigate();
  const queryClient = useQueryClient();
  const { message } = App.useApp();
  const [form] = Form.useForm<Values>();
  const [record, setRecord] = useState<EngagementOutput | null>(null);
  const recordForm = useRecordForm(form, fieldNames);
  const { saving } = recordForm;
  const [newPersonFor, setNewPersonFor] = useState<number | null>(null);
  const [knownPeople, setKnownPeople] = useState<Partial<NamedRecord>[]>([]);

  const existing = useQuery({
    queryKey: [...engagementsQueryKey, 'one', id],
    queryFn: () => api('GET /api/engagements/:id', { params: { id: id ?? '' } }),
    enabled: Boolean(id) && session.can('records.write'),
  });

  useEffect(() => {
    if (existing.data) {
      setRecord(existing.data);
      form.setFieldsValue(toValues(existing.data));
    }
  }, [existing.data, form]);

  if (!session.can('records.write')) return <NotFoundPage />;
  if (id && existing.isPending) return <PageSpinner />;
  if (id && existing.isError) {
    if (isApiError(existing.error, 'not_found')) return <NotFoundPage />;
    return (
      <Alert
        type="error"
        showIcon
        title={t('admin.common.loadFailed')}
        description={errorMessage(existing.error)}
      />
    );
  }

  const save = (values: Values) =>
    recordForm.submit(async () => {
      const input = toInput(values);
      const saved = record
        ? await api('PATCH /api/engagements/:id', {
            params: { id: record.id },
            body: { ...input, version: record.version },
          })
        : await api('POST /api/engagements', { body: input });
      void queryClient.invalidateQueries({ queryKey: engagementsQueryKey });
      void message.success(t(record ? 'admin.engagements.saved' : 'admin.engagements.created'));
      void navigate(`/engagements/${saved.id}`);
    });

  const reload = () =>
    recordForm.reload(async () => {
      if (!record) return;
      const latest = await existing.refetch();
      if (latest.data) {
        setRecord(latest.data);
        form.setFieldsValue(toValues(latest.data));
      }
    });

  const knownParticipants = [
    ...knownPeople,
    ...(record?.participants ?? []).map((p) => ({ id: p.personId, nameZh: p.nameZh, nameEn: p.nameEn })),
  ];
  const knownOrgs = (record?.organizations ?? []).map((o) => ({
    id: o.organizationId,
    nameZh: o.nameZh,
    nameEn: o.nameEn,
  }));

  return (
    <>
      <div className="concord-page-header">
        <div>
          <Link to={record ? `/engagements/${record.id}` : '/engagements'}>
            {t('admin.engagements.backToList')}
          </Link>
          <Typography.Title level={1} style={{ fontSize: 24, marginTop: 8 }}>
            {record ? t('admin.engagements.editTitle') : t('admin.engagements.createTitle')}
          </Typography.Title>
        </div>
      </div>
      <RecordFormAlerts state={recordForm.state} onReload={() => void reload()} />
      <Form<Values>
        name="engagement-form"
        form={form}
        layout="vertical"
        disabled={saving}
        onFinish={(values) => void save(values)}
        initialValues={{
          type: 'visit_inbound',
          topics: [],
          topicsEn: [],
          facilityIds: [],
          organizations: [],
          participants: [],
          outcomes: [],
          startsOn: dayjs(),
        }}
      >
        <Card size="small" title={t('admin.engagements.sectionBasics')} style={{ marginBottom: 16 }}>
          <Row gutter={16}>
            <Col xs={24} md={8}>
              <Form.Item name="type" label={t('admin.engagements.fields.type')} rules={[{ required: true }]}>
                <Select
                  data-testid="engagement-form-type"
                  options={engagementTypes.map((type) => ({
                    value: type,
                    label: t(`admin.engagements.types.${type}`),
                  }))}
                />
              </Form.Item>
            </Col>
            <Col xs={24} md={8}>
              <Form.Item
                name="startsOn"
                label={t('admin.engagements.fields.startsOn')}
                rules={[{ required: true, message: t('validation.required') }]}
              >
                <DatePicker style={{ width: '100%' }} data-testid="engagement-form-date" />
              </Form.Item>
            </Col>
            <Col xs={12} md={4}>
              <Form.Item name="startsAt" label={t('admin.engagements.fields.startsAt')}>
                <TimePicker format="HH:mm" style={{ width: '100%' }} />
              </Form.Item>
            </Col>
            <Col xs={12} md={4}>
              <Form.Item name="endsOn" label={t('admin.engagements.fields.endsOn')}>
                <DatePicker style={{ width: '100%' }} />
              </Form.Item>
            </Col>
            <Col xs={24} md={12}>
              <Form.Item
                name="titleZh"
                label={t('admin.engagements.fields.titleZh')}
                rules={[
                  { required: true, whitespace: true, message: t('validation.required') },
                  { max: 200, message: t('validation.too_long', { max: 200 }) },
                ]}
              >
                <Input lang="zh-CN" data-testid="engagement-form-title-zh" />
              </Form.Item>
            </Col>
            <Col xs={24} md={12}>
              <Form.Item
                name="titleEn"
                label={t('admin.engagements.fields.titleEn')}
                rules={[{ max: 200, message: t('validation.too_long', { max: 200 }) }]}
              >
                <Input lang="en" data-testid="engagement-form-title-en" />
              </Form.Item>
            </Col>
            <Col xs={24} md={12}>
              <Form.Item name="location" label={t('admin.engagements.fields.locationZh')}>
                <Input lang="zh-CN" maxLength={300} data-testid="engagement-form-location" />
              </Form.Item>
            </Col>
            <Col xs={24} md={12}>
              <Form.Item name="locationEn" label={t('admin.engagements.fields.locationEn')}>
                <Input lang="en" maxLength={300} data-testid="engagement-form-location-en" />
              </Form.Item>
            </Col>
            <Col xs={24} md={12}>
              <Form.Item name="hostOrgUnitId" label={t('admin.engagements.fields.hostOrgUnit')}>
                <RecordPicker source="org-units" />
              </Form.Item>
            </Col>
            <Col xs={24} md={12}>
              <Form.Item name="delegationSize" label={t('admin.engagements.fields.delegationSize')}>
                <InputNumber min={1} max={10000} style={{ width: '100%' }} />
              </Form.Item>
            </Col>
            <Col xs={24} md={12}>
              <Form.Item name="purpose" label={t('admin.engagements.fields.purposeZh')}>
                <Input.TextArea lang="zh-CN" autoSize={{ minRows: 1, maxRows: 4 }} />
              </Form.Item>
            </Col>
            <Col xs={24} md={12}>
              <Form.Item name="purposeEn" label={t('admin.engagements.fields.purposeEn')}>
                <Input.TextArea
                  lang="en"
                  autoSize={{ minRows: 1, maxRows: 4 }}
                  data-testid="engagement-form-purpose-en"
                />
              </Form.Item>
            </Col>
            <Col xs={24} md={12}>
              <Form.Item name="summary" label={t('admin.engagements.fields.summaryZh')}>
                <Input.TextArea lang="zh-CN" autoSize={{ minRows: 3, maxRows: 12 }} />
              </Form.Item>
            </Col>
            <Col xs={24} md={12}>
              <Form.Item name="summaryEn" label={t('admin.engagements.fields.summaryEn')}>
                <Input.TextArea lang="en" autoSize={{ minRows: 3, maxRows: 12 }} />
              </Form.Item>
            </Col>
          </Row>
        </Card>

        <Card size="small" title={t('admin.engagements.fields.organizations')} style={{ marginBottom: 16 }}>
          <Form.List name="organizations">
            {(rows, { add, remove }) => (
              <>
                {rows.map((row) => (
                  <Space key={row.key} align="start" wrap style={{ display: 'flex' }}>
                    <Form.Item
                      name={[row.name, 'organizationId']}
                      rules={[{ required: true, message: t('validation.required') }]}
                    >
                      <RecordPicker
                        source="organizations"
                        known={knownOrgs}
                        aria-label={t('admin.engagements.fields.organization')}
                        placeholder={t('admin.engagements.fields.organization')}
                        style={{ width: 300, maxWidth: '80vw' }}
                        data-testid="engagement-form-org"
                      />
                    </Form.Item>
                    <Form.Item name={[row.name, 'role']} initialValue="guest">
                      <Select
                        aria-label={t('admin.engagements.fields.orgRole')}
                        style={{ width: 140 }}
                        options={organizationRoles.map((r) => ({
                          value: r,
                          label: t(`admin.engagements.orgRoles.${r}`),
                        }))}
                      />
                    </Form.Item>
                    <Button onClick={() => remove(row.name)}>{t('admin.records.remove')}</Button>
                  </Space>
                ))}
                <Button
                  type="dashed"
                  onClick={() => add({ role: 'guest' })}
                  data-testid="engagement-form-add-org"
                >
                  {t('admin.engagements.addOrganization')}
                </Button>
              </>
            )}
          </Form.List>
        </Card>

        <Card size="small" title={t('admin.engagements.participants')} style={{ marginBottom: 16 }}>
          <Form.List name="participants">
            {(rows, { add, remove }) => (
              <>
                {rows.map((row, index) => (
                  <div key={row.key} className="concord-form-row" data-testid="participant-row">
                    <Space align="start" wrap>
                      <Form.Item
                        name={[row.name, 'personId']}
                        rules={[{ required: true, message: t('validation.required') }]}
                      >
                        <RecordPicker
                          source="people"
                          known={knownParticipants}
                          aria-label={t('admin.engagements.fields.person')}
                          placeholder={t('admin.engagements.fields.person')}
                          style={{ width: 220, maxWidth: '80vw' }}
                          data-testid="participant-person"
                          onPick={(person) => {
                            void loadCurrentTitle(person.id).then((title) => {
                              form.setFieldValue(['participants', row.name, 'titleZh'], title.titleZh);
                              form.setFieldValue(['participants', row.name, 'titleEn'], title.titleEn);
                              form.setFieldValue(
                                ['participants', row.name, 'organizationId'],
                                title.organizationId,
                              );
                              if (person.side === 'ours' || person.side === 'theirs')
                                form.setFieldValue(['participants', row.name, 'side'], person.side);
                            });
                          }}
                        />
                      </Form.Item>
                      <Form.Item name={[row.name, 'organizationId']} hidden>
                        <Input />
                      </Form.Item>
                      <Button
                        type="link"
                        onClick={() => setNewPersonFor(index)}
                        data-testid="participant-new-person"
                      >
                        {t('admin.engagements.newPerson')}
                      </Button>
                      <Form.Item name={[row.name, 'side']} initialValue="theirs">
                        <Select
                          aria-label={t('admin.engagements.fields.side')}
                          style={{ width: 120 }}
                          data-testid="participant-side"
                          options={participantSides.map((s) => ({
                            value: s,
                            label: t(`admin.engagements.sides.${s}`),
                          }))}
                        />
                      </Form.Item>
                      <Form.Item name={[row.name, 'role']} initialValue="attended">
                        <Select
                          aria-label={t('admin.engagements.fields.role')}
                          style={{ width: 140 }}
                          data-testid="participant-role"
                          options={participantRoles.map((r) => ({
                            value: r,
                            label: t(`admin.engagements.roles.${r}`),
                          }))}
                        />
                      </Form.Item>
                      <Form.Item name={[row.name, 'titleZh']}>
                        <Input
                          lang="zh-CN"
                          aria-label={t('admin.engagements.fields.titleAtTheTimeZh')}
                          placeholder={t('admin.engagements.fields.titleAtTheTimeZh')}
                          style={{ width: 240, maxWidth: '80vw' }}
                          data-testid="participant-title-zh"
                        />
                      </Form.Item>
                      <Form.Item name={[row.name, 'titleEn']}>
                        <Input
                          lang="en"
                          aria-label={t('admin.engagements.fields.titleAtTheTimeEn')}
                          placeholder={t('admin.engagements.fields.titleAtTheTimeEn')}
                          style={{ width: 240, maxWidth: '80vw' }}
                        />
                      </Form.Item>
                      <Button onClick={() => remove(row.name)}>{t('admin.records.remove')}</Button>
                    </Space>
                  </div>
                ))}
                <Button
                  type="dashed"
                  onClick={() => add({ side: 'theirs', role: 'attended' })}
                  data-testid="engagement-form-add-participant"
                >
                  {t('admin.engagements.addParticipant')}
                </Button>
              </>
            )}
          </Form.List>
        </Card>

        <Card size="small" title={t('admin.engagements.sectionContent')} style={{ marginBottom: 16 }}>
          <Form.Item name="facilityIds" label={t('admin.engagements.fields.facilities')}>
            <RecordPicker source="facilities" mode="multiple" data-testid="engagement-form-facilities" />
          </Form.Item>
          <Row gutter={16}>
            <Col xs={24} md={12}>
              <Form.Item
                name="topics"
                label={t('admin.engagements.fields.topicsZh')}
                extra={t('admin.engagements.topicsHelp')}
              >
                <Select mode="tags" open={false} suffixIcon={null} data-testid="engagement-form-topics" />
              </Form.Item>
            </Col>
            <Col xs={24} md={12}>
              <Form.Item name="topicsEn" label={t('admin.engagements.fields.topicsEn')}>
                <Select mode="tags" open={false} suffixIcon={null} data-testid="engagement-form-topics-en" />
              </Form.Item>
            </Col>
          </Row>
          <Typography.Title level={3} style={{ fontSize: 15 }}>
            {t('admin.engagements.outcomes')}
          </Typography.Title>
          <Form.List name="outcomes">
            {(rows, { add, remove }) => (
              <>
                {rows.map((row) => (
                  <Space
                    key={row.key}
                    align="start"
                    wrap
                    style={{ display: 'flex' }}
                    data-testid="outcome-row"
                  >
                    <Form.Item name={[row.name, 'kind']} initialValue="consensus">
                      <Select
                        aria-label={t('admin.engagements.fields.outcomeKind')}
                        style={{ width: 150 }}
                        options={outcomeKinds.map((k) => ({
                          value: k,
                          label: t(`admin.engagements.outcomeKinds.${k}`),
                        }))}
                      />
                    </Form.Item>
                    <Form.Item
                      name={[row.name, 'text']}
                      rules={[{ required: true, whitespace: true, message: t('validation.required') }]}
                    >
                      <Input
                        lang="zh-CN"
                        aria-label={t('admin.engagements.fields.outcomeText')}
                        placeholder={t('admin.engagements.fields.outcomeText')}
                        style={{ width: 340, maxWidth: '80vw' }}
                        data-testid="outcome-text"
                      />
                    </Form.Item>
                    <Form.Item name={[row.name, 'textEn']}>
                      <Input
                        lang="en"
                        aria-label={t('admin.engagements.fields.outcomeTextEn')}
                        placeholder={t('admin.engagements.fields.outcomeTextEn')}
                        style={{ width: 340, maxWidth: '80vw' }}
                        data-testid="outcome-text-en"
                      />
                    </Form.Item>
                    <Button onClick={() => remove(row.name)}>{t('admin.records.remove')}</Button>
                  </Space>
                ))}
                <Button
                  type="dashed"
                  onClick={() => add({ kind: 'consensus', text: '', textEn: '' })}
                  data-testid="engagement-form-add-outcome"
                >
                  {t('admin.engagements.addOutcome')}
                </Button>
              </>
            )}
          </Form.List>
        </Card>
        <Space>
          <Button type="primary" htmlType="submit" loading={saving} data-testid="engagement-form-submit">
            {record ? t('admin.common.save') : t('admin.engagements.createSubmit')}
          </Button>
          <Button onClick={() => void navigate(record ? `/engagements/${record.id}` : '/engagements')}>
            {t('admin.common.cancel')}
          </Button>
        </Space>
      </Form>
      <NewPersonModal
        open={newPersonFor !== null}
        onClose={() => setNewPersonFor(null)}
        onCreated={(person) => {
          if (newPersonFor === null) return;
          setKnownPeople((list) => [...list, person]);
          form.setFieldValue(['participants', newPersonFor, 'side'], person.side);
          form.setFieldValue(['participants', newPersonFor, 'organizationId'], person.organizationId);
          form.setFieldValue(['participants', newPersonFor, 'personId'], person.id);
          // Pre-fill the title given in the dialog, but never wipe one typed on the row meanwhile.
          if (person.titleZh) form.setFieldValue(['participants', newPersonFor, 'titleZh'], person.titleZh);
          if (person.titleEn) form.setFieldValue(['participants', newPersonFor, 'titleEn'], person.titleEn);
          setNewPersonFor(null);
          void message.success(t('admin.engagements.personCreated', { name: nameOf(person, locale) }));
        }}
      />
    </>
  );
}

interface PersonValues {
  nameZh: string;
  nameEn?: string;
  side: 'ours' | 'theirs';
  organizationId?: string;
  titleZh?: string;
  titleEn?: string;
}

/** Adds a person to the registry without leaving the engagement form. */
function NewPersonModal({
  open,
  onClose,
  onCreated,
}: {
  open: boolean;
  onClose: () => void;
  onCreated: (
    person: PersonOutput & { titleZh: string; titleEn: string; organizationId: string | null },
  ) => void;
}) {
  const { t } = useTranslation();
  const [form] = Form.useForm<PersonValues>();
  const [problems, setProblems] = useState<string[]>([]);
  const [saving, setSaving] = useState(false);
  useEffect(() => {
    if (open) {
      form.resetFields();
      setProblems([]);
    }
  }, [open, form]);

  const save = async (v: PersonValues) => {
    setSaving(true);
    setProblems([]);
    try {
      const person = await api('POST /api/people', {
        body: { nameZh: v.nameZh.trim(), nameEn: v.nameEn?.trim() ?? '', side: v.side },
      });
      if (v.titleZh?.trim() && v.organizationId) {
        await api('POST /api/people/:id/affiliations', {
          params: { id: person.id },
          body: {
            organizationId: v.organizationId,
            titleZh: v.titleZh.trim(),
            titleEn: v.titleEn?.trim() ?? '',
            isPrimary: true,
          },
        });
      }
      onCreated({
        ...person,
        titleZh: v.titleZh?.trim() ?? '',
        titleEn: v.titleEn?.trim() ?? '',
        organizationId: v.organizationId ?? null,
      });
    } catch (error) {
      setProblems(showApiErrorOnForm(form, error, ['nameZh', 'nameEn', 'side']));
    } finally {
      setSaving(false);
    }
  };

  return (
    <Modal
      open={open}
      title={t('admin.engagements.newPersonTitle')}
      onCancel={onClose}
      onOk={() => form.submit()}
      okText={t('admin.engagements.newPersonSubmit')}
      cancelText={t('admin.common.cancel')}
      confirmLoading={saving}
      okButtonProps={{ id: 'new-person-submit' }}
      forceRender
    >
      {problems.length > 0 && (
        <Alert type="error" showIcon role="alert" title={problems[0]} style={{ marginBottom: 16 }} />
      )}
      <Form<PersonValues>
        name="engagement-form-2"
        form={form}
        layout="vertical"
        initialValues={{ side: 'theirs' }}
        onFinish={(v) => void save(v)}
      >
        <Form.Item
          name="nameZh"
          label={t('admin.engagements.fields.personNameZh')}
          rules={[{ required: true, whitespace: true, message: t('validation.required') }]}
        >
          <Input lang="zh-CN" data-testid="new-person-name-zh" />
        </Form.Item>
        <Form.Item name="nameEn" label={t('admin.engagements.fields.personNameEn')}>
          <Input lang="en" data-testid="new-person-name-en" />
        </Form.Item>
        <Form.Item name="side" label={t('admin.engagements.fields.side')}>
          <Select
            options={participantSides.map((s) => ({ value: s, label: t(`admin.engagements.sides.${s}`) }))}
          />
        </Form.Item>
        <Form.Item name="organizationId" label={t('admin.engagements.fields.organization')}>
          <RecordPicker source="organizations" />
        </Form.Item>
        <Form.Item name="titleZh" label={t('admin.engagements.fields.currentTitleZh')}>
          <Input lang="zh-CN" data-testid="new-person-title-zh" />
        </Form.Item>
        <Form.Item name="titleEn" label={t('admin.engagements.fields.currentTitleEn')}>
          <Input lang="en" />
        </Form.Item>
      </Form>
    </Modal>
  );
}
