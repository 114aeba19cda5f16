import { Button, Card, Form, type FormInstance, Input, Select, Space } from 'antd';
import dayjs from 'dayjs';
import { useTranslation } from 'react-i18next';
import { api } from '../../../admin/api.ts';
import { type NamedRecord, RecordPicker } from '../../../admin/record-picker.tsx';
import {
  organizationRoleSchema,
  participantRoleSchema,
  participantSideSchema,
} from '../engagements.schema.ts';
import type { Values } from './engagement-form-values.ts';

const organizationRoles = organizationRoleSchema.options;
const participantRoles = participantRoleSchema.options;
const participantSides = participantSideSchema.options;

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

/** The organizations that took part, each with its role (guest, host, partner…). */
export function EngagementFormOrganizations({ known }: { known: readonly Partial<NamedRecord>[] }) {
  const { t } = useTranslation();
  return (
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
                    known={known}
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
  );
}

/** The people who took part: who, which side, what role, and their title that day (pre-filled from today's). */
export function EngagementFormParticipants({
  form,
  known,
  onNewPerson,
}: {
  form: FormInstance<Values>;
  known: readonly Partial<NamedRecord>[];
  /** Opens the new-person dialog for the participant row at this index. */
  onNewPerson: (index: number) => void;
}) {
  const { t } = useTranslation();
  return (
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
                      known={known}
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
                  <Button type="link" onClick={() => onNewPerson(index)} data-testid="participant-new-person">
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
  );
}
