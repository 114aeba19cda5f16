import type { AdminLocale } from './i18n.ts';

/** The name of a bilingual record in the admin's language, falling back to the Chinese name. */
export function displayName(record: { nameZh: string; nameEn?: string | null }, locale: AdminLocale): string {
  return locale === 'en' && record.nameEn ? record.nameEn : record.nameZh;
}

/** The other-language name, shown under the main one when it differs. */
export function secondaryName(
  record: { nameZh: string; nameEn?: string | null },
  locale: AdminLocale,
): string | undefined {
  const other = locale === 'en' ? record.nameZh : record.nameEn;
  return other && other !== displayName(record, locale) ? other : undefined;
}

/**
 * The name of a record a list answer names beside its id (`…NameZh`/`…NameEn`, null when there is
 * none), by the same rule as `displayName`; a dash when there is no name.
 */
export function displayNameOf(
  nameZh: string | null | undefined,
  nameEn: string | null | undefined,
  locale: AdminLocale,
): string {
  if (!nameZh && !nameEn) return '—';
  return displayName({ nameZh: nameZh || nameEn || '', nameEn }, locale);
}
