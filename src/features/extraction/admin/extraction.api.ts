import type { OperationMap } from '../../../admin/api.ts';
import type { proposalOperations } from '../proposals.schema.ts';

// The proposal review queue's operations, for the admin's typed client (types only).
declare module '../../../admin/api.ts' {
  interface OperationRegistry {
    proposals: OperationMap<typeof proposalOperations>;
  }
}
