import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { Select, type SelectProps, Spin } from 'antd';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api } from '../../../admin/api.ts';
import { useLanguage } from '../../../admin/language.tsx';

/** The lists whose records are named by a title in two languages. */
export type TitledSource = 'engagements' | 'programs';

/** Whatever an engagement or program list item carries that can name it. */
export interface TitledRecord {
  id: string;
  titleZh?: string | null;
  titleEn?: string | null;
  /** Engagements: the day it happened, shown before the title. */
  startsOn?: string | null;
}

/** The title of an engagement or program in the admin's language, with its date when it has one. */
export function titleOf(record: TitledRecord, locale: string): string {
  const zh = record.titleZh ?? '';
  const en = record.titleEn ?? '';
  const title = locale === 'en' ? en || zh : zh || en;
  return record.startsOn ? `${record.startsOn} ${title}` : title;
}

/** One page of a titled picker's list. */
interface TitledPage {
  items: TitledRecord[];
  total: number;
}

/**
 * Searches engagements or programs through their typed list operation, the newest first; each
 * answer's items already carry what `TitledRecord` reads, which the compiler checks.
 */
function searchTitled(source: TitledSource, q: string): Promise<TitledPage> {
  switch (source) {
    case 'engagements':
      return api('GET /api/engagements', { query: { q: q.trim(), pageSize: 50, sort: '-startsOn' } });
    case 'programs':
      return api('GET /api/programs', { query: { q: q.trim(), pageSize: 50, sort: '-startOn' } });
  }
}

type Props = Omit<SelectProps<string | string[]>, 'options' | 'onSearch' | 'filterOption'> & {
  source: TitledSource;
  /** Records already chosen, so their titles show before the list loads. */
  known?: readonly TitledRecord[];
};

/**
 * A searchable select over engagements or programs, like the registry's RecordPicker (which names
 * records by `name`): the newest first, searched on the server by `q`.
 */
export function TitledRecordPicker({ source, known = [], ...props }: Props) {
  const { t } = useTranslation();
  const { locale } = useLanguage();
  const [search, setSearch] = useState('');
  const [q, setQ] = useState('');
  useEffect(() => {
    const timer = setTimeout(() => setQ(search), 250);
    return () => clearTimeout(timer);
  }, [search]);
  const options = useQuery({
    queryKey: ['picker', source, q],
    queryFn: () => searchTitled(source, q),
    placeholderData: keepPreviousData,
    staleTime: 30_000,
  });
  const items = options.data?.items ?? [];
  const seen = new Set(items.map((i) => i.id));
  const all = [...items, ...known.filter((k) => !seen.has(k.id))];

  return (
    <Select
      showSearch={{ filterOption: false, onSearch: setSearch }}
      allowClear
      notFoundContent={options.isFetching ? <Spin size="small" /> : t('admin.records.noMatch')}
      options={all.map((record) => ({ value: record.id, label: titleOf(record, locale) }))}
      onSelect={() => setSearch('')}
      {...props}
    />
  );
}
