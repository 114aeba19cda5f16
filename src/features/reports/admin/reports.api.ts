import type { OperationMap } from '../../../admin/api.ts';
import type { exportOperations } from '../reports.exports.schema.ts';
import type { reportOperations } from '../reports.schema.ts';

// Reports' operations, for the admin's typed client (types only).
declare module '../../../admin/api.ts' {
  interface OperationRegistry {
    reports: OperationMap<typeof reportOperations>;
    reportExports: OperationMap<typeof exportOperations>;
  }
}
