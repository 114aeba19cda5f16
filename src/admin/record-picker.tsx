import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { Select, type SelectProps, Spin } from 'antd';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api } from './api.ts';
import { useLanguage } from './language.tsx';

/** The lists a picker can choose from. */
export type PickerSource = 'organizations' | 'people' | 'org-units' | 'majors' | 'facilities' | 'users';

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

/** One page of a picker's list. */
interface PickerPage {
  items: NamedRecord[];
  total: number;
}

/**
 * Searches one source's list through its typed operation; each answer's items already carry the
 * names `NamedRecord` reads, which the compiler checks. Colleagues come from the directory, which
 * every record reader may see.
 */
function searchRecords(source: PickerSource, q: string): Promise<PickerPage> {
  const query = { q: q.trim(), pageSize: 50 };
  switch (source) {
    case 'organizations':
      return api('GET /api/organizations', { query });
    case 'people':
      return api('GET /api/people', { query });
    case 'org-units':
      return api('GET /api/org-units', { query });
    case 'majors':
      return api('GET /api/majors', { query });
    case 'facilities':
      return api('GET /api/facilities', { query });
    case 'users':
      return api('GET /api/users/directory', { query });
  }
}

/** Loads one record of a source by id through its typed operation, to name it (colleagues from the directory). */
export function loadNamedRecord(source: PickerSource, id: string): Promise<NamedRecord> {
  const params = { id };
  switch (source) {
    case 'organizations':
      return api('GET /api/organizations/:id', { params });
    case 'people':
      return api('GET /api/people/:id', { params });
    case 'org-units':
      return api('GET /api/org-units/:id', { params });
    case 'majors':
      return api('GET /api/majors/:id', { params });
    case 'facilities':
      return api('GET /api/facilities/:id', { params });
    case 'users':
      return api('GET /api/users/directory/:id', { params });
  }
}

/** Loads one page of a list for a picker, searched by `q`. */
export function usePickerOptions(source: PickerSource, q: string, enabled = true) {
  return useQuery({
    queryKey: ['picker', source, q],
    queryFn: () => searchRecords(source, q),
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
    queryFn: () => loadNamedRecord(source, id ?? ''),
    enabled: Boolean(id),
    staleTime: 5 * 60_000,
    retry: false,
  });
  if (!id) return <>{fallback ?? '—'}</>;
  return <>{one.data ? nameOf(one.data, locale) : (fallback ?? '…')}</>;
}

const filterTexts = {
  organizations: ['admin.records.partnerFilter', 'admin.records.allPartners'],
  'org-units': ['admin.records.departmentFilter', 'admin.records.allDepartments'],
} as const;

/** A list screen's filter by one partner or one department (the same label and placeholder everywhere). */
export function RecordFilter({
  source,
  value,
  onChange,
  width = 220,
}: {
  source: keyof typeof filterTexts;
  value: string | undefined;
  onChange: (id: string | undefined) => void;
  width?: number;
}) {
  const { t } = useTranslation();
  const [label, placeholder] = filterTexts[source];
  return (
    <RecordPicker
      source={source}
      aria-label={t(label)}
      placeholder={t(placeholder)}
      value={value}
      onChange={(id) => onChange(id as string | undefined)}
      style={{ width }}
    />
  );
}
