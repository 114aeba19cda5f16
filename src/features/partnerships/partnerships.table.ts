import { sql } from 'drizzle-orm';
import { pgTable, primaryKey, text, uniqueIndex, uuid } from 'drizzle-orm/pg-core';
import { recordColumns } from '../../db/columns.ts';
import { dimensions, partnershipStages } from './partnerships.schema.ts';

export { dimensions, partnershipStages };

/** One per partner organization: stage, owner, lead department, dimensions and majors. */
export const partnerships = pgTable(
  'partnerships',
  {
    ...recordColumns(),
    organizationId: uuid('organization_id').notNull(),
    stage: text('stage', { enum: partnershipStages }).notNull().default('prospect'),
    ownerUserId: uuid('owner_user_id'),
    leadOrgUnitId: uuid('lead_org_unit_id'),
    dimensions: text('dimensions').array().notNull().default(sql`'{}'::text[]`),
    majorIds: uuid('major_ids').array().notNull().default(sql`'{}'::uuid[]`),
    since: text('since'),
    notes: text('notes'),
  },
  (t) => [
    primaryKey({ columns: [t.tenantId, t.id] }),
    uniqueIndex('partnerships_org_key').on(t.tenantId, t.organizationId),
  ],
);
