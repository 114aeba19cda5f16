import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import {
  Alert,
  App,
  Badge,
  Button,
  Drawer,
  Form,
  Grid,
  Input,
  Modal,
  Popconfirm,
  Space,
  type TableProps,
  Tag,
  Typography,
} from 'antd';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api } from '../../../admin/api.ts';
import { errorMessage, isApiError } from '../../../admin/api-client.ts';
import { showApiErrorOnForm } from '../../../admin/form-errors.ts';
import { formatDateTime } from '../../../admin/format-date.ts';
import { useLanguage } from '../../../admin/language.tsx';
import { useListState } from '../../../admin/list-state.ts';
import NotFoundPage from '../../../admin/not-found.page.tsx';
import { newPasswordRules } from '../../../admin/password-rules.ts';
import { RecordListPage } from '../../../admin/record-list.tsx';
import { useSession } from '../../../admin/session.tsx';
import type { CollegeOutput } from '../../tenants/tenants.schema.ts';
import type { CreateCollegeInput } from '../colleges.schema.ts';

const collegesKey = ['colleges'] as const;
type Dialog =
  | { kind: 'create' }
  | { kind: 'rename'; college: CollegeOutput }
  | { kind: 'host'; college: CollegeOutput };

/** The colleges of this deployment: add one with its host name and administrator, rename, suspend, host names. */
export default function CollegesPage() {
  const { t } = useTranslation();
  const session = useSession();
  const { locale } = useLanguage();
  const { message } = App.useApp();
  const queryClient = useQueryClient();
  const listState = useListState([] as const);
  const [dialog, setDialog] = useState<Dialog | null>(null);
  const wide = Grid.useBreakpoint().md ?? true;
  const allowed = session.can('tenants.manage');

  const list = useQuery({
    queryKey: [...collegesKey, 'list'],
    queryFn: async () => {
      const { items } = await api('GET /api/colleges');
      return { items, total: items.length };
    },
    enabled: allowed,
  });
  type Done = 'created' | 'saved' | 'suspended' | 'resumed' | 'hostAdded' | 'hostRemoved';
  const saved = (college: CollegeOutput, done: Done) => {
    void message.success(
      t(`admin.colleges.${done}`, { name: locale === 'en' ? college.nameEn : college.nameZh }),
    );
    void queryClient.invalidateQueries({ queryKey: collegesKey });
  };
  const failed = (error: unknown) => {
    const detail = isApiError(error) ? error.fieldIssues[0]?.message : undefined;
    void message.error(detail ?? errorMessage(error));
  };
  const setStatus = useMutation({
    mutationFn: (vars: { college: CollegeOutput; status: CollegeOutput['status'] }) =>
      api('PATCH /api/colleges/:id', { params: { id: vars.college.id }, body: { status: vars.status } }),
    onSuccess: (college) => saved(college, college.status === 'active' ? 'resumed' : 'suspended'),
    onError: failed,
  });
  const removeHost = useMutation({
    mutationFn: (vars: { college: CollegeOutput; host: string }) =>
      api('DELETE /api/colleges/:id/hosts/:host', { params: { id: vars.college.id, host: vars.host } }),
    onSuccess: (college) => saved(college, 'hostRemoved'),
    onError: failed,
  });

  if (!allowed) return <NotFoundPage />;

  const columns: TableProps<CollegeOutput>['columns'] = [
    {
      key: 'name',
      title: t('admin.colleges.columns.name'),
      render: (_: unknown, college) => (
        <Space direction="vertical" size={0}>
          <Space size={4} wrap>
            <Typography.Text strong>{locale === 'en' ? college.nameEn : college.nameZh}</Typography.Text>
            {college.id === session.tenant.id && <Tag>{t('admin.colleges.yours')}</Tag>}
            {college.isDefault && <Tag color="blue">{t('admin.colleges.default')}</Tag>}
          </Space>
          <Typography.Text type="secondary">
            {locale === 'en' ? college.nameZh : college.nameEn} · {college.slug}
          </Typography.Text>
        </Space>
      ),
    },
    {
      key: 'hosts',
      title: t('admin.colleges.columns.hosts'),
      render: (_: unknown, college) => (
        <Space size={[4, 4]} wrap>
          {college.hosts.map((host) => (
            <Space key={host} size={0}>
              <Tag style={{ marginInlineEnd: 0 }}>{host}</Tag>
              {college.hosts.length > 1 && (
                <Popconfirm
                  title={t('admin.colleges.confirmRemoveHost', { host })}
                  okText={t('admin.colleges.removeHost')}
                  cancelText={t('admin.common.cancel')}
                  okButtonProps={{ danger: true }}
                  onConfirm={() => removeHost.mutateAsync({ college, host }).catch(() => undefined)}
                >
                  <Button type="text" size="small" aria-label={t('admin.colleges.removeHostLabel', { host })}>
                    ×
                  </Button>
                </Popconfirm>
              )}
            </Space>
          ))}
          <Button size="small" type="dashed" onClick={() => setDialog({ kind: 'host', college })}>
            {t('admin.colleges.addHost')}
          </Button>
        </Space>
      ),
    },
    {
      key: 'status',
      dataIndex: 'status',
      title: t('admin.colleges.columns.status'),
      render: (status: CollegeOutput['status']) => (
        <Badge
          status={status === 'active' ? 'success' : 'default'}
          text={t(`admin.colleges.status.${status}`)}
        />
      ),
    },
    {
      key: 'createdAt',
      dataIndex: 'createdAt',
      title: t('admin.colleges.columns.createdAt'),
      render: (value: string) => formatDateTime(value),
    },
    {
      key: 'actions',
      title: t('admin.common.actions'),
      fixed: wide ? ('right' as const) : undefined,
      render: (_: unknown, college) => {
        const active = college.status === 'active';
        const name = locale === 'en' ? college.nameEn : college.nameZh;
        return (
          <Space size={0} wrap>
            <Button type="link" size="small" onClick={() => setDialog({ kind: 'rename', college })}>
              {t('admin.colleges.rename')}
            </Button>
            {college.id !== session.tenant.id && (
              <Popconfirm
                title={t(active ? 'admin.colleges.confirmSuspend' : 'admin.colleges.confirmResume', { name })}
                okText={t(active ? 'admin.colleges.suspend' : 'admin.colleges.resume')}
                cancelText={t('admin.common.cancel')}
                okButtonProps={{ danger: active }}
                styles={{ root: { maxWidth: 340 } }}
                onConfirm={() =>
                  setStatus
                    .mutateAsync({ college, status: active ? 'suspended' : 'active' })
                    .catch(() => undefined)
                }
              >
                <Button type="link" size="small" danger={active}>
                  {t(active ? 'admin.colleges.suspend' : 'admin.colleges.resume')}
                </Button>
              </Popconfirm>
            )}
          </Space>
        );
      },
    },
  ];

  return (
    <RecordListPage<CollegeOutput>
      title={t('admin.colleges.title')}
      list={listState}
      result={list}
      columns={columns}
      actions={
        <Button type="primary" data-testid="colleges-create" onClick={() => setDialog({ kind: 'create' })}>
          {t('admin.colleges.create')}
        </Button>
      }
      above={<Typography.Paragraph type="secondary">{t('admin.colleges.intro')}</Typography.Paragraph>}
      empty={{ text: t('admin.colleges.empty') }}
      testId="colleges-table"
      paged={false}
    >
      <CollegeDrawer
        open={dialog?.kind === 'create' || dialog?.kind === 'rename'}
        college={dialog?.kind === 'rename' ? dialog.college : null}
        onClose={() => setDialog(null)}
        onSaved={(college, created) => {
          setDialog(null);
          saved(college, created ? 'created' : 'saved');
        }}
      />
      <HostModal
        college={dialog?.kind === 'host' ? dialog.college : null}
        onClose={() => setDialog(null)}
        onSaved={(college) => {
          setDialog(null);
          saved(college, 'hostAdded');
        }}
      />
    </RecordListPage>
  );
}

/** What the drawer's form collects: every field when adding a college, only the names when renaming one. */
type CollegeValues = CreateCollegeInput;
const collegeFields = ['slug', 'nameZh', 'nameEn', 'host', 'admin'] as const;

/** Adds a college (no `college`) with its host and first administrator, or renames one. */
function CollegeDrawer({
  open,
  college,
  onClose,
  onSaved,
}: {
  open: boolean;
  college: CollegeOutput | null;
  onClose: () => void;
  onSaved: (college: CollegeOutput, created: boolean) => void;
}) {
  const { t } = useTranslation();
  const [form] = Form.useForm<CollegeValues>();
  const [problems, setProblems] = useState<string[]>([]);
  const [saving, setSaving] = useState(false);
  const creating = college === null;

  useEffect(() => {
    if (!open) return;
    setProblems([]);
    form.resetFields();
    if (college) form.setFieldsValue({ nameZh: college.nameZh, nameEn: college.nameEn });
  }, [open, college, form]);

  const submit = async (values: CollegeValues) => {
    setSaving(true);
    setProblems([]);
    try {
      const result = creating
        ? await api('POST /api/colleges', { body: values })
        : await api('PATCH /api/colleges/:id', {
            params: { id: college.id },
            body: { nameZh: values.nameZh, nameEn: values.nameEn },
          });
      onSaved(result, creating);
    } catch (error) {
      // Field errors of the administrator ("admin.password") go onto their own fields.
      if (isApiError(error))
        form.setFields(
          error.fieldIssues
            .filter((issue) => issue.path.startsWith('admin.'))
            .map((issue) => ({ name: issue.path.split('.') as never, errors: [issue.message] })),
        );
      const left = showApiErrorOnForm(form, error, collegeFields);
      setProblems(
        isApiError(error) && error.fieldIssues.every((i) => i.path.startsWith('admin.')) ? [] : left,
      );
    } finally {
      setSaving(false);
    }
  };

  return (
    <Drawer
      open={open}
      onClose={onClose}
      title={t(creating ? 'admin.colleges.create' : 'admin.colleges.rename')}
      size={560}
      destroyOnHidden
      extra={
        <Space>
          <Button onClick={onClose}>{t('admin.common.cancel')}</Button>
          <Button type="primary" loading={saving} onClick={() => form.submit()} data-testid="college-save">
            {t('admin.common.save')}
          </Button>
        </Space>
      }
    >
      {problems.length > 0 && (
        <Alert
          type="error"
          showIcon
          title={problems[0]}
          description={problems.slice(1).join(' ')}
          style={{ marginBottom: 16 }}
        />
      )}
      <Form
        name="colleges"
        form={form}
        layout="vertical"
        onFinish={submit}
        requiredMark="optional"
        scrollToFirstError
      >
        <Form.Item
          name="nameZh"
          label={t('admin.colleges.fields.nameZh')}
          rules={[{ required: true, whitespace: true, message: t('validation.required') }]}
        >
          <Input maxLength={200} />
        </Form.Item>
        <Form.Item
          name="nameEn"
          label={t('admin.colleges.fields.nameEn')}
          rules={[{ required: true, whitespace: true, message: t('validation.required') }]}
        >
          <Input maxLength={200} />
        </Form.Item>
        {creating && (
          <>
            <Form.Item
              name="slug"
              label={t('admin.colleges.fields.slug')}
              extra={t('admin.colleges.fields.slugHelp')}
              rules={[
                { required: true, message: t('validation.required') },
                { pattern: /^[a-z0-9][a-z0-9-]{1,39}$/, message: t('admin.colleges.fields.slugHelp') },
              ]}
            >
              <Input maxLength={40} autoComplete="off" />
            </Form.Item>
            <Form.Item
              name="host"
              label={t('admin.colleges.fields.host')}
              extra={t('admin.colleges.fields.hostHelp')}
              rules={[{ required: true, message: t('validation.required') }]}
            >
              <Input maxLength={253} autoComplete="off" placeholder="news.example.edu.cn" />
            </Form.Item>
            <Typography.Title level={2} style={{ fontSize: 16 }}>
              {t('admin.colleges.firstAdmin')}
            </Typography.Title>
            <Form.Item
              name={['admin', 'name']}
              label={t('admin.users.fields.name')}
              rules={[{ required: true, whitespace: true, message: t('validation.required') }]}
            >
              <Input maxLength={100} autoComplete="off" />
            </Form.Item>
            <Form.Item
              name={['admin', 'email']}
              label={t('admin.users.fields.email')}
              rules={[{ required: true, type: 'email', message: t('validation.invalid_email') }]}
            >
              <Input maxLength={254} autoComplete="off" />
            </Form.Item>
            <Form.Item
              name={['admin', 'password']}
              label={t('admin.colleges.fields.password')}
              rules={newPasswordRules()}
            >
              <Input.Password autoComplete="new-password" />
            </Form.Item>
          </>
        )}
      </Form>
    </Drawer>
  );
}

/** Adds a host name to a college. */
function HostModal({
  college,
  onClose,
  onSaved,
}: {
  college: CollegeOutput | null;
  onClose: () => void;
  onSaved: (college: CollegeOutput) => void;
}) {
  const { t } = useTranslation();
  const [form] = Form.useForm<{ host: string }>();
  const [saving, setSaving] = useState(false);
  const [problems, setProblems] = useState<string[]>([]);
  useEffect(() => {
    if (college) {
      form.resetFields();
      setProblems([]);
    }
  }, [college, form]);
  const submit = async ({ host }: { host: string }) => {
    if (!college) return;
    setSaving(true);
    try {
      onSaved(await api('POST /api/colleges/:id/hosts', { params: { id: college.id }, body: { host } }));
    } catch (error) {
      setProblems(showApiErrorOnForm(form, error, ['host']));
    } finally {
      setSaving(false);
    }
  };
  return (
    <Modal
      open={college !== null}
      title={t('admin.colleges.addHostTitle', { name: college?.slug ?? '' })}
      okText={t('admin.common.save')}
      cancelText={t('admin.common.cancel')}
      confirmLoading={saving}
      onOk={() => form.submit()}
      onCancel={onClose}
      destroyOnHidden
    >
      {problems.length > 0 && (
        <Alert type="error" showIcon title={problems[0]} style={{ marginBottom: 16 }} />
      )}
      <Form name="colleges-2" form={form} layout="vertical" onFinish={submit}>
        <Form.Item
          name="host"
          label={t('admin.colleges.fields.host')}
          extra={t('admin.colleges.fields.hostHelp')}
          rules={[{ required: true, message: t('validation.required') }]}
        >
          <Input maxLength={253} autoComplete="off" placeholder="www.example.edu.cn" />
        </Form.Item>
      </Form>
    </Modal>
  );
}
