import { useQueryClient } from '@tanstack/react-query';
import { App, Button } from 'antd';
import { useTranslation } from 'react-i18next';
import type { MeOutput } from '../features/users/users.schema.ts';
import { api } from './api.ts';
import { errorMessage } from './api-client.ts';
import type { AdminLocale } from './i18n.ts';
import { useLanguage } from './language.tsx';
import { meQueryKey } from './session.tsx';

/** Switches the admin language at once; when logged in, also saves it to the account. */
export function useSwitchLanguage({ persist }: { persist: boolean }) {
  const { setLocale } = useLanguage();
  const queryClient = useQueryClient();
  const { message } = App.useApp();
  return async (next: AdminLocale): Promise<boolean> => {
    setLocale(next);
    if (!persist) return true;
    try {
      const user = await api('PATCH /api/auth/me', { body: { locale: next } });
      queryClient.setQueryData<MeOutput>(meQueryKey, (me) =>
        me ? { ...me, user: { ...me.user, locale: user.locale, version: user.version } } : me,
      );
      return true;
    } catch (error) {
      void message.error(errorMessage(error));
      return false;
    }
  };
}

/** A button that switches between 简体中文 and English. */
export function LanguageSwitch({ persist, className }: { persist: boolean; className?: string }) {
  const { t } = useTranslation();
  const { locale } = useLanguage();
  const switchLanguage = useSwitchLanguage({ persist });
  const other: AdminLocale = locale === 'en' ? 'zh-CN' : 'en';
  return (
    <Button
      data-testid="lang-switch"
      className={className}
      title={t('locale.switchLabel')}
      onClick={() => void switchLanguage(other)}
    >
      <span lang={other}>{t(`admin.languages.${other}`)}</span>
    </Button>
  );
}
