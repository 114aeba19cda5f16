import { useQuery, useQueryClient } from '@tanstack/react-query';
import { Alert, App, Form, Typography } from 'antd';
import dayjs from 'dayjs';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate, useParams } from 'react-router';
import { api } from '../../../admin/api.ts';
import { errorMessage, isApiError } from '../../../admin/api-client.ts';
import { useLanguage } from '../../../admin/language.tsx';
import NotFoundPage from '../../../admin/not-found.page.tsx';
import { RecordFormAlerts, useRecordForm } from '../../../admin/record-form.tsx';
import { type NamedRecord, nameOf } from '../../../admin/record-picker.tsx';
import { PageSpinner, useSession } from '../../../admin/session.tsx';
import type { EngagementOutput } from '../engagements.schema.ts';
import { EngagementFormBasics } from './engagement-form-basics.tsx';
import { EngagementFormContent } from './engagement-form-content.tsx';
import { NewPersonModal } from './engagement-form-new-person.tsx';
import { EngagementFormOrganizations, EngagementFormParticipants } from './engagement-form-participants.tsx';
import { EngagementFormSubmitBar } from './engagement-form-submit-bar.tsx';
import { fieldNames, toInput, toValues, type Values } from './engagement-form-values.ts';
import { engagementsQueryKey } from './engagements.page.tsx';

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
        <EngagementFormBasics />
        <EngagementFormOrganizations known={knownOrgs} />
        <EngagementFormParticipants form={form} known={knownParticipants} onNewPerson={setNewPersonFor} />
        <EngagementFormContent />
        <EngagementFormSubmitBar
          editing={record !== null}
          saving={saving}
          onCancel={() => void navigate(record ? `/engagements/${record.id}` : '/engagements')}
        />
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
