import type { OperationMap } from '../../../admin/api.ts';
import type { settingsOperations } from '../settings.schema.ts';

// The college settings' operations, for the admin's typed client (types only).
declare module '../../../admin/api.ts' {
  interface OperationRegistry {
    settings: OperationMap<typeof settingsOperations>;
  }
}
