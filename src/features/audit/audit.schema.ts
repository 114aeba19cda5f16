import { z } from 'zod';
import { defineOperation } from '../../platform/api-operation.ts';
import { listResultSchema } from '../../platform/list-query.ts';

export const auditQuerySchema = z.object({
  page: z.coerce.number().int().min(1).max(100_000).default(1),
  pageSize: z.coerce.number().int().min(1).max(200).default(20),
  subjectType: z.string().trim().max(60).optional(),
  subjectId: z.string().trim().max(100).optional(),
  actorId: z.uuid().optional(),
  verb: z.string().trim().max(100).optional(),
  from: z.iso.date().optional(),
  to: z.iso.date().optional(),
});
export type AuditQuery = z.input<typeof auditQuerySchema>;

export const timelineEventSchema = z.object({
  id: z.number().int(),
  happenedAt: z.string(),
  actorId: z.string().nullable(),
  actorName: z.string().nullable(),
  verb: z.string(),
  subjectType: z.string(),
  subjectId: z.string(),
  diff: z.record(z.string(), z.object({ from: z.unknown().optional(), to: z.unknown().optional() })),
  requestId: z.string().nullable(),
});
export type TimelineEvent = z.infer<typeof timelineEventSchema>;

// ---------------------------------------------------------------- operations

const base = '/api/audit';

/** The audit log: who changed what, when. */
export const auditOperations = {
  list: defineOperation({
    basePath: base,
    method: 'GET',
    path: '/',
    access: 'audit.read',
    summary: 'List timeline events (who changed what, when, with the diff)',
    query: auditQuerySchema,
    response: listResultSchema(timelineEventSchema),
  }),
};
