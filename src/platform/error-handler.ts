import type { Context } from 'hono';
import { type Locale, type MessageKey, translate } from '../i18n/i18n.ts';
import { ErrorPage } from '../site/error.pages.tsx';
import { renderPage } from '../site/layout.tsx';
import type { AppEnv } from './context.ts';
import { AppError, loggableError } from './errors.ts';
import { wantsJson } from './middleware.ts';

interface DetailIssue {
  path: string;
  code: string;
  message: string;
  params?: Record<string, number>;
}

function translateDetails(locale: Locale, details: unknown): unknown {
  if (!Array.isArray(details)) return details;
  return details.map((d: DetailIssue) => {
    if (!d || typeof d !== 'object' || typeof d.code !== 'string') return d;
    // A field code of its own, else the error of that name, else (in Chinese) the general one: an
    // English sentence from the service never reaches a Chinese reader.
    const keys = [`validation.${d.code}`, `errors.${d.code}`] as MessageKey[];
    for (const key of keys) {
      const message = translate(locale, key, d.params ?? {});
      if (message !== key) return { path: d.path, code: d.code, message };
    }
    const message = locale === 'en' ? d.message : translate(locale, 'validation.invalid_value');
    return { path: d.path, code: d.code, message };
  });
}

/** The one error handler: stable JSON for the API, an HTML page in the request's language otherwise. */
export async function handleError(err: Error, c: Context<AppEnv>): Promise<Response> {
  const locale: Locale = c.get('locale') ?? 'zh-CN';
  const requestId = c.get('requestId');
  let appError: AppError;
  if (err instanceof AppError) {
    appError = err;
    if (appError.status >= 500) c.get('log')?.error({ err: loggableError(err) }, 'request failed');
  } else {
    const status = (err as { status?: number }).status;
    if (status === 413) appError = new AppError('payload_too_large');
    else {
      c.get('log')?.error({ err: loggableError(err) }, 'unhandled error');
      appError = new AppError('internal');
    }
  }
  for (const [k, v] of Object.entries(appError.headers)) c.header(k, v);
  const status = appError.status;
  if (wantsJson(c)) {
    // Expected errors explain themselves in the caller's language; an internal error never shows internals.
    const message = translate(locale, `errors.${appError.code}` as MessageKey);
    return c.json(
      {
        error: {
          code: appError.code,
          message,
          details:
            appError.code === 'internal'
              ? { requestId }
              : (translateDetails(locale, appError.details) ?? null),
        },
      },
      status,
    );
  }
  const html = await renderPage(
    ErrorPage({
      locale,
      tenant: c.get('tenant'),
      status,
      reason: translate(locale, `errors.${appError.code}` as MessageKey),
      ...(status >= 500 ? { requestId } : {}),
    }),
  );
  return c.html(html, status);
}
