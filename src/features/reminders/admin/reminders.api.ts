import type { OperationMap } from '../../../admin/api.ts';
import type { reminderOperations } from '../reminders.schema.ts';

// The e-mail reminders' operations, for the admin's typed client (types only).
declare module '../../../admin/api.ts' {
  interface OperationRegistry {
    reminders: OperationMap<typeof reminderOperations>;
  }
}
