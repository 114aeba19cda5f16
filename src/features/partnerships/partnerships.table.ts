import { sql } from 'drizzle-orm';
import { pgTable, primaryKey, text, uniqueIndex, uuid } from 'drizzle-orm/pg-core';
import { recordColumns } from '../../db/columns.ts';

/** The college's cooperation dimensions (DOMAIN.md). */
export const dimensions = [
  'order_class',
  'training_base',
  'teaching_team',
  'dialogue',
  'staff_training',
  'specialty',
  'competition',
  'fund',
  'teaching_materials',
  'standards',
  'teacher_practice',
  'tech_service',
  'apprenticeship',
  'internship_employment',
  'industry_college',
  'government_school',
  'school_school',
] as const;

export const partnershipStages = ['prospect', 'active', 'dormant', 'ended'] as const;

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
