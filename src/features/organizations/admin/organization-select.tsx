import { useQuery } from '@tanstack/react-query';
import { Select } from 'antd';
import { type CSSProperties, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api } from '../../../admin/api.ts';
import { displayName } from '../../../admin/display-name.ts';
import { useLanguage } from '../../../admin/language.tsx';

/** Picks one partner by searching the registry as the admin types. */
export function OrganizationSelect({
  value,
  onChange,
  style,
  id,
  'aria-label': ariaLabel,
}: {
  value?: string | null;
  onChange?: (value: string | undefined) => void;
  style?: CSSProperties;
  id?: string;
  'aria-label'?: string;
}) {
  const { t } = useTranslation();
  const { locale } = useLanguage();
  const [q, setQ] = useState('');
  const found = useQuery({
    queryKey: ['organizations', 'pick', q],
    queryFn: () => api('GET /api/organizations', { query: { q: q.trim(), pageSize: 20, sort: 'nameZh' } }),
    staleTime: 30_000,
  });
  const chosen = useQuery({
    queryKey: ['organizations', 'one', value],
    queryFn: () => api('GET /api/organizations/:id', { params: { id: value ?? '' } }),
    enabled: Boolean(value) && !found.data?.items.some((org) => org.id === value),
  });
  const options = [...(found.data?.items ?? []), ...(chosen.data ? [chosen.data] : [])]
    .filter((org, index, all) => all.findIndex((o) => o.id === org.id) === index)
    .map((org) => ({ value: org.id, label: displayName(org, locale) }));
  return (
    <Select<string | undefined>
      id={id}
      aria-label={ariaLabel}
      value={value ?? undefined}
      onChange={(next) => onChange?.(next ?? undefined)}
      showSearch={{ filterOption: false, onSearch: setQ }}
      allowClear
      placeholder={t('admin.people.pickOrganization')}
      loading={found.isFetching}
      options={options}
      style={style}
    />
  );
}
