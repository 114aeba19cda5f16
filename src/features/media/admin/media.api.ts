import type { OperationMap } from '../../../admin/api.ts';
import type { mediaOperations } from '../media.schema.ts';

// The media library's operations, for the admin's typed client (types only).
declare module '../../../admin/api.ts' {
  interface OperationRegistry {
    media: OperationMap<typeof mediaOperations>;
  }
}
