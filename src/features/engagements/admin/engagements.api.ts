import type { OperationMap } from '../../../admin/api.ts';
import type { engagementOperations } from '../engagements.schema.ts';

// Engagements' operations, for the admin's typed client (types only).
declare module '../../../admin/api.ts' {
  interface OperationRegistry {
    engagements: OperationMap<typeof engagementOperations>;
  }
}
