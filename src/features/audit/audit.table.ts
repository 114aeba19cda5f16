import { bigserial, index, jsonb, pgTable, primaryKey, text, timestamp, uuid } from 'drizzle-orm/pg-core';

/**
 * The append-only timeline: one row per change, written in the same transaction as the change.
 * A trigger (migration 0001) refuses UPDATE and DELETE.
 */
export const timelineEvents = pgTable(
  'timeline_events',
  {
    tenantId: uuid('tenant_id').notNull(),
    id: bigserial('id', { mode: 'number' }).notNull(),
    happenedAt: timestamp('happened_at', { withTimezone: true }).notNull().defaultNow(),
    actorId: uuid('actor_id'),
    actorName: text('actor_name'),
    verb: text('verb').notNull(),
    subjectType: text('subject_type').notNull(),
    subjectId: text('subject_id').notNull(),
    diff: jsonb('diff').$type<Record<string, { from?: unknown; to?: unknown }>>().notNull().default({}),
    requestId: text('request_id'),
  },
  (t) => [
    primaryKey({ columns: [t.tenantId, t.id] }),
    index('timeline_subject_idx').on(t.tenantId, t.subjectType, t.subjectId, t.id),
    index('timeline_tenant_time_idx').on(t.tenantId, t.happenedAt),
  ],
);
