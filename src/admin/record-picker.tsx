import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { Select, type SelectProps, Spin } from 'antd';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { callApi, withQuery } from './api-client.ts';
import { useLanguage } from './language.tsx';

/** The lists a picker can choose from. */
export type PickerSource = 'organizations' | 'people' | 'org-units' | 'majors' | 'facilities' | 'users';

/** Where a source's list lives: colleagues come from the directory, which every record reader may see. */
function pathOf(source: PickerSource): string {
  return source === 'users' ? 'users/directory' : source;
}

/** Whatever a list item carries that can name it. */
export interface NamedRecord {
  id: string;
  name?: string | null;
  nameZh?: string | null;
  nameEn?: string | null;
  code?: string | null;
  titleZh?: string | null;
  titleEn?: string | null;
  side?: string;
}

/** The name of a record in the admin's language, falling back to the other one. */
export function nameOf(record: Partial<NamedRecord> | null | undefined, locale: string): string {
  if (!record) return '';
  if (record.name) return record.name;
  const zh = record.nameZh ?? '';
  const en = record.nameEn ?? '';
  return locale === 'en' ? en || zh : zh || en;
}

/** Loads one page of a list for a picker, searched by `q`. */
export function usePickerOptions(source: PickerSource, q: string, enabled = true) {
  return useQuery({
    queryKey: ['picker', source, q],
    queryFn: () =>
      callApi<{ items: NamedRecord[]; total: number }>(
        'GET',
        withQuery(`/${pathOf(source)}`, { q: q.trim(), pageSize: 50 }),
      ),
    placeholderData: keepPreviousData,
    staleTime: 30_000,
    enabled,
  });
}

type PickerProps = Omit<SelectProps<string | string[]>, 'options' | 'onSearch' | 'filterOption'> & {
  source: PickerSource;
  /** Records already chosen, so their names show before the list loads. */
  known?: readonly Partial<NamedRecord>[];
  /** Called with the full record when one is chosen. */
  onPick?: (record: NamedRecord) => void;
};

/** A searchable select over one of the registry lists (partners, people, departments, majors, facilities, users). */
export function RecordPicker({ source, known = [], onPick, ...props }: PickerProps) {
  const { t } = useTranslation();
  const { locale } = useLanguage();
  const [search, setSearch] = useState('');
  const [q, setQ] = useState('');
  useEffect(() => {
    const timer = setTimeout(() => setQ(search), 250);
    return () => clearTimeout(timer);
  }, [search]);
  const options = usePickerOptions(source, q);
  const items = options.data?.items ?? [];
  const seen = new Set(items.map((i) => i.id));
  const all = [
    ...items,
    ...known.filter((k): k is NamedRecord => Boolean(k.id) && !seen.has(k.id as string)),
  ];

  return (
    <Select
      showSearch={{ filterOption: false, onSearch: setSearch }}
      allowClear
      notFoundContent={options.isFetching ? <Spin size="small" /> : t('admin.records.noMatch')}
      options={all.map((record) => ({
        value: record.id,
        label: record.code ? `${nameOf(record, locale)} (${record.code})` : nameOf(record, locale),
      }))}
      onSelect={(value: string) => {
        const record = all.find((r) => r.id === value);
        if (record) onPick?.(record);
        setSearch('');
      }}
      {...props}
    />
  );
}

/** The name of one registry record by id, loaded once and cached; a dash while unknown. */
export function RecordName({
  source,
  id,
  fallback,
}: {
  source: PickerSource;
  id: string | null | undefined;
  fallback?: string;
}) {
  const { locale } = useLanguage();
  const one = useQuery({
    queryKey: ['picker', source, 'one', id],
    queryFn: () => callApi<NamedRecord>('GET', `/${pathOf(source)}/${id}`),
    enabled: Boolean(id),
    staleTime: 5 * 60_000,
    retry: false,
  });
  if (!id) return <>{fallback ?? '—'}</>;
  return <>{one.data ? nameOf(one.data, locale) : (fallback ?? '…')}</>;
}
