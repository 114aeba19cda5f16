import type { z } from 'zod';
import { AppError, type FieldIssue } from './errors.ts';

/** Maps a zod issue to a stable field code whose message the i18n catalogue holds. */
function issueCode(
  issue: z.core.$ZodIssue,
  input: unknown,
): { code: string; params?: Record<string, number> } {
  switch (issue.code) {
    case 'invalid_type': {
      let value: unknown = input;
      for (const key of issue.path)
        value = (value as Record<PropertyKey, unknown> | undefined)?.[key as PropertyKey];
      return { code: value === undefined || value === null ? 'required' : 'invalid_type' };
    }
    case 'too_small':
      if (issue.origin === 'string') {
        return Number(issue.minimum) <= 1
          ? { code: 'required' }
          : { code: 'too_short', params: { min: Number(issue.minimum) } };
      }
      return issue.origin === 'array' && Number(issue.minimum) <= 1
        ? { code: 'required' }
        : { code: 'invalid_value' };
    case 'too_big':
      return issue.origin === 'string'
        ? { code: 'too_long', params: { max: Number(issue.maximum) } }
        : { code: 'invalid_value' };
    case 'invalid_format':
      return { code: issue.format === 'email' ? 'invalid_email' : 'invalid_value' };
    case 'custom':
      return { code: (issue.params?.code as string | undefined) ?? 'invalid_value' };
    default:
      return { code: 'invalid_value' };
  }
}

/** Field issues for a failed parse, with English messages (the error handler translates them). */
export function fieldIssues(
  error: z.ZodError,
  input: unknown,
): (FieldIssue & { params?: Record<string, number> })[] {
  return error.issues.map((issue) => {
    const { code, params } = issueCode(issue, input);
    return { path: issue.path.join('.'), code, message: issue.message, ...(params ? { params } : {}) };
  });
}

/** Parses input with a schema or throws `validation_failed` with one detail per field. */
export function parseInput<S extends z.ZodType>(schema: S, input: unknown): z.output<S> {
  const result = schema.safeParse(input);
  if (!result.success)
    throw new AppError('validation_failed', 'Invalid input', fieldIssues(result.error, input));
  return result.data;
}
