import type { OperationMap } from '../../../admin/api.ts';
import type { auditOperations } from '../audit.schema.ts';

// The audit log's operations, for the admin's typed client (types only).
declare module '../../../admin/api.ts' {
  interface OperationRegistry {
    audit: OperationMap<typeof auditOperations>;
  }
}
