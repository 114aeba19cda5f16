import { Alert, Button, Drawer, type FormInstance, Space } from 'antd';
import { type ReactNode, useCallback, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { isApiError } from './api-client.ts';
import { showApiErrorOnForm } from './form-errors.ts';

/** What a record form shows above its fields: the problems of the last save, or a conflict. */
export interface RecordFormState {
  saving: boolean;
  problems: string[];
  conflict: string | null;
}

/**
 * The save → conflict → reload cycle every record form shares. `submit` runs a save: a stale
 * version (409) becomes a conflict offering to reload, field errors go onto their fields and the
 * rest above the form. `reload` loads the latest version after a conflict and says so.
 */
export function useRecordForm<V>(form: FormInstance<V>, fieldNames: readonly string[]) {
  const { t } = useTranslation();
  const [problems, setProblems] = useState<string[]>([]);
  const [conflict, setConflict] = useState<string | null>(null);
  const [saving, setSaving] = useState(false);

  /** Forgets the last save's messages (the form opens afresh). */
  const clear = useCallback(() => {
    setProblems([]);
    setConflict(null);
  }, []);

  const submit = async (send: () => Promise<void>, moreFields: readonly string[] = []) => {
    clear();
    setSaving(true);
    try {
      await send();
    } catch (error) {
      if (isApiError(error, 'conflict')) setConflict(error.message);
      else setProblems(showApiErrorOnForm(form, error, [...fieldNames, ...moreFields]));
    } finally {
      setSaving(false);
    }
  };

  const reload = async (load: () => Promise<void>) => {
    try {
      await load();
      setConflict(null);
      setProblems([t('admin.common.reloaded')]);
    } catch (error) {
      setProblems(showApiErrorOnForm(form, error, fieldNames));
    }
  };

  const state: RecordFormState = { saving, problems, conflict };
  return { ...state, state, submit, reload, clear, setProblems };
}

/** The conflict (with its reload button) and the problems of the last save, above a record form. */
export function RecordFormAlerts({ state, onReload }: { state: RecordFormState; onReload: () => void }) {
  const { t } = useTranslation();
  const { conflict, problems } = state;
  return (
    <>
      {conflict && (
        <Alert
          type="warning"
          showIcon
          role="alert"
          title={t('admin.common.conflictTitle')}
          description={
            <>
              <div>{conflict}</div>
              <Button size="small" onClick={onReload} style={{ marginTop: 8 }}>
                {t('admin.common.reloadRecord')}
              </Button>
            </>
          }
          style={{ marginBottom: 16 }}
        />
      )}
      {problems.length > 0 && (
        <Alert
          type={problems[0] === t('admin.common.reloaded') ? 'info' : 'error'}
          showIcon
          role="alert"
          title={problems[0]}
          description={problems.length > 1 ? problems.slice(1).join(' ') : undefined}
          style={{ marginBottom: 16 }}
        />
      )}
    </>
  );
}

/**
 * A drawer holding one record's form: cancel and submit in its footer (submit busy while saving),
 * the save's conflict and problems above the fields.
 */
export function RecordDrawer({
  open,
  onClose,
  title,
  submitLabel,
  onSubmit,
  state,
  onReload,
  submitTestId,
  width = 560,
  children,
}: {
  open: boolean;
  onClose: () => void;
  title: ReactNode;
  submitLabel: string;
  onSubmit: () => void;
  state: RecordFormState;
  onReload: () => void;
  submitTestId?: string;
  width?: number;
  children: ReactNode;
}) {
  const { t } = useTranslation();
  return (
    <Drawer
      open={open}
      onClose={onClose}
      title={title}
      size={width}
      forceRender
      footer={
        <Space style={{ display: 'flex', justifyContent: 'flex-end' }}>
          <Button onClick={onClose}>{t('admin.common.cancel')}</Button>
          <Button type="primary" loading={state.saving} onClick={onSubmit} data-testid={submitTestId}>
            {submitLabel}
          </Button>
        </Space>
      }
    >
      <RecordFormAlerts state={state} onReload={onReload} />
      {children}
    </Drawer>
  );
}
