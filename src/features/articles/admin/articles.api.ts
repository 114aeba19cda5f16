import type { OperationMap } from '../../../admin/api.ts';
import type { articleOperations, channelOperations } from '../articles.schema.ts';

// The news desk's operations (articles and channels), for the admin's typed client (types only).
declare module '../../../admin/api.ts' {
  interface OperationRegistry {
    articles: OperationMap<typeof articleOperations>;
    channels: OperationMap<typeof channelOperations>;
  }
}
