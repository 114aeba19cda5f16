import type { OperationMap } from '../../../admin/api.ts';
import type { organizationOperations } from '../../organizations/organizations.schema.ts';
import type { partnerOperations } from '../partnerships.schema.ts';

// The partner registry's operations, for the admin's typed client (types only).
declare module '../../../admin/api.ts' {
  interface OperationRegistry {
    organizations: OperationMap<typeof organizationOperations>;
    partners: OperationMap<typeof partnerOperations>;
  }
}
