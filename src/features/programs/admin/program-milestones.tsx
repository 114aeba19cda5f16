import { useMutation } from '@tanstack/react-query';
import {
  App,
  Button,
  DatePicker,
  Empty,
  Form,
  Input,
  Modal,
  Popconfirm,
  Space,
  Table,
  Tag,
  Typography,
} from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { type HTMLAttributes, useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api } from '../../../admin/api.ts';
import { errorMessage, isApiError } from '../../../admin/api-client.ts';
import { showConflictDialog } from '../../../admin/conflict-dialog.ts';
import { showApiErrorOnForm } from '../../../admin/form-errors.ts';
import type { ProgramOutput } from '../programs.schema.ts';

type Milestone = NonNullable<ProgramOutput['milestones']>[number];
interface Values {
  title: string;
  dueOn?: Dayjs | null;
  doneOn?: Dayjs | null;
}
const iso = (v: Dayjs | null | undefined) => (v ? v.format('YYYY-MM-DD') : null);
const today = () => dayjs().format('YYYY-MM-DD');

/** The milestones of a program: add, edit, mark done (or not done again) and remove, each confirmed where it loses data. */
export function ProgramMilestones({
  program,
  canWrite,
  onChanged,
  onReload,
}: {
  program: ProgramOutput;
  canWrite: boolean;
  onChanged: (program: ProgramOutput) => void;
  onReload: () => void;
}) {
  const { t } = useTranslation();
  const { message, modal } = App.useApp();
  const [form] = Form.useForm<Values>();
  const [editing, setEditing] = useState<Milestone | 'new' | null>(null);
  const [problems, setProblems] = useState<string[]>([]);
  const milestones = program.milestones ?? [];

  useEffect(() => {
    if (!editing) return;
    form.resetFields();
    setProblems([]);
    if (editing !== 'new') {
      form.setFieldsValue({
        title: editing.title,
        dueOn: editing.dueOn ? dayjs(editing.dueOn) : null,
        doneOn: editing.doneOn ? dayjs(editing.doneOn) : null,
      });
    }
  }, [editing, form]);

  const onError = (error: unknown) => {
    if (isApiError(error, 'conflict')) {
      showConflictDialog(modal, error.message, onReload);
      return;
    }
    void message.error(errorMessage(error));
  };
  const save = useMutation({
    mutationFn: (v: Values) => {
      const body = { title: v.title.trim(), dueOn: iso(v.dueOn), doneOn: iso(v.doneOn) };
      return editing && editing !== 'new'
        ? api('PATCH /api/programs/:id/milestones/:mid', {
            params: { id: program.id, mid: editing.id },
            body: { ...body, version: editing.version },
          })
        : api('POST /api/programs/:id/milestones', { params: { id: program.id }, body });
    },
    onSuccess: (p) => {
      onChanged(p);
      setEditing(null);
      void message.success(t('admin.programs.milestoneSaved'));
    },
    onError: (error) => {
      if (isApiError(error, 'conflict')) {
        setEditing(null);
        onError(error);
        return;
      }
      setProblems(showApiErrorOnForm(form, error, ['title', 'dueOn', 'doneOn']));
    },
  });
  const markDone = useMutation({
    mutationFn: (vars: { m: Milestone; doneOn: string | null }) =>
      api('PATCH /api/programs/:id/milestones/:mid', {
        params: { id: program.id, mid: vars.m.id },
        body: { doneOn: vars.doneOn, version: vars.m.version },
      }),
    onSuccess: (p) => {
      onChanged(p);
      void message.success(t('admin.programs.milestoneSaved'));
    },
    onError,
  });
  const remove = useMutation({
    mutationFn: (m: Milestone) =>
      api('DELETE /api/programs/:id/milestones/:mid', { params: { id: program.id, mid: m.id } }),
    onSuccess: () => {
      onReload();
      void message.success(t('admin.programs.milestoneRemoved'));
    },
    onError,
  });

  return (
    <section aria-labelledby="program-milestones" data-testid="program-milestones">
      <div className="concord-page-header">
        <Typography.Title level={2} id="program-milestones" style={{ fontSize: 18, margin: 0 }}>
          {t('admin.programs.milestones')}
        </Typography.Title>
        {canWrite && (
          <Button onClick={() => setEditing('new')} data-testid="milestone-add">
            {t('admin.programs.addMilestone')}
          </Button>
        )}
      </div>
      <Table<Milestone>
        rowKey="id"
        size="small"
        pagination={false}
        dataSource={milestones}
        scroll={{ x: 'max-content' }}
        locale={{ emptyText: <Empty description={t('admin.programs.noMilestones')} /> }}
        onRow={() => ({ 'data-testid': 'milestone-row' }) as HTMLAttributes<HTMLElement>}
        columns={[
          { key: 'title', dataIndex: 'title', title: t('admin.programs.fields.milestoneTitle') },
          {
            key: 'dueOn',
            dataIndex: 'dueOn',
            title: t('admin.programs.fields.dueOn'),
            render: (v: string | null) => v ?? '—',
          },
          {
            key: 'doneOn',
            title: t('admin.programs.fields.doneOn'),
            render: (_: unknown, m) =>
              m.doneOn ? (
                <Tag color="green">{m.doneOn}</Tag>
              ) : m.dueOn && m.dueOn < today() ? (
                <Tag color="red">{t('admin.programs.overdue')}</Tag>
              ) : (
                '—'
              ),
          },
          ...(canWrite
            ? [
                {
                  key: 'actions',
                  title: t('admin.common.actions'),
                  render: (_: unknown, m: Milestone) => (
                    <Space size={4} wrap>
                      {m.doneOn ? (
                        <Button
                          size="small"
                          onClick={() => markDone.mutate({ m, doneOn: null })}
                          data-testid="milestone-reopen"
                        >
                          {t('admin.programs.reopen')}
                        </Button>
                      ) : (
                        <Button
                          size="small"
                          onClick={() => markDone.mutate({ m, doneOn: today() })}
                          data-testid="milestone-done"
                        >
                          {t('admin.programs.markDone')}
                        </Button>
                      )}
                      <Button size="small" onClick={() => setEditing(m)} data-testid="milestone-edit">
                        {t('admin.records.edit')}
                      </Button>
                      <Popconfirm
                        title={t('admin.programs.confirmRemove')}
                        okText={t('admin.records.remove')}
                        cancelText={t('admin.common.cancel')}
                        okButtonProps={{ danger: true }}
                        onConfirm={() => remove.mutateAsync(m).catch(() => undefined)}
                      >
                        <Button size="small" danger data-testid="milestone-remove">
                          {t('admin.records.remove')}
                        </Button>
                      </Popconfirm>
                    </Space>
                  ),
                },
              ]
            : []),
        ]}
      />
      <Modal
        open={editing !== null}
        title={editing === 'new' ? t('admin.programs.addMilestone') : t('admin.programs.editMilestone')}
        onCancel={() => setEditing(null)}
        onOk={() => form.submit()}
        okText={t('admin.common.save')}
        cancelText={t('admin.common.cancel')}
        okButtonProps={{ loading: save.isPending, id: 'milestone-modal-submit' }}
        forceRender
      >
        {problems.length > 0 && (
          <Typography.Paragraph type="danger" role="alert">
            {problems.join(' ')}
          </Typography.Paragraph>
        )}
        <Form<Values>
          name="program-milestone-form"
          form={form}
          layout="vertical"
          onFinish={(v) => save.mutate(v)}
        >
          <Form.Item
            name="title"
            label={t('admin.programs.fields.milestoneTitle')}
            rules={[{ required: true, whitespace: true, message: t('validation.required') }]}
          >
            <Input data-testid="milestone-title" />
          </Form.Item>
          <Space wrap>
            <Form.Item name="dueOn" label={t('admin.programs.fields.dueOn')}>
              <DatePicker />
            </Form.Item>
            <Form.Item name="doneOn" label={t('admin.programs.fields.doneOn')}>
              <DatePicker />
            </Form.Item>
          </Space>
        </Form>
      </Modal>
    </section>
  );
}
