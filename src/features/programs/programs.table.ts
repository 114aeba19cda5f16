import { sql } from 'drizzle-orm';
import {
  date,
  index,
  integer,
  numeric,
  pgTable,
  primaryKey,
  text,
  timestamp,
  uuid,
} from 'drizzle-orm/pg-core';
import { recordColumns } from '../../db/columns.ts';

export const programStatuses = ['planned', 'running', 'completed', 'cancelled'] as const;

/** A cooperation project along one dimension, with partners, majors, milestones and facts. */
export const programs = pgTable(
  'programs',
  {
    ...recordColumns(),
    dimension: text('dimension').notNull(),
    titleZh: text('title_zh').notNull(),
    titleEn: text('title_en').notNull().default(''),
    status: text('status', { enum: programStatuses }).notNull().default('planned'),
    organizationIds: uuid('organization_ids').array().notNull().default(sql`'{}'::uuid[]`),
    majorIds: uuid('major_ids').array().notNull().default(sql`'{}'::uuid[]`),
    leadPersonId: uuid('lead_person_id'),
    leadOrgUnitId: uuid('lead_org_unit_id'),
    agreementId: uuid('agreement_id'),
    sourceEngagementId: uuid('source_engagement_id'),
    startOn: date('start_on'),
    endOn: date('end_on'),
    description: text('description'),
    deletedAt: timestamp('deleted_at', { withTimezone: true }),
  },
  (t) => [
    primaryKey({ columns: [t.tenantId, t.id] }),
    index('programs_dimension_idx').on(t.tenantId, t.dimension),
    index('programs_orgs_idx').using('gin', t.organizationIds),
  ],
);

/** A step of a program with its due date and the day it was done. */
export const programMilestones = pgTable(
  'program_milestones',
  {
    ...recordColumns(),
    programId: uuid('program_id').notNull(),
    title: text('title').notNull(),
    dueOn: date('due_on'),
    doneOn: date('done_on'),
  },
  (t) => [
    primaryKey({ columns: [t.tenantId, t.id] }),
    index('program_milestones_idx').on(t.tenantId, t.programId),
  ],
);

/** A measurable result for a year (students, person-days, 万元, courses...), by program, major and partner. */
export const facts = pgTable(
  'facts',
  {
    ...recordColumns(),
    code: text('code').notNull(),
    year: integer('year').notNull(),
    value: numeric('value', { precision: 14, scale: 2 }).notNull(),
    programId: uuid('program_id'),
    majorId: uuid('major_id'),
    organizationId: uuid('organization_id'),
    /** The teacher a `teacher_practice_days` fact belongs to (one of the college's own people). */
    personId: uuid('person_id'),
    note: text('note'),
  },
  (t) => [
    primaryKey({ columns: [t.tenantId, t.id] }),
    index('facts_year_idx').on(t.tenantId, t.year, t.code),
    // Teachers' practice days per person and year (the practice ledger reads only these).
    index('facts_practice_idx')
      .on(t.tenantId, t.personId, t.year)
      .where(sql`${t.code} = 'teacher_practice_days'`),
    index('facts_program_idx').on(t.tenantId, t.programId),
  ],
);
