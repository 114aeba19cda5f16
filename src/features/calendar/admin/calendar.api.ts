import type { OperationMap } from '../../../admin/api.ts';
import type { calendarOperations } from '../calendar.schema.ts';

// The calendar subscriptions' operations, for the admin's typed client (types only).
declare module '../../../admin/api.ts' {
  interface OperationRegistry {
    calendar: OperationMap<typeof calendarOperations>;
  }
}
