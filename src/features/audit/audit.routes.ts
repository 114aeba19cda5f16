import { defineRoutes, readQuery } from '../../platform/routes.ts';
import { auditQuerySchema, auditOperations as op } from './audit.schema.ts';
import { listTimelineEvents } from './audit.service.ts';

export const auditRoutes = defineRoutes('/api/audit', 'audit', (route) => {
  route(op.list, async (c) => c.json(await listTimelineEvents(c.var.scope, readQuery(c, auditQuerySchema))));
});
