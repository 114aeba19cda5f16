import type { OperationMap } from '../../../admin/api.ts';
import type { collegeOperations } from '../colleges.schema.ts';

// The colleges' operations, for the admin's typed client (types only).
declare module '../../../admin/api.ts' {
  interface OperationRegistry {
    colleges: OperationMap<typeof collegeOperations>;
  }
}
