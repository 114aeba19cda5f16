import i18next from 'i18next';
import { currentLocale } from './i18n.ts';

/** One field problem reported by the server, already translated. */
export interface FieldIssue {
  path: string;
  code: string;
  message: string;
}

/** An error answer of the API (`{ error: { code, message, details } }`), or a network failure (status 0). */
export class ApiError extends Error {
  readonly status: number;
  readonly code: string;
  readonly details: unknown;

  constructor(status: number, code: string, message: string, details: unknown = null) {
    super(message);
    this.name = 'ApiError';
    this.status = status;
    this.code = code;
    this.details = details;
  }

  /** The per-field issues of a `validation_failed` or `already_exists` answer. */
  get fieldIssues(): FieldIssue[] {
    if (!Array.isArray(this.details)) return [];
    return this.details.filter(
      (d): d is FieldIssue =>
        typeof d === 'object' && d !== null && typeof (d as FieldIssue).path === 'string',
    );
  }

  /** The request id the server logged a failure under, when it gave one. */
  get requestId(): string | undefined {
    const d = this.details as { requestId?: unknown } | null;
    return typeof d?.requestId === 'string' ? d.requestId : undefined;
  }
}

type UnauthenticatedListener = () => void;
let onUnauthenticated: UnauthenticatedListener = () => {};

/** Says what to do when the session has ended in the middle of work (the app goes to the login screen). */
export function setUnauthenticatedHandler(listener: UnauthenticatedListener): void {
  onUnauthenticated = listener;
}

type QueryValue = string | number | undefined | null;

/** Builds an API path with a query string, leaving out empty values. */
export function withQuery(path: string, query: Record<string, QueryValue>): string {
  const params = new URLSearchParams();
  for (const [key, value] of Object.entries(query)) {
    if (value !== undefined && value !== null && value !== '') params.set(key, String(value));
  }
  const search = params.toString();
  return search ? `${path}?${search}` : path;
}

async function readError(response: Response): Promise<ApiError> {
  try {
    const body = (await response.json()) as {
      error?: { code?: string; message?: string; details?: unknown };
    };
    if (body.error?.code) {
      return new ApiError(
        response.status,
        body.error.code,
        body.error.message ?? i18next.t('admin.common.unexpected'),
        body.error.details ?? null,
      );
    }
  } catch {
    // Not JSON: a proxy or gateway answered; fall through to a generic error.
  }
  return new ApiError(response.status, 'internal', i18next.t('admin.common.unexpected'));
}

/**
 * Calls the Concord API on the same origin with the session cookie, in the admin's language.
 * Resolves with the JSON body (undefined for 204) or rejects with an ApiError.
 */
export async function callApi<T>(
  method: 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE',
  path: string,
  body?: unknown,
): Promise<T> {
  const headers: Record<string, string> = {
    Accept: 'application/json',
    'Accept-Language': currentLocale(),
  };
  if (body !== undefined) headers['Content-Type'] = 'application/json';
  let response: Response;
  try {
    response = await fetch(`/api${path}`, {
      method,
      headers,
      credentials: 'same-origin',
      ...(body !== undefined ? { body: JSON.stringify(body) } : {}),
    });
  } catch {
    throw new ApiError(0, 'network', i18next.t('admin.common.network'));
  }
  if (!response.ok) {
    const error = await readError(response);
    // Only a lost session sends the admin to log in; a wrong password on /auth/login does not.
    if (error.status === 401 && error.code === 'unauthenticated' && path !== '/auth/me') onUnauthenticated();
    throw error;
  }
  if (response.status === 204) return undefined as T;
  return (await response.json()) as T;
}

/** Tells whether an error is the API's answer with this code. */
export function isApiError(error: unknown, code?: string): error is ApiError {
  return error instanceof ApiError && (code === undefined || error.code === code);
}

/** A message fit to show for any error. */
export function errorMessage(error: unknown): string {
  if (error instanceof ApiError) return error.message;
  return i18next.t('admin.common.unexpected');
}
