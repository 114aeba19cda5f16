import type { OperationMap } from '../../../admin/api.ts';
import type { facilityOperations, majorOperations, orgUnitOperations } from '../org-units.schema.ts';

// The college structure's operations (departments, majors, facilities), for the admin's typed client (types only).
declare module '../../../admin/api.ts' {
  interface OperationRegistry {
    orgUnits: OperationMap<typeof orgUnitOperations>;
    majors: OperationMap<typeof majorOperations>;
    facilities: OperationMap<typeof facilityOperations>;
  }
}
