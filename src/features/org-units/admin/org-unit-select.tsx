import { useQuery } from '@tanstack/react-query';
import { Select, TreeSelect } from 'antd';
import type { CSSProperties } from 'react';
import { api } from '../../../admin/api.ts';
import { displayName } from '../../../admin/display-name.ts';
import type { AdminLocale } from '../../../admin/i18n.ts';
import { useLanguage } from '../../../admin/language.tsx';
import type { OrgUnitOutput } from '../org-units.schema.ts';

/** Query key prefix of the college's structure (departments, majors, facilities). */
export const structureQueryKey = ['structure'] as const;

/** Every department of the college (the API's largest page; a college has far fewer). */
export function useOrgUnits(enabled = true) {
  return useQuery({
    queryKey: [...structureQueryKey, 'org-units', 'all'],
    queryFn: () => api('GET /api/org-units', { query: { pageSize: 500, sort: 'nameZh' } }),
    staleTime: 60_000,
    enabled,
  });
}

/** Every major of the college. */
export function useMajors(enabled = true) {
  return useQuery({
    queryKey: [...structureQueryKey, 'majors', 'all'],
    queryFn: () => api('GET /api/majors', { query: { pageSize: 500, sort: 'nameZh' } }),
    staleTime: 60_000,
    enabled,
  });
}

/** A department as a tree node, with its children below it. */
export interface UnitNode {
  value: string;
  title: string;
  unit: OrgUnitOutput;
  children: UnitNode[];
}

/** Builds the department tree from the flat list; units whose parent is missing become roots. */
export function buildUnitTree(units: readonly OrgUnitOutput[], locale: AdminLocale): UnitNode[] {
  const nodes = new Map(
    units.map((unit) => [
      unit.id,
      { value: unit.id, title: displayName(unit, locale), unit, children: [] as UnitNode[] },
    ]),
  );
  const roots: UnitNode[] = [];
  for (const node of nodes.values()) {
    const parent = node.unit.parentId ? nodes.get(node.unit.parentId) : undefined;
    if (parent) parent.children.push(node);
    else roots.push(node);
  }
  return roots;
}

interface PickerProps {
  value?: string | null | undefined;
  onChange?: (value: string | undefined) => void;
  placeholder?: string;
  style?: CSSProperties;
  disabled?: boolean;
  id?: string;
  'aria-label'?: string;
  'data-testid'?: string;
}

/** Picks one department from the college's tree. */
export function OrgUnitSelect({ value, onChange, ...rest }: PickerProps) {
  const { locale } = useLanguage();
  const units = useOrgUnits();
  return (
    <TreeSelect<string | undefined>
      {...rest}
      value={value ?? undefined}
      onChange={(next) => onChange?.(next ?? undefined)}
      allowClear
      showSearch
      treeNodeFilterProp="title"
      treeDefaultExpandAll
      loading={units.isPending}
      treeData={buildUnitTree(units.data?.items ?? [], locale)}
      popupMatchSelectWidth={false}
    />
  );
}

/** Picks any number of majors. */
export function MajorsSelect({
  value,
  onChange,
  ...rest
}: Omit<PickerProps, 'value' | 'onChange'> & { value?: string[]; onChange?: (value: string[]) => void }) {
  const { locale } = useLanguage();
  const majors = useMajors();
  return (
    <Select<string[]>
      {...rest}
      mode="multiple"
      value={value ?? []}
      onChange={(next) => onChange?.(next)}
      allowClear
      showSearch={{ optionFilterProp: 'label' }}
      loading={majors.isPending}
      options={(majors.data?.items ?? []).map((major) => ({
        value: major.id,
        label: major.code ? `${displayName(major, locale)} (${major.code})` : displayName(major, locale),
      }))}
    />
  );
}
