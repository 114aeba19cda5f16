import type { TFunction } from 'i18next';

/** A catalogue label for a code the server sends, or the code itself. */
export function labelOf(t: TFunction, key: string, code: string): string {
  return (t(`${key}.${code}` as never, { defaultValue: '' }) as string) || code;
}
