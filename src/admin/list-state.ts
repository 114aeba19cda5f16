import type { TableProps } from 'antd';
import { useSearchParams } from 'react-router';

/** Page sizes every server-paged table offers. */
export const pageSizes = [10, 20, 50, 100];

/**
 * The paging, sorting, search and filters of a list screen, kept in the URL so a link or a reload
 * reproduces the view. `sorts`, when given, are the only sort values taken from the address bar.
 */
export function useListState<F extends string>(filterKeys: readonly F[], sorts?: readonly string[]) {
  const [params, setParams] = useSearchParams();
  const page = Number(params.get('page'));
  const pageSize = Number(params.get('pageSize'));
  const sort = params.get('sort') ?? undefined;
  const filters = Object.fromEntries(filterKeys.map((key) => [key, params.get(key) || undefined])) as Record<
    F,
    string | undefined
  >;
  const state = {
    q: params.get('q') ?? '',
    page: Number.isInteger(page) && page >= 1 ? page : 1,
    pageSize: pageSizes.includes(pageSize) ? pageSize : 20,
    sort: sorts ? sorts.find((s) => s === sort) : sort,
    ...filters,
  };

  const update = (changes: Record<string, string | number | undefined>) => {
    const next = new URLSearchParams(params);
    for (const [key, value] of Object.entries(changes)) {
      if (value === undefined || value === '') next.delete(key);
      else next.set(key, String(value));
    }
    // Any change other than the page itself starts again from the first page.
    if (!('page' in changes)) next.delete('page');
    setParams(next, { replace: true });
  };

  /** Whether a search or a filter other than `keep` (such as a tab) narrows the list. */
  const filteredExcept = (keep: readonly string[] = []) =>
    Boolean(state.q) || filterKeys.some((key) => !keep.includes(key) && Boolean(filters[key]));
  const filtered = filteredExcept();
  /** Clears the search and the named filters (not `keep`, such as a tab). */
  const clear = (keep: readonly string[] = []) =>
    update(
      Object.fromEntries([
        ['q', undefined],
        ...filterKeys.filter((key) => !keep.includes(key)).map((key) => [key, undefined]),
      ]),
    );

  const sortOrder = (key: string) => sortOrderOf(state.sort, key);

  /** Hands antd table changes (page, page size, sort) to the URL. */
  const onTableChange = <T>(
    ...[pagination, , sorter, extra]: Parameters<NonNullable<TableProps<T>['onChange']>>
  ) => {
    if (extra.action === 'sort') {
      update({ sort: sortFromSorter(sorter) });
      return;
    }
    update({
      page: pagination.current === 1 ? undefined : pagination.current,
      pageSize: pagination.pageSize === 20 ? undefined : pagination.pageSize,
    });
  };

  return { state, filters, params, update, filtered, filteredExcept, clear, sortOrder, onTableChange };
}

/** What the shared list pieces need of a list screen's `useListState`. */
export interface ListState {
  state: { q: string; page: number; pageSize: number; sort?: string | undefined };
  update(changes: Record<string, string | number | undefined>): void;
  filteredExcept(keep?: readonly string[]): boolean;
  clear(keep?: readonly string[]): void;
  onTableChange<T>(...args: Parameters<NonNullable<TableProps<T>['onChange']>>): void;
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
