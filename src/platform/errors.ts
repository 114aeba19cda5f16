import type { ContentfulStatusCode } from 'hono/utils/http-status';

/** Stable error codes; clients and translations rely on them, so never rename one. */
export const errorStatus = {
  validation_failed: 400,
  bad_request: 400,
  unauthenticated: 401,
  invalid_credentials: 401,
  forbidden: 403,
  csrf_failed: 403,
  account_disabled: 403,
  sso_unknown_user: 403,
  sso_failed: 400,
  password_login_off: 403,
  not_found: 404,
  conflict: 409,
  already_exists: 409,
  invalid_transition: 409,
  translation_exists: 409,
  unpublish_first: 409,
  payload_too_large: 413,
  unsupported_media_type: 415,
  image_type_unsupported: 415,
  image_too_large: 413,
  image_too_many_pixels: 413,
  image_unreadable: 422,
  rate_limited: 429,
  internal: 500,
  unavailable: 503,
} as const satisfies Record<string, ContentfulStatusCode>;

export type ErrorCode = keyof typeof errorStatus;

/** One field-level problem, keyed by a dotted path into the input. */
export interface FieldIssue {
  path: string;
  code: string;
  message: string;
}

/** An expected failure with a stable code; the error handler turns it into JSON or an HTML page. */
export class AppError extends Error {
  readonly code: ErrorCode;
  readonly details: unknown;
  /** Extra response headers such as Retry-After. */
  readonly headers: Record<string, string>;

  constructor(code: ErrorCode, message?: string, details?: unknown, headers: Record<string, string> = {}) {
    super(message ?? code);
    this.name = 'AppError';
    this.code = code;
    this.details = details;
    this.headers = headers;
  }

  get status(): ContentfulStatusCode {
    return errorStatus[this.code];
  }
}

/** Tells whether a database error is a unique-constraint violation. */
export function isUniqueViolation(err: unknown): boolean {
  const e = err as { code?: string; cause?: { code?: string } } | null;
  return e?.code === '23505' || e?.cause?.code === '23505';
}

/**
 * An error safe to log or print: a failed query's bound parameters (password hashes, tokens,
 * personal data) are dropped, keeping the SQL text and the driver's own error.
 */
export function loggableError(err: unknown): Error {
  const e = err as { query?: unknown; params?: unknown; cause?: unknown; name?: string } | null;
  if (e && typeof e === 'object' && 'params' in e && 'query' in e) {
    const cause = e.cause instanceof Error ? e.cause : undefined;
    const safe = new Error(`Failed query: ${String(e.query)}${cause ? `: ${cause.message}` : ''}`);
    safe.name = 'DatabaseError';
    safe.stack = `${safe.name}: ${safe.message}\n${cause?.stack?.split('\n').slice(1).join('\n') ?? ''}`;
    const code = (cause as { code?: string } | undefined)?.code;
    if (code) Object.assign(safe, { code });
    return safe;
  }
  return err instanceof Error ? err : new Error(String(err));
}

/** A validation failure of one input field, with the field's path in the details. */
export function fieldError(path: string, code: string, message: string): AppError {
  return new AppError('validation_failed', message, [{ path, code, message }]);
}
