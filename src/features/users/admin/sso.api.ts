import type { OperationMap } from '../../../admin/api.ts';
import type { ssoOperations } from '../sso.schema.ts';

// Single sign-on's operations, for the admin's typed client (types only).
declare module '../../../admin/api.ts' {
  interface OperationRegistry {
    sso: OperationMap<typeof ssoOperations>;
  }
}
