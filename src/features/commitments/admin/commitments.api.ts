import type { OperationMap } from '../../../admin/api.ts';
import type { commitmentOperations } from '../commitments.schema.ts';

// Commitments' operations, for the admin's typed client (types only).
declare module '../../../admin/api.ts' {
  interface OperationRegistry {
    commitments: OperationMap<typeof commitmentOperations>;
  }
}
