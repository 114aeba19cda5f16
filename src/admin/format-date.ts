import dayjs from 'dayjs';
import i18next from 'i18next';

/** A timestamp from the API as local date and time, or "never" for null. */
export function formatDateTime(value: string | null | undefined): string {
  if (!value) return i18next.t('admin.common.never');
  return dayjs(value).format('YYYY-MM-DD HH:mm');
}
