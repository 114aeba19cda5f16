import { integer, timestamp, uuid } from 'drizzle-orm/pg-core';

/** Columns every tenant-owned record carries; `tenant_id` leads its keys. */
export function recordColumns() {
  return {
    tenantId: uuid('tenant_id').notNull(),
    id: uuid('id').notNull(),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
    version: integer('version').notNull().default(1),
  };
}
