import { and, desc, eq, gte, lt, type SQL } from 'drizzle-orm';
import type { TenantScope } from '../../db/tenant-scope.ts';
import { parseInput } from '../../platform/validation.ts';
import { type AuditQuery, auditQuerySchema, type TimelineEvent } from './audit.schema.ts';
import { timelineEvents } from './audit.table.ts';

function toEvent(row: typeof timelineEvents.$inferSelect): TimelineEvent {
  const { tenantId: _tenant, ...rest } = row;
  return { ...rest, happenedAt: row.happenedAt.toISOString() };
}

/** The college's timeline events, newest first, filtered by subject, actor, verb or date range. */
export async function listTimelineEvents(scope: TenantScope, query: AuditQuery) {
  const q = parseInput(auditQuerySchema, query);
  const conditions: SQL[] = [];
  if (q.subjectType) conditions.push(eq(timelineEvents.subjectType, q.subjectType));
  if (q.subjectId) conditions.push(eq(timelineEvents.subjectId, q.subjectId));
  if (q.actorId) conditions.push(eq(timelineEvents.actorId, q.actorId));
  if (q.verb) conditions.push(eq(timelineEvents.verb, q.verb));
  if (q.from) conditions.push(gte(timelineEvents.happenedAt, new Date(`${q.from}T00:00:00Z`)));
  if (q.to)
    conditions.push(
      lt(timelineEvents.happenedAt, new Date(new Date(`${q.to}T00:00:00Z`).getTime() + 86_400_000)),
    );
  const page = await scope.page(timelineEvents, {
    where: conditions.length ? and(...conditions) : undefined,
    orderBy: [desc(timelineEvents.id)],
    page: q.page,
    pageSize: q.pageSize,
  });
  return { items: page.items.map(toEvent), total: page.total };
}
