import { engagementSheet } from './engagement-sheet.ts';
import { factSheet } from './fact-sheet.ts';
import { partnerSheet } from './partner-sheet.ts';
import { peopleSheet } from './people-sheet.ts';
import { practiceSheet } from './practice-sheet.ts';
import type { SheetImportKind } from './sheet-import.schema.ts';
import type { SheetKind } from './sheet-kind.ts';

/** Every kind of spreadsheet import, by its name. */
export const sheetKinds: Record<SheetImportKind, SheetKind<never, never>> = {
  partners: partnerSheet as SheetKind<never, never>,
  people: peopleSheet as SheetKind<never, never>,
  facts: factSheet as SheetKind<never, never>,
  engagements: engagementSheet as SheetKind<never, never>,
  practice: practiceSheet as SheetKind<never, never>,
};
