import type { OperationMap } from '../../../admin/api.ts';
import type { agreementOperations } from '../agreements.schema.ts';

// The agreements' operations, for the admin's typed client (types only).
declare module '../../../admin/api.ts' {
  interface OperationRegistry {
    agreements: OperationMap<typeof agreementOperations>;
  }
}
