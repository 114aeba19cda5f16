import { sql } from 'drizzle-orm';
import { index, pgTable, primaryKey, text, timestamp, uniqueIndex, uuid } from 'drizzle-orm/pg-core';
import { recordColumns } from '../../db/columns.ts';
import { organizationKinds } from './organizations.schema.ts';

export { organizationKinds };

/** A partner organization of any kind; `merged_into_id` is set when it was merged into another. */
export const organizations = pgTable(
  'organizations',
  {
    ...recordColumns(),
    kind: text('kind', { enum: organizationKinds }).notNull(),
    nameZh: text('name_zh').notNull(),
    nameEn: text('name_en').notNull().default(''),
    aliases: text('aliases').array().notNull().default(sql`'{}'::text[]`),
    /** Unified social credit code (统一社会信用代码), 18 characters, check digit validated. */
    uscc: text('uscc'),
    industry: text('industry'),
    region: text('region'),
    flags: text('flags').array().notNull().default(sql`'{}'::text[]`),
    tags: text('tags').array().notNull().default(sql`'{}'::text[]`),
    parentId: uuid('parent_id'),
    /** Cooperating since, `YYYY` or `YYYY-MM`. */
    since: text('since'),
    website: text('website'),
    description: text('description'),
    status: text('status', { enum: ['active', 'merged', 'archived'] })
      .notNull()
      .default('active'),
    mergedIntoId: uuid('merged_into_id'),
    deletedAt: timestamp('deleted_at', { withTimezone: true }),
  },
  (t) => [
    primaryKey({ columns: [t.tenantId, t.id] }),
    uniqueIndex('organizations_uscc_key')
      .on(t.tenantId, t.uscc)
      .where(sql`${t.uscc} is not null and ${t.deletedAt} is null and ${t.status} <> 'merged'`),
    index('organizations_kind_idx').on(t.tenantId, t.kind, t.nameZh),
    index('organizations_name_zh_trgm').using('gin', sql`${t.nameZh} gin_trgm_ops`),
    index('organizations_name_en_trgm').using('gin', sql`lower(${t.nameEn}) gin_trgm_ops`),
  ],
);
