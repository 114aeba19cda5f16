import type { useListState } from '../../../admin/list-state.ts';
import type { RecordListPageProps } from '../../../admin/record-list.tsx';
import type { FacilityOutput, MajorOutput, OrgUnitOutput } from '../org-units.schema.ts';
import type { StructureKind } from './structure-form-modal.tsx';

/** A record of any of the structure tabs: a department, a major or a facility. */
export type AnyRecord = OrgUnitOutput | MajorOutput | FacilityOutput;

/** The form the page opens: which kind, the record to edit (none to add), a new department's parent. */
export type Dialog = { kind: StructureKind; record: AnyRecord | null; parentId?: string | null };

/** What every tab's list shares: the title, the create button, the tabs and the URL state. */
export type Shell = Pick<RecordListPageProps<object>, 'title' | 'actions' | 'above'> & {
  list: ReturnType<typeof useListState<'tab'>>;
};

/** What the page hands each tab's list. */
export interface StructureTabProps {
  shell: Shell;
  canWrite: boolean;
  onDialog: (dialog: Dialog) => void;
}
