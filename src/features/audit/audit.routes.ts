import { listResultSchema } from '../../platform/list-query.ts';
import { defineRoutes, readQuery } from '../../platform/routes.ts';
import { auditQuerySchema, timelineEventSchema } from './audit.schema.ts';
import { listTimelineEvents } from './audit.service.ts';

export const auditRoutes = defineRoutes('/api/audit', 'audit', (route) => {
  route(
    {
      method: 'GET',
      path: '/',
      access: 'audit.read',
      summary: 'List timeline events (who changed what, when, with the diff)',
      query: auditQuerySchema,
      response: listResultSchema(timelineEventSchema),
    },
    async (c) => c.json(await listTimelineEvents(c.var.scope, readQuery(c, auditQuerySchema))),
  );
});
