import type { Editor } from '@tiptap/react';
import { Button, Form, Input, Modal } from 'antd';
import { useEffect } from 'react';
import { useTranslation } from 'react-i18next';

/** Links may only go to the web or to an email address. */
const allowedLink = /^(https?:\/\/[^\s/$.?#][^\s]*|mailto:[^\s@]+@[^\s@]+)$/i;

/** Tells whether a link target is allowed in an article (http, https or mailto). */
export function isAllowedLink(url: string): boolean {
  return allowedLink.test(url.trim());
}

/** Sets, changes or removes the link on the selected text (http, https or mailto only). */
export function LinkModal({ editor, open, onClose }: { editor: Editor; open: boolean; onClose: () => void }) {
  const { t } = useTranslation();
  const [form] = Form.useForm<{ href: string; text?: string }>();
  const current = open ? ((editor.getAttributes('link').href as string | undefined) ?? '') : '';
  const hasSelection = open && !editor.state.selection.empty;

  useEffect(() => {
    if (open) form.setFieldsValue({ href: current, text: '' });
  }, [open, current, form]);

  const apply = ({ href, text }: { href: string; text?: string }) => {
    const url = href.trim();
    const chain = editor.chain().focus().extendMarkRange('link');
    if (!hasSelection && !current) {
      const label = text?.trim() || url;
      chain
        .insertContent({ type: 'text', text: label, marks: [{ type: 'link', attrs: { href: url } }] })
        .run();
    } else {
      chain.setLink({ href: url }).run();
    }
    onClose();
  };

  return (
    <Modal
      open={open}
      title={current ? t('newsDesk.editor.linkEditTitle') : t('newsDesk.editor.linkTitle')}
      onCancel={() => {
        onClose();
        editor.commands.focus();
      }}
      okText={t('newsDesk.editor.linkApply')}
      cancelText={t('admin.common.cancel')}
      onOk={() => form.submit()}
      okButtonProps={{ id: 'link-apply' }}
      footer={(_, { OkBtn, CancelBtn }) => (
        <>
          {current && (
            <Button
              danger
              onClick={() => {
                editor.chain().focus().extendMarkRange('link').unsetLink().run();
                onClose();
              }}
            >
              {t('newsDesk.editor.linkRemove')}
            </Button>
          )}
          <CancelBtn />
          <OkBtn />
        </>
      )}
      destroyOnHidden
      forceRender
    >
      <Form form={form} name="article-link" layout="vertical" onFinish={apply}>
        <Form.Item
          name="href"
          label={t('newsDesk.editor.linkUrl')}
          extra={t('newsDesk.editor.linkHelp')}
          rules={[
            { required: true, whitespace: true, message: t('validation.required') },
            {
              validator: (_, value: string | undefined) =>
                !value || isAllowedLink(value)
                  ? Promise.resolve()
                  : Promise.reject(new Error(t('newsDesk.editor.linkInvalid'))),
            },
          ]}
        >
          <Input inputMode="url" autoFocus data-testid="link-url" placeholder="https://" />
        </Form.Item>
        {!hasSelection && !current && (
          <Form.Item name="text" label={t('newsDesk.editor.linkText')}>
            <Input data-testid="link-text" />
          </Form.Item>
        )}
      </Form>
    </Modal>
  );
}
