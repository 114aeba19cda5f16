import type { UseQueryResult } from '@tanstack/react-query';
import { Alert, Button, Card, Col, Empty, Row, Segmented, Space, Typography } from 'antd';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { errorMessage } from '../../../admin/api-client.ts';
import { displayNameOf } from '../../../admin/display-name.ts';
import { useLanguage } from '../../../admin/language.tsx';
import type { ListState } from '../../../admin/list-state.ts';
import type { BoardOutput } from '../commitments.schema.ts';
import { StatusTag } from './commitment-status-tag.tsx';

/** A commitment as the board shows it (without its version). */
export type BoardItem = BoardOutput['groups'][number]['columns']['open'][number];
type BoardGroup = BoardOutput['groups'][number];
type Column = 'open' | 'in_progress' | 'done' | 'overdue';
const boardColumns: readonly Column[] = ['open', 'in_progress', 'done', 'overdue'];

/** A column's count as the board shows it: counts stop at the cap, shown as "99+". */
function shownCount(n: number, cap: number | undefined): string {
  return cap !== undefined && n >= cap ? `${cap - 1}+` : String(n);
}

/** One column of an owner's or department's board: its first cards and a link to the whole list. */
function BoardColumn({
  column,
  group,
  countCap,
  actions,
  onSeeAll,
}: {
  column: Column;
  group: BoardGroup;
  countCap: number | undefined;
  actions: (item: BoardItem) => ReactNode;
  onSeeAll: () => void;
}) {
  const { t } = useTranslation();
  return (
    <Card
      size="small"
      title={
        <span style={column === 'overdue' ? { color: '#b42318' } : undefined}>
          {t(`admin.commitments.statuses.${column}`)} ({shownCount(group.counts[column], countCap)})
        </span>
      }
      style={column === 'overdue' ? { borderColor: '#f5a3a3', background: '#fff7f7' } : undefined}
      data-testid={`board-column-${column}`}
    >
      {group.columns[column].length === 0 ? (
        <Typography.Text type="secondary">{t('admin.commitments.emptyColumn')}</Typography.Text>
      ) : (
        <Space orientation="vertical" size={8} style={{ width: '100%' }}>
          {group.columns[column].map((item) => (
            <Card key={item.id} size="small" data-testid="board-card">
              <div>{item.text}</div>
              <Space size={4} wrap style={{ marginTop: 4 }}>
                <StatusTag status={item.status} overdue={item.overdue} />
                {item.dueOn && (
                  <Typography.Text type={item.overdue ? 'danger' : 'secondary'}>
                    {t('admin.commitments.fields.dueOn')} {item.dueOn}
                  </Typography.Text>
                )}
              </Space>
              <div>{actions(item)}</div>
            </Card>
          ))}
          {group.key && group.counts[column] > group.columns[column].length && (
            <Button
              type="link"
              size="small"
              style={{ paddingInline: 0 }}
              data-testid="board-see-all"
              onClick={onSeeAll}
            >
              {t('admin.commitments.seeColumn', { shown: shownCount(group.counts[column], countCap) })}
            </Button>
          )}
        </Space>
      )}
    </Card>
  );
}

/** The board view: the grouping switch, then per owner or department its four status columns. */
export function CommitmentsBoard({
  board,
  by,
  update,
  actions,
}: {
  board: UseQueryResult<BoardOutput>;
  by: 'owner' | 'department';
  update: ListState['update'];
  actions: (item: BoardItem) => ReactNode;
}) {
  const { t } = useTranslation();
  const { locale } = useLanguage();
  return (
    <>
      <div className="concord-filters">
        <Segmented
          aria-label={t('admin.commitments.groupingLabel')}
          value={by}
          onChange={(v) => update({ by: v === 'department' ? 'department' : undefined })}
          options={[
            { value: 'owner', label: t('admin.commitments.byOwner') },
            { value: 'department', label: t('admin.commitments.byDepartment') },
          ]}
        />
      </div>
      {board.isError && (
        <Alert
          type="error"
          showIcon
          title={t('admin.common.loadFailed')}
          description={errorMessage(board.error)}
          action={<Button onClick={() => void board.refetch()}>{t('admin.common.retry')}</Button>}
          style={{ marginBottom: 16 }}
        />
      )}
      {board.isPending ? (
        <Card loading />
      ) : (board.data?.groups ?? []).length === 0 ? (
        <Empty description={t('admin.commitments.empty')} />
      ) : (
        <Space orientation="vertical" size="large" style={{ width: '100%' }} data-testid="commitments-board">
          {(board.data?.groups ?? []).map((group) => (
            <section key={group.key ?? 'none'} aria-label={group.key ?? t('admin.commitments.unassigned')}>
              <Typography.Title level={2} style={{ fontSize: 17 }}>
                {!group.key
                  ? t('admin.commitments.unassigned')
                  : by === 'owner'
                    ? (group.ownerUserName ?? '—')
                    : displayNameOf(group.ownerOrgUnitNameZh, group.ownerOrgUnitNameEn, locale)}
              </Typography.Title>
              <Row gutter={[12, 12]}>
                {boardColumns.map((column) => (
                  <Col key={column} xs={24} sm={12} xl={6}>
                    <BoardColumn
                      column={column}
                      group={group}
                      countCap={board.data?.countCap}
                      actions={actions}
                      onSeeAll={() =>
                        update({
                          view: 'list',
                          by: undefined,
                          status: column,
                          [by === 'owner' ? 'ownerUserId' : 'ownerOrgUnitId']: group.key ?? undefined,
                        })
                      }
                    />
                  </Col>
                ))}
              </Row>
            </section>
          ))}
        </Space>
      )}
    </>
  );
}
