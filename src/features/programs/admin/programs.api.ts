import type { OperationMap } from '../../../admin/api.ts';
import type { programOperations } from '../programs.schema.ts';

// The programs' operations, for the admin's typed client (types only).
declare module '../../../admin/api.ts' {
  interface OperationRegistry {
    programs: OperationMap<typeof programOperations>;
  }
}
