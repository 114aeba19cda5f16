import { Alert, Button, Empty, Input, Space, Table, type TableProps, Typography } from 'antd';
import { type ReactNode, useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { errorMessage } from './api-client.ts';
import { ExportButton } from './export-buttons.tsx';
import { type ListState, pageSizes } from './list-state.ts';

/** What a list query gives the list page: a page of rows and the total, or an error to retry. */
export interface ListResult<T> {
  data?: { items: readonly T[]; total: number } | undefined;
  isPending: boolean;
  isFetching: boolean;
  isError: boolean;
  error: unknown;
  refetch: () => unknown;
}

/** The search box of a list: typed freely, applied to the URL on Enter or the button. */
export interface ListSearchProps {
  label: string;
  placeholder: string;
  width?: number;
  testId?: string;
}

/** The empty state: one message for an empty register, another when filters hide every row. */
export interface ListEmptyProps {
  text: string;
  filteredText?: string;
  /** Offered when nothing is filtered (e.g. "add the first partner"). */
  action?: ReactNode;
  /** Filters that "clear filters" keeps (such as the tab the list is on). */
  keep?: readonly string[];
}

/** Everything a record list screen is made of, so each screen declares only what is its own. */
export interface RecordListPageProps<T> {
  title: string;
  list: ListState;
  result: ListResult<T>;
  columns: TableProps<T>['columns'];
  /** The export's list name (`/api/reports/exports/<name>`); no export button without it. */
  exportList?: string;
  /** The query the export repeats, when it differs from the URL's state. */
  exportQuery?: Record<string, string | number | undefined | null>;
  /** Buttons beside the export, such as "add". */
  actions?: ReactNode;
  search?: ListSearchProps;
  /** Filter controls after the search box. */
  filters?: ReactNode;
  /** What sits between the header and the filters, such as tabs. */
  above?: ReactNode;
  /** What sits between the filters and the table, such as chips of extra filters. */
  below?: ReactNode;
  empty: ListEmptyProps;
  testId: string;
  /** False for a list that comes whole (no paging). */
  paged?: boolean;
  /** The pager's count of rows, when the list says it in its own words ("12 proposals"). */
  totalText?: (count: number) => string;
  rowKey?: TableProps<T>['rowKey'];
  tableProps?: Omit<TableProps<T>, 'columns' | 'dataSource' | 'pagination' | 'onChange' | 'locale'>;
  /** Drawers and dialogs the screen opens. */
  children?: ReactNode;
}

/**
 * A record list screen: title with export and actions, a search box and filters kept in the URL,
 * a paged and sortable table with a loading skeleton, a retry on failure, and an empty state that
 * tells an empty register from filters that hide every row.
 */
export function RecordListPage<T extends object>(props: RecordListPageProps<T>) {
  const { list } = props;
  return (
    <>
      <div className="concord-page-header">
        <Typography.Title level={1} style={{ fontSize: 24 }}>
          {props.title}
        </Typography.Title>
        <Space wrap>
          {props.exportList && (
            <ExportButton list={props.exportList} query={props.exportQuery ?? list.state} />
          )}
          {props.actions}
        </Space>
      </div>
      {props.above}
      {(props.search || props.filters) && (
        <search className="concord-filters">
          {props.search && <ListSearch list={list} {...props.search} />}
          {props.filters}
        </search>
      )}
      {props.below}
      <RecordTable {...props} />
      {props.children}
    </>
  );
}

/** The search box of a list screen; it follows the URL when the search is cleared elsewhere. */
export function ListSearch({
  list,
  label,
  placeholder,
  width = 280,
  testId,
}: ListSearchProps & { list: ListState }) {
  const { t } = useTranslation();
  const [text, setText] = useState(list.state.q);
  useEffect(() => setText(list.state.q), [list.state.q]);
  return (
    <Input.Search
      aria-label={label}
      placeholder={placeholder}
      value={text}
      onChange={(e) => setText(e.target.value)}
      onSearch={(value) => list.update({ q: value.trim() })}
      allowClear
      enterButton={t('admin.common.search')}
      style={{ width, maxWidth: '100%' }}
      data-testid={testId}
    />
  );
}

/** The table of a list screen: error and retry, skeleton while the first page loads, paging in the URL. */
export function RecordTable<T extends object>({
  list,
  result,
  columns,
  empty,
  testId,
  paged = true,
  totalText,
  rowKey = 'id' as TableProps<T>['rowKey'],
  tableProps,
}: Pick<
  RecordListPageProps<T>,
  'list' | 'result' | 'columns' | 'empty' | 'testId' | 'paged' | 'totalText' | 'rowKey' | 'tableProps'
>) {
  const { t } = useTranslation();
  const filtered = list.filteredExcept(empty.keep);
  return (
    <>
      {result.isError && (
        <Alert
          type="error"
          showIcon
          title={t('admin.common.loadFailed')}
          description={errorMessage(result.error)}
          action={<Button onClick={() => void result.refetch()}>{t('admin.common.retry')}</Button>}
          style={{ marginBottom: 16 }}
        />
      )}
      <div data-testid={testId}>
        <Table<T>
          rowKey={rowKey}
          columns={columns}
          dataSource={(result.data?.items ?? []) as T[]}
          loading={result.isFetching && !result.isPending}
          onChange={list.onTableChange}
          scroll={{ x: 'max-content' }}
          showSorterTooltip={false}
          {...tableProps}
          pagination={
            paged && {
              current: list.state.page,
              pageSize: list.state.pageSize,
              total: result.data?.total ?? 0,
              showSizeChanger: true,
              pageSizeOptions: pageSizes,
              showTotal: (total) => totalText?.(total) ?? t('admin.common.total', { count: total }),
            }
          }
          locale={{
            emptyText:
              result.isPending && !result.isError ? (
                <ListSkeleton />
              ) : (
                <Empty description={filtered && empty.filteredText ? empty.filteredText : empty.text}>
                  {filtered ? (
                    <Button onClick={() => list.clear(empty.keep)}>{t('admin.common.clearFilters')}</Button>
                  ) : (
                    empty.action
                  )}
                </Empty>
              ),
          }}
        />
      </div>
    </>
  );
}

/** Grey bars in place of the first rows while they load, announced once to screen readers. */
function ListSkeleton() {
  const { t } = useTranslation();
  return (
    <div className="concord-list-skeleton" role="status" aria-label={t('admin.common.loadingList')}>
      {[0, 1, 2, 3, 4].map((row) => (
        <span key={row} />
      ))}
    </div>
  );
}
