import { useSearchParams } from 'react-router';

/** Page sizes every paged admin table offers. */
export const pageSizes = [10, 20, 50, 100];

/**
 * The state of a server-paged list kept in the URL (`q`, `page`, `pageSize`, `sort` and the named
 * filters), so a link or a reload shows the same page; `update` changes it and, unless the page
 * itself changes, goes back to the first page.
 */
export function useListParams<K extends string>(filterKeys: readonly K[], sorts: readonly string[]) {
  const [params, setParams] = useSearchParams();
  const page = Number(params.get('page'));
  const pageSize = Number(params.get('pageSize'));
  const sort = params.get('sort');
  const filters = Object.fromEntries(filterKeys.map((key) => [key, params.get(key) || undefined])) as Record<
    K,
    string | undefined
  >;
  const query = {
    q: params.get('q') ?? '',
    page: Number.isInteger(page) && page >= 1 ? page : 1,
    pageSize: pageSizes.includes(pageSize) ? pageSize : 20,
    sort: sorts.find((s) => s === sort),
    ...filters,
  };
  const update = (changes: Record<string, string | number | undefined>) => {
    const next = new URLSearchParams(params);
    for (const [key, value] of Object.entries(changes)) {
      if (value === undefined || value === '') next.delete(key);
      else next.set(key, String(value));
    }
    if (!('page' in changes)) next.delete('page');
    setParams(next, { replace: true });
  };
  const filtered = Boolean(query.q || filterKeys.some((key) => filters[key]));
  return { query, filters, update, filtered, params };
}

/** The antd sort order of a column for a `name` / `-name` style sort value. */
export function sortOrderOf(sort: string | undefined, key: string) {
  return sort === key ? ('ascend' as const) : sort === `-${key}` ? ('descend' as const) : null;
}

/** The `sort` value for an antd table sorter change. */
export function sortFromSorter(sorter: unknown): string | undefined {
  const one = (Array.isArray(sorter) ? sorter[0] : sorter) as
    | { columnKey?: unknown; order?: 'ascend' | 'descend' | null }
    | undefined;
  const key = String(one?.columnKey ?? '');
  return one?.order ? (one.order === 'descend' ? `-${key}` : key) : undefined;
}

/** A filter value from the address bar when it is one of the allowed values, else no filter. */
export function oneOf<T extends string>(values: readonly T[], value: string | undefined): T | undefined {
  return values.find((v) => v === value);
}
