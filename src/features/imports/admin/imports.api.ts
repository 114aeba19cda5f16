import type { OperationMap } from '../../../admin/api.ts';
import type { importOperations } from '../imports.schema.ts';
import type { sheetImportOperations } from '../sheet-import.schema.ts';

// Imports' operations, for the admin's typed client (types only).
declare module '../../../admin/api.ts' {
  interface OperationRegistry {
    imports: OperationMap<typeof importOperations>;
    sheetImports: OperationMap<typeof sheetImportOperations>;
  }
}
