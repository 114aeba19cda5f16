import { useMutation } from '@tanstack/react-query';
import {
  App,
  Button,
  Col,
  Empty,
  Form,
  Input,
  InputNumber,
  Modal,
  Row,
  Select,
  Table,
  Typography,
} from 'antd';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api } from '../../../admin/api.ts';
import { errorMessage } from '../../../admin/api-client.ts';
import { displayNameOf } from '../../../admin/display-name.ts';
import { showApiErrorOnForm } from '../../../admin/form-errors.ts';
import { useLanguage } from '../../../admin/language.tsx';
import { RecordPicker } from '../../../admin/record-picker.tsx';
import { factCodes, type ProgramOutput } from '../programs.schema.ts';
import { useKnownRecords } from './program-form-drawer.tsx';

type FactCode = (typeof factCodes)[number];
type Fact = NonNullable<ProgramOutput['facts']>[number];

/** The unit each fact is counted in (DOMAIN.md: 人, 门, 种, 人天, 天, 万元, 个, 项). */
export const factUnits: Record<
  FactCode,
  'person' | 'course' | 'textbook' | 'personDay' | 'classHour' | 'day' | 'wanYuan' | 'base' | 'competition'
> = {
  order_class_students: 'person',
  co_developed_courses: 'course',
  co_developed_textbooks: 'textbook',
  enterprise_part_time_teachers: 'person',
  interns_hosted: 'person',
  graduates_hired: 'person',
  donated_equipment_value: 'wanYuan',
  tech_service_income: 'wanYuan',
  staff_training_person_days: 'personDay',
  staff_training_hours: 'classHour',
  teacher_practice_days: 'day',
  training_bases: 'base',
  competitions: 'competition',
  fund_amount: 'wanYuan',
  scholarship_recipients: 'person',
};
const isFactCode = (code: string): code is FactCode => (factCodes as readonly string[]).includes(code);

interface Values {
  code: FactCode;
  year: number;
  value: number;
  majorId?: string;
  organizationId?: string;
  personId?: string;
  note?: string;
}

/** The measurable results of a program per year (students, courses, person-days, 万元, ...), with a form to add one. */
export function ProgramFacts({
  program,
  canWrite,
  onChanged,
}: {
  program: ProgramOutput;
  canWrite: boolean;
  onChanged: (program: ProgramOutput) => void;
}) {
  const { t } = useTranslation();
  const { locale } = useLanguage();
  const { message } = App.useApp();
  const [form] = Form.useForm<Values>();
  const [adding, setAdding] = useState(false);
  const [problems, setProblems] = useState<string[]>([]);
  const code = Form.useWatch('code', form);
  const knownMajors = useKnownRecords('majors', program.majorIds);
  const knownOrganizations = useKnownRecords('organizations', program.organizationIds);
  const facts = program.facts ?? [];
  const unitOf = (c: string) => (isFactCode(c) ? t(`admin.programs.units.${factUnits[c]}`) : '');

  useEffect(() => {
    if (!adding) return;
    form.resetFields();
    setProblems([]);
    form.setFieldsValue({
      year: new Date().getFullYear(),
      majorId: program.majorIds.length === 1 ? program.majorIds[0] : undefined,
      organizationId: program.organizationIds.length === 1 ? program.organizationIds[0] : undefined,
    });
  }, [adding, form, program.majorIds, program.organizationIds]);

  const add = useMutation({
    mutationFn: (v: Values) =>
      api('POST /api/programs/:id/facts', {
        params: { id: program.id },
        body: {
          code: v.code,
          year: v.year,
          value: v.value,
          majorId: v.majorId ?? null,
          organizationId: v.organizationId ?? null,
          personId: v.code === 'teacher_practice_days' ? (v.personId ?? null) : null,
          note: v.note?.trim() || null,
        },
      }),
    onSuccess: (p) => {
      onChanged(p);
      setAdding(false);
      void message.success(t('admin.programs.factSaved'));
    },
    onError: (error) => {
      const left = showApiErrorOnForm(form, error, [
        'code',
        'year',
        'value',
        'majorId',
        'organizationId',
        'personId',
        'note',
      ]);
      setProblems(left);
      if (left.length === 0) return;
      void message.error(errorMessage(error));
    },
  });

  return (
    <section aria-labelledby="program-facts" data-testid="program-facts">
      <div className="concord-page-header">
        <Typography.Title level={2} id="program-facts" style={{ fontSize: 18, margin: 0 }}>
          {t('admin.programs.facts')}
        </Typography.Title>
        {canWrite && (
          <Button onClick={() => setAdding(true)} data-testid="fact-add">
            {t('admin.programs.addFact')}
          </Button>
        )}
      </div>
      <Table<Fact>
        rowKey="id"
        size="small"
        pagination={false}
        dataSource={facts}
        scroll={{ x: 'max-content' }}
        locale={{ emptyText: <Empty description={t('admin.programs.noFacts')} /> }}
        columns={[
          {
            key: 'code',
            title: t('admin.programs.fields.factCode'),
            render: (_: unknown, f) =>
              isFactCode(f.code) ? t(`admin.programs.factCodes.${f.code}`) : f.code,
          },
          { key: 'year', dataIndex: 'year', title: t('admin.programs.fields.year') },
          {
            key: 'value',
            title: t('admin.programs.fields.value'),
            align: 'right',
            render: (_: unknown, f) => (
              <span data-testid="fact-value">
                {f.value.toLocaleString()} {unitOf(f.code)}
              </span>
            ),
          },
          {
            key: 'major',
            title: t('admin.programs.fields.major'),
            render: (_: unknown, f) =>
              f.majorId ? displayNameOf(f.majorNameZh, f.majorNameEn, locale) : '—',
          },
          {
            key: 'partner',
            title: t('admin.programs.fields.partner'),
            render: (_: unknown, f) =>
              f.organizationId ? displayNameOf(f.organizationNameZh, f.organizationNameEn, locale) : '—',
          },
          {
            key: 'teacher',
            title: t('admin.programs.fields.teacher'),
            render: (_: unknown, f) =>
              f.personId ? displayNameOf(f.personNameZh, f.personNameEn, locale) : '—',
          },
          {
            key: 'note',
            dataIndex: 'note',
            title: t('admin.programs.fields.note'),
            render: (v: string | null) => v || '—',
          },
        ]}
      />
      <Modal
        open={adding}
        title={t('admin.programs.addFact')}
        onCancel={() => setAdding(false)}
        onOk={() => form.submit()}
        okText={t('admin.common.save')}
        cancelText={t('admin.common.cancel')}
        okButtonProps={{ loading: add.isPending, id: 'fact-modal-submit' }}
        forceRender
      >
        {problems.length > 0 && (
          <Typography.Paragraph type="danger" role="alert">
            {problems.join(' ')}
          </Typography.Paragraph>
        )}
        <Form<Values> name="program-fact-form" form={form} layout="vertical" onFinish={(v) => add.mutate(v)}>
          <Form.Item
            name="code"
            label={t('admin.programs.fields.factCode')}
            rules={[{ required: true, message: t('validation.required') }]}
          >
            <Select
              data-testid="fact-code"
              options={factCodes.map((c) => ({ value: c, label: t(`admin.programs.factCodes.${c}`) }))}
            />
          </Form.Item>
          <Row gutter={12}>
            <Col xs={24} sm={10}>
              <Form.Item
                name="year"
                label={t('admin.programs.fields.year')}
                rules={[{ required: true, message: t('validation.required') }]}
              >
                <InputNumber
                  min={1990}
                  max={2100}
                  precision={0}
                  style={{ width: '100%' }}
                  data-testid="fact-year"
                />
              </Form.Item>
            </Col>
            <Col xs={24} sm={14}>
              <Form.Item
                name="value"
                label={t('admin.programs.fields.value')}
                rules={[{ required: true, message: t('validation.required') }]}
              >
                <InputNumber
                  min={0}
                  style={{ width: '100%' }}
                  suffix={code ? unitOf(code) : undefined}
                  data-testid="fact-value-input"
                />
              </Form.Item>
            </Col>
          </Row>
          <Form.Item name="majorId" label={t('admin.programs.fields.major')}>
            <RecordPicker source="majors" known={knownMajors} />
          </Form.Item>
          <Form.Item name="organizationId" label={t('admin.programs.fields.partner')}>
            <RecordPicker source="organizations" known={knownOrganizations} />
          </Form.Item>
          {code === 'teacher_practice_days' && (
            <Form.Item
              name="personId"
              label={t('admin.programs.fields.teacher')}
              extra={t('admin.programs.teacherHelp')}
            >
              <RecordPicker source="people" />
            </Form.Item>
          )}
          <Form.Item name="note" label={t('admin.programs.fields.note')}>
            <Input />
          </Form.Item>
        </Form>
      </Modal>
    </section>
  );
}
