import { sql } from 'drizzle-orm';
import { date, index, integer, pgTable, primaryKey, text, time, timestamp, uuid } from 'drizzle-orm/pg-core';
import { recordColumns } from '../../db/columns.ts';

export const engagementTypes = [
  'visit_inbound',
  'visit_outbound',
  'meeting',
  'signing',
  'forum',
  'training',
  'competition',
  'ceremony',
  'other',
] as const;

/** A visit, meeting, signing, forum... the events the cooperation office records. */
export const engagements = pgTable(
  'engagements',
  {
    ...recordColumns(),
    type: text('type', { enum: engagementTypes }).notNull(),
    titleZh: text('title_zh').notNull(),
    titleEn: text('title_en').notNull().default(''),
    startsOn: date('starts_on').notNull(),
    startsAt: time('starts_at'),
    endsOn: date('ends_on'),
    location: text('location'),
    /** The English of place, purpose, summary and topics, where the user gave it (news drafts in English). */
    locationEn: text('location_en'),
    hostOrgUnitId: uuid('host_org_unit_id'),
    purpose: text('purpose'),
    purposeEn: text('purpose_en'),
    summary: text('summary'),
    summaryEn: text('summary_en'),
    delegationSize: integer('delegation_size'),
    topics: text('topics').array().notNull().default(sql`'{}'::text[]`),
    topicsEn: text('topics_en').array().notNull().default(sql`'{}'::text[]`),
    facilityIds: uuid('facility_ids').array().notNull().default(sql`'{}'::uuid[]`),
    deletedAt: timestamp('deleted_at', { withTimezone: true }),
  },
  (t) => [
    primaryKey({ columns: [t.tenantId, t.id] }),
    index('engagements_date_idx').on(t.tenantId, t.startsOn),
    // The list's default order (starts_on desc, id desc) read backwards, live rows only: a page is
    // an index range without a sort, and the total an index-only count once the table is vacuumed.
    index('engagements_list_idx').on(t.tenantId, t.startsOn, t.id).where(sql`deleted_at is null`),
    index('engagements_type_idx').on(t.tenantId, t.type, t.startsOn),
    index('engagements_host_idx').on(t.tenantId, t.hostOrgUnitId, t.startsOn),
  ],
);

/** Which organizations took part in an engagement, and as what. */
export const engagementOrganizations = pgTable(
  'engagement_organizations',
  {
    ...recordColumns(),
    engagementId: uuid('engagement_id').notNull(),
    organizationId: uuid('organization_id').notNull(),
    role: text('role', { enum: ['host', 'guest', 'partner', 'mentioned'] })
      .notNull()
      .default('partner'),
  },
  (t) => [
    primaryKey({ columns: [t.tenantId, t.id] }),
    index('engagement_orgs_engagement_idx').on(t.tenantId, t.engagementId),
    index('engagement_orgs_org_idx').on(t.tenantId, t.organizationId),
  ],
);

/** Who took part, on which side, in what role, and with the title they held that day. */
export const engagementParticipants = pgTable(
  'engagement_participants',
  {
    ...recordColumns(),
    engagementId: uuid('engagement_id').notNull(),
    personId: uuid('person_id').notNull(),
    organizationId: uuid('organization_id'),
    side: text('side', { enum: ['ours', 'theirs'] }).notNull(),
    role: text('role', { enum: ['led', 'received', 'attended', 'presided', 'spoke', 'signed'] })
      .notNull()
      .default('attended'),
    /** The title held on the day of the engagement; it never changes when the person is promoted. */
    titleZh: text('title_zh'),
    titleEn: text('title_en'),
  },
  (t) => [
    primaryKey({ columns: [t.tenantId, t.id] }),
    index('engagement_people_engagement_idx').on(t.tenantId, t.engagementId),
    index('engagement_people_person_idx').on(t.tenantId, t.personId),
  ],
);

/** A consensus item or signed document from an engagement; it may spawn a commitment, agreement or program. */
export const engagementOutcomes = pgTable(
  'engagement_outcomes',
  {
    ...recordColumns(),
    engagementId: uuid('engagement_id').notNull(),
    kind: text('kind', { enum: ['consensus', 'signed_document', 'other'] })
      .notNull()
      .default('consensus'),
    text: text('text').notNull(),
    textEn: text('text_en'),
    commitmentId: uuid('commitment_id'),
    agreementId: uuid('agreement_id'),
    programId: uuid('program_id'),
  },
  (t) => [
    primaryKey({ columns: [t.tenantId, t.id] }),
    index('engagement_outcomes_idx').on(t.tenantId, t.engagementId),
  ],
);

/**
 * How many live (not deleted) engagements each college has, kept by a trigger on `engagements`
 * (migration engagement_counts, one grouped change per statement), so the unfiltered list's total is one row rather than a count of
 * every engagement.
 */
export const engagementCounts = pgTable('engagement_counts', {
  tenantId: uuid('tenant_id').primaryKey(),
  live: integer('live').notNull().default(0),
});
