import type { FormInstance } from 'antd';
import { ApiError, errorMessage } from './api-client.ts';

/**
 * Puts the server's per-field messages onto the form's fields and returns what is left to show
 * above the form: the general message, plus any field message the form has no field for.
 */
export function showApiErrorOnForm<T>(
  form: FormInstance<T>,
  error: unknown,
  fieldNames: readonly string[],
): string[] {
  if (!(error instanceof ApiError)) return [errorMessage(error)];
  const issues = error.fieldIssues;
  const onFields = issues.filter((issue) => fieldNames.includes(issue.path.split('.')[0] ?? ''));
  const elsewhere = issues.filter((issue) => !onFields.includes(issue));
  const byField = new Map<string, string[]>();
  for (const issue of onFields) {
    const name = issue.path.split('.')[0] ?? '';
    byField.set(name, [...(byField.get(name) ?? []), issue.message]);
  }
  form.setFields(
    [...byField].map(([name, errors]) => ({ name: name as never, errors: [...new Set(errors)] })),
  );
  if (onFields.length > 0 && elsewhere.length === 0) return [];
  return [error.message, ...elsewhere.map((issue) => issue.message)];
}
