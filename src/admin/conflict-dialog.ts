import type { App } from 'antd';
import i18next from 'i18next';

type ModalApi = ReturnType<typeof App.useApp>['modal'];

/** Tells the admin that someone else changed the record first and offers to load the latest version. */
export function showConflictDialog(modal: ModalApi, message: string, reload: () => void): void {
  modal.confirm({
    title: i18next.t('admin.common.conflictTitle'),
    content: message,
    okText: i18next.t('admin.common.reloadRecord'),
    cancelText: i18next.t('admin.common.close'),
    onOk: reload,
  });
}
