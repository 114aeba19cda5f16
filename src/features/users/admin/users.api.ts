import type { OperationMap } from '../../../admin/api.ts';
import type { authOperations, userOperations } from '../users.schema.ts';

// The users' and the logged-in caller's operations, for the admin's typed client (types only).
declare module '../../../admin/api.ts' {
  interface OperationRegistry {
    users: OperationMap<typeof userOperations>;
    auth: OperationMap<typeof authOperations>;
  }
}
