import type { OperationMap } from '../../../admin/api.ts';
import type { personOperations } from '../people.schema.ts';

// The people's operations, for the admin's typed client (types only).
declare module '../../../admin/api.ts' {
  interface OperationRegistry {
    people: OperationMap<typeof personOperations>;
  }
}
