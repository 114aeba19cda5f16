import { sql } from 'drizzle-orm';
import {
  boolean,
  foreignKey,
  index,
  pgTable,
  primaryKey,
  text,
  timestamp,
  uniqueIndex,
  uuid,
} from 'drizzle-orm/pg-core';
import { recordColumns } from '../../db/columns.ts';

/** A college (or a union of colleges) using Concord; the root of every tenant-owned row. */
export const tenants = pgTable('tenants', {
  id: uuid('id').primaryKey(),
  slug: text('slug').notNull().unique(),
  nameZh: text('name_zh').notNull(),
  nameEn: text('name_en').notNull(),
  status: text('status', { enum: ['active', 'suspended'] })
    .notNull()
    .default('active'),
  createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
});

/** A public site of a tenant, resolved by host name; one site per tenant may be the install's default. */
export const sites = pgTable(
  'sites',
  {
    ...recordColumns(),
    host: text('host').notNull(),
    isDefault: boolean('is_default').notNull().default(false),
    nameZh: text('name_zh').notNull(),
    nameEn: text('name_en').notNull(),
    defaultLocale: text('default_locale', { enum: ['zh-CN', 'en'] })
      .notNull()
      .default('zh-CN'),
  },
  (t) => [
    primaryKey({ columns: [t.tenantId, t.id] }),
    foreignKey({ columns: [t.tenantId], foreignColumns: [tenants.id] }),
    uniqueIndex('sites_host_key').on(sql`lower(${t.host})`),
    uniqueIndex('sites_one_default').on(t.isDefault).where(sql`${t.isDefault}`),
    index('sites_tenant_idx').on(t.tenantId),
  ],
);
