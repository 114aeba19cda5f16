import { useQueryClient } from '@tanstack/react-query';
import { App, Button, Tabs } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { displayName } from '../../../admin/display-name.ts';
import { useLanguage } from '../../../admin/language.tsx';
import { oneOf, useListState } from '../../../admin/list-state.ts';
import NotFoundPage from '../../../admin/not-found.page.tsx';
import { useSession } from '../../../admin/session.tsx';
import { structureQueryKey } from './org-unit-select.tsx';
import { DepartmentsList } from './structure-departments-list.tsx';
import { StructureFormModal, type StructureKind } from './structure-form-modal.tsx';
import { majorSorts, PagedList } from './structure-paged-list.tsx';
import type { Dialog, Shell } from './structure-tab-props.ts';

const tabs = ['departments', 'majors', 'facilities'] as const;
type Tab = (typeof tabs)[number];
const tabKind: Record<Tab, StructureKind> = {
  departments: 'orgUnit',
  majors: 'major',
  facilities: 'facility',
};

/** The college's own structure: departments (a tree), majors and facilities. */
export default function StructurePage() {
  const { t } = useTranslation();
  const { locale } = useLanguage();
  const session = useSession();
  const { message } = App.useApp();
  const queryClient = useQueryClient();
  const list = useListState(['tab'] as const, majorSorts);
  const [dialog, setDialog] = useState<Dialog | null>(null);
  const tab: Tab = oneOf(tabs, list.state.tab) ?? 'departments';
  const canWrite = session.can('records.write');

  if (!session.can('records.read')) return <NotFoundPage />;

  const shell: Shell = {
    title: t('admin.structure.title'),
    list,
    actions: canWrite && (
      <Button
        type="primary"
        data-testid="structure-create"
        onClick={() => setDialog({ kind: tabKind[tab], record: null })}
      >
        {t(`admin.structure.${tabKind[tab]}.create`)}
      </Button>
    ),
    above: (
      <Tabs
        activeKey={tab}
        onChange={(key) => {
          // Each tab has its own search and paging.
          list.update({
            tab: key === 'departments' ? undefined : key,
            q: undefined,
            sort: undefined,
            pageSize: undefined,
          });
        }}
        items={tabs.map((key) => ({ key, label: t(`admin.structure.tabs.${key}`) }))}
      />
    ),
  };

  return (
    <>
      {tab === 'departments' ? (
        <DepartmentsList shell={shell} canWrite={canWrite} onDialog={setDialog} />
      ) : (
        <PagedList
          key={tab}
          kind={tab === 'majors' ? 'major' : 'facility'}
          shell={shell}
          canWrite={canWrite}
          onDialog={setDialog}
        />
      )}
      <StructureFormModal
        open={dialog !== null}
        kind={dialog?.kind ?? 'orgUnit'}
        record={dialog?.record ?? null}
        parentId={dialog?.parentId}
        onClose={() => setDialog(null)}
        onSaved={(record, created) => {
          setDialog(null);
          void message.success(
            t(created ? 'admin.structure.created' : 'admin.structure.saved', {
              name: displayName(record, locale),
            }),
          );
          void queryClient.invalidateQueries({ queryKey: structureQueryKey });
        }}
      />
    </>
  );
}
