import type { TableProps } from 'antd';
import { useSearchParams } from 'react-router';

/** Page sizes every server-paged table offers. */
export const pageSizes = [10, 20, 50, 100];

/** The paging, sorting, search and filters of a list screen, kept in the URL so a link reproduces the view. */
export function useListState<F extends string>(filterKeys: readonly F[]) {
  const [params, setParams] = useSearchParams();
  const page = Number(params.get('page'));
  const pageSize = Number(params.get('pageSize'));
  const filters = Object.fromEntries(filterKeys.map((key) => [key, params.get(key) ?? undefined])) as Record<
    F,
    string | undefined
  >;
  const state = {
    q: params.get('q') ?? '',
    page: Number.isInteger(page) && page >= 1 ? page : 1,
    pageSize: pageSizes.includes(pageSize) ? pageSize : 20,
    sort: params.get('sort') ?? undefined,
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

  const filtered = Boolean(state.q) || filterKeys.some((key) => Boolean(filters[key]));
  const clear = () =>
    update(Object.fromEntries([['q', undefined], ...filterKeys.map((key) => [key, undefined])]));

  const sortOrder = (key: string) =>
    state.sort === key ? ('ascend' as const) : state.sort === `-${key}` ? ('descend' as const) : null;

  /** Hands antd table changes (page, page size, sort) to the URL. */
  const onTableChange = <T>(
    ...[pagination, , sorter, extra]: Parameters<NonNullable<TableProps<T>['onChange']>>
  ) => {
    if (extra.action === 'sort') {
      const one = Array.isArray(sorter) ? sorter[0] : sorter;
      const key = String(one?.columnKey ?? '');
      update({ sort: one?.order ? (one.order === 'descend' ? `-${key}` : key) : undefined });
      return;
    }
    update({
      page: pagination.current === 1 ? undefined : pagination.current,
      pageSize: pagination.pageSize === 20 ? undefined : pagination.pageSize,
    });
  };

  return { state, update, filtered, clear, sortOrder, onTableChange };
}
