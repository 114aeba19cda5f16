import { useQuery, useQueryClient } from '@tanstack/react-query';
import i18next from 'i18next';
import { type ReactNode, useEffect } from 'react';
import { useTranslation } from 'react-i18next';
import { Navigate, useLocation } from 'react-router';
import type { MeOutput } from '../features/users/users.schema.ts';
import type { Permission } from '../platform/permissions.ts';
import { api } from './api.ts';
import { ApiError, errorMessage, isApiError } from './api-client.ts';
import { storedLocale, useLanguage } from './language.tsx';

/** Query key of the logged-in user, their college and permissions. */
export const meQueryKey = ['auth', 'me'] as const;

/** Loads the logged-in user (`GET /api/auth/me`). */
export function useMeQuery() {
  return useQuery({
    queryKey: meQueryKey,
    // Asked of /auth/session, which answers 200 with null when nobody is logged in (a 401 would be
    // an error in the browser's console on every visit to the login screen); null reads as the
    // same `unauthenticated` error the rest of the app expects.
    queryFn: async () => {
      const { me } = await api('GET /api/auth/session');
      if (!me) throw new ApiError(401, 'unauthenticated', i18next.t('errors.unauthenticated'));
      return me;
    },
    staleTime: 5 * 60_000,
    retry: (count, error) => !isApiError(error) || (error.status >= 500 && count < 2),
  });
}

/** The logged-in user; only for components rendered inside RequireSession. */
export function useSession(): MeOutput & { can: (permission: Permission) => boolean } {
  const { data } = useMeQuery();
  if (!data) throw new Error('useSession needs RequireSession above it');
  return { ...data, can: (permission) => data.permissions.includes(permission) };
}

/** The current location inside the admin, to come back to after logging in. */
export function locationToResume(location: { pathname: string; search: string; hash: string }): string {
  return `${location.pathname}${location.search}${location.hash}`;
}

/** A full-page spinner while something essential loads. */
export function PageSpinner() {
  const { t } = useTranslation();
  return (
    <div className="concord-page-spinner" role="status">
      <span className="concord-spinner" aria-hidden="true" />
      <span>{t('admin.common.loading')}</span>
    </div>
  );
}

/** Renders its children only for a logged-in user; otherwise sends them to the login screen. */
export function RequireSession({ children }: { children: ReactNode }) {
  const { t } = useTranslation();
  const me = useMeQuery();
  const location = useLocation();
  const queryClient = useQueryClient();
  const { locale, setLocale } = useLanguage();
  const savedLocale = me.data?.user.locale;

  // A browser that never chose a language follows the one saved on the account.
  useEffect(() => {
    if (savedLocale && !storedLocale() && savedLocale !== locale) setLocale(savedLocale);
  }, [savedLocale, locale, setLocale]);

  if (me.isPending) return <PageSpinner />;
  if (me.isError) {
    if (isApiError(me.error, 'unauthenticated')) {
      const next = locationToResume(location);
      return <Navigate to={next === '/' ? '/login' : `/login?next=${encodeURIComponent(next)}`} replace />;
    }
    return (
      <main className="concord-load-failed">
        <div role="alert" className="concord-notice is-error">
          <strong>{t('admin.common.loadFailed')}</strong>
          <p>{errorMessage(me.error)}</p>
          <button
            type="button"
            className="concord-plain-button is-primary"
            onClick={() => void queryClient.resetQueries({ queryKey: meQueryKey })}
          >
            {t('admin.common.retry')}
          </button>
        </div>
      </main>
    );
  }
  return children;
}
