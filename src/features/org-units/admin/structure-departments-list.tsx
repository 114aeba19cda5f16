import { Button, type TableProps, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { useLanguage } from '../../../admin/language.tsx';
import { RecordListPage } from '../../../admin/record-list.tsx';
import { buildUnitTree, type UnitNode, useOrgUnits } from './org-unit-select.tsx';
import { RowActions } from './structure-row-actions.tsx';
import type { StructureTabProps } from './structure-tab-props.ts';

/** The departments as an expanded tree, whole. */
export function DepartmentsList({ shell, canWrite, onDialog }: StructureTabProps) {
  const { t } = useTranslation();
  const { locale } = useLanguage();
  const units = useOrgUnits();
  const tree = buildUnitTree(units.data?.items ?? [], locale);
  const strip = (nodes: UnitNode[]): (UnitNode & { children?: UnitNode[] })[] =>
    nodes.map((node) =>
      node.children.length > 0
        ? { ...node, children: strip(node.children) }
        : { ...node, children: undefined as never },
    );
  const rows = strip(tree);
  const columns: TableProps<UnitNode>['columns'] = [
    {
      key: 'name',
      title: t('admin.structure.columns.name'),
      render: (_: unknown, node) => (
        <span>
          <Typography.Text strong>{node.title}</Typography.Text>
          {locale !== 'en' && node.unit.nameEn && (
            <Typography.Text type="secondary"> {node.unit.nameEn}</Typography.Text>
          )}
        </span>
      ),
    },
    {
      key: 'code',
      title: t('admin.structure.columns.code'),
      render: (_: unknown, node) => node.unit.code ?? '—',
    },
    {
      key: 'kind',
      title: t('admin.structure.columns.kind'),
      render: (_: unknown, node) => t(`admin.structure.orgUnitKinds.${node.unit.kind}`),
    },
    ...(canWrite
      ? [
          {
            key: 'actions',
            title: t('admin.common.actions'),
            render: (_: unknown, node: UnitNode) => (
              <RowActions
                kind="orgUnit"
                record={node.unit}
                onEdit={() => onDialog({ kind: 'orgUnit', record: node.unit })}
                extra={
                  <Button
                    type="link"
                    size="small"
                    onClick={() => onDialog({ kind: 'orgUnit', record: null, parentId: node.unit.id })}
                  >
                    {t('admin.structure.addChild')}
                  </Button>
                }
              />
            ),
          },
        ]
      : []),
  ];
  return (
    <RecordListPage<UnitNode>
      // Remounted once loaded: antd expands all rows only on the first render with data.
      key={units.isSuccess ? 'loaded' : 'loading'}
      {...shell}
      result={{ ...units, data: units.data && { items: rows, total: rows.length } }}
      columns={columns}
      rowKey="value"
      paged={false}
      tableProps={{ expandable: { defaultExpandAllRows: true } }}
      empty={{ text: t('admin.structure.orgUnit.empty'), keep: ['tab'] }}
      testId="departments-table"
    />
  );
}
