import { useQuery, useQueryClient } from '@tanstack/react-query';
import { type FormEvent, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Navigate, useLocation, useNavigate, useSearchParams } from 'react-router';
import { api } from '../../../admin/api.ts';
import { errorMessage, isApiError } from '../../../admin/api-client.ts';
import type { AdminLocale } from '../../../admin/i18n.ts';
import { storedLocale, useLanguage } from '../../../admin/language.tsx';
import { meQueryKey, useMeQuery } from '../../../admin/session.tsx';
import type { LoginInput } from '../users.schema.ts';

type Notice = 'sessionEnded' | 'loggedOut' | 'passwordChanged';

/** Only paths inside the admin are followed after login, never another site. */
function safeNext(next: string | null): string {
  return next?.startsWith('/') && !next.startsWith('//') ? next : '/';
}

type FieldErrors = Partial<Record<keyof LoginInput, string>>;

const emailPattern = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;

/** The error a refused single sign-on came back with (`?sso_error=`); anything else reads as "did not complete". */
function ssoErrorKey(code: string | null) {
  return code === 'sso_unknown_user' || code === 'account_disabled'
    ? (`errors.${code}` as const)
    : ('errors.sso_failed' as const);
}

/**
 * The login screen: the college's identity service when it has one, email and password, with the language switch. Plain elements and the admin's
 * own styles, without the component library, so it is the first thing to load and it loads fast.
 */
export default function LoginPage() {
  const { t } = useTranslation();
  const [values, setValues] = useState<LoginInput>({ email: '', password: '' });
  const [errors, setErrors] = useState<FieldErrors>({});
  const emailRef = useRef<HTMLInputElement>(null);
  const passwordRef = useRef<HTMLInputElement>(null);
  const navigate = useNavigate();
  const location = useLocation();
  const [params] = useSearchParams();
  const queryClient = useQueryClient();
  const { locale, setLocale } = useLanguage();
  const other: AdminLocale = locale === 'en' ? 'zh-CN' : 'en';
  const [problem, setProblem] = useState<string | null>(null);
  const [submitting, setSubmitting] = useState(false);
  const next = safeNext(params.get('next'));
  const notice = (location.state as { notice?: Notice } | null)?.notice;
  // Someone who is already logged in has nothing to do here; only ask when arriving without a notice.
  const me = useMeQuery();
  const options = useQuery({
    queryKey: ['sso', 'options'],
    queryFn: () => api('GET /api/sso/options'),
    staleTime: 60_000,
  });
  const ssoError = params.get('sso_error');
  const sso = options.data?.sso ?? null;
  // Platform administrators keep the password form as their way back in (`?password=1`).
  const showPassword = options.data?.passwordLogin !== false || params.get('password') === '1';

  if (!notice && me.data) return <Navigate to={next} replace />;

  const check = (input: LoginInput): FieldErrors => {
    const found: FieldErrors = {};
    if (!input.email.trim()) found.email = t('validation.required');
    else if (!emailPattern.test(input.email.trim())) found.email = t('validation.invalid_email');
    if (!input.password) found.password = t('validation.required');
    return found;
  };

  const logIn = async (event: FormEvent) => {
    event.preventDefault();
    const found = check(values);
    setErrors(found);
    if (found.email || found.password) {
      (found.email ? emailRef : passwordRef).current?.focus();
      return;
    }
    setProblem(null);
    setSubmitting(true);
    try {
      const { user } = await api('POST /api/auth/login', {
        body: { email: values.email.trim(), password: values.password },
      });
      // The account's language applies unless this browser already chose one.
      if (!storedLocale()) setLocale(user.locale);
      await queryClient.resetQueries({ queryKey: meQueryKey });
      void navigate(next, { replace: true });
    } catch (error) {
      setSubmitting(false);
      if (isApiError(error, 'validation_failed')) {
        const fields: FieldErrors = {};
        for (const issue of error.fieldIssues)
          if (issue.path === 'email' || issue.path === 'password') fields[issue.path] = issue.message;
        setErrors(fields);
      }
      setProblem(errorMessage(error));
      setValues((v) => ({ ...v, password: '' }));
      passwordRef.current?.focus();
    }
  };

  const field = (name: keyof LoginInput) => ({
    id: `login_${name}`,
    name,
    value: values[name],
    disabled: submitting,
    'aria-invalid': errors[name] ? true : undefined,
    'aria-describedby': errors[name] ? `login_${name}_error` : undefined,
    onChange: (e: { target: { value: string } }) => {
      const value = e.target.value;
      setValues((v) => ({ ...v, [name]: value }));
      if (errors[name]) setErrors((found) => ({ ...found, [name]: undefined }));
    },
  });

  const fieldError = (name: keyof LoginInput) =>
    errors[name] ? (
      <div id={`login_${name}_error`} className="concord-login-field-error">
        {errors[name]}
      </div>
    ) : null;

  return (
    <main className="concord-login">
      <div className="concord-login-card">
        <div className="concord-login-top">
          <button
            type="button"
            data-testid="lang-switch"
            className="concord-plain-button concord-login-lang"
            title={t('locale.switchLabel')}
            onClick={() => setLocale(other)}
          >
            <span lang={other}>{t(`admin.languages.${other}`)}</span>
          </button>
        </div>
        <div className="concord-login-box">
          <h1>{t('admin.appName')}</h1>
          <p className="concord-login-tagline">{t('admin.appTagline')}</p>
          <h2>{t('admin.login.title')}</h2>
          <p>{t('admin.login.intro')}</p>
          {notice && !problem && (
            <div
              role="status"
              className={`concord-notice ${notice === 'sessionEnded' ? 'is-warning' : 'is-success'}`}
            >
              {t(`admin.login.${notice}`)}
            </div>
          )}
          {(problem || ssoError) && (
            <div role="alert" className="concord-notice is-error" data-testid="login-error">
              {problem ?? t(ssoErrorKey(ssoError))}
            </div>
          )}
          {sso && (
            <>
              <a
                className="concord-plain-button is-primary concord-login-submit"
                href={`/api/sso/login?next=${encodeURIComponent(`/admin${next === '/' ? '/' : next}`)}`}
                data-testid="login-sso"
              >
                {t('admin.login.sso', { name: locale === 'en' ? sso.nameEn : sso.nameZh })}
              </a>
              {showPassword && <p className="concord-login-or">{t('admin.login.or')}</p>}
            </>
          )}
          {!showPassword && (
            <p>
              <a href="?password=1">{t('admin.login.passwordFallback')}</a>
            </p>
          )}
          {showPassword && (
            <form noValidate onSubmit={(e) => void logIn(e)} aria-busy={submitting}>
              <div className="concord-login-field">
                <label htmlFor="login_email">{t('admin.login.email')}</label>
                <input
                  {...field('email')}
                  ref={emailRef}
                  data-testid="login-email"
                  type="email"
                  autoComplete="username"
                  inputMode="email"
                  // biome-ignore lint/a11y/noAutofocus: the login screen has one task, and this is where it starts.
                  autoFocus
                />
                {fieldError('email')}
              </div>
              <div className="concord-login-field">
                <label htmlFor="login_password">{t('admin.login.password')}</label>
                <input
                  {...field('password')}
                  ref={passwordRef}
                  data-testid="login-password"
                  type="password"
                  autoComplete="current-password"
                />
                {fieldError('password')}
              </div>
              <button
                type="submit"
                className="concord-plain-button is-primary concord-login-submit"
                disabled={submitting}
                data-testid="login-submit"
              >
                {submitting && <span className="concord-spinner is-small" aria-hidden="true" />}
                {t('admin.login.submit')}
              </button>
            </form>
          )}
        </div>
      </div>
    </main>
  );
}
