import { sql } from 'drizzle-orm';
import { boolean, date, index, pgTable, primaryKey, text, timestamp, uuid } from 'drizzle-orm/pg-core';
import { recordColumns } from '../../db/columns.ts';

/** A person on either side: ours (possibly linked to a user) or a partner's. */
export const people = pgTable(
  'people',
  {
    ...recordColumns(),
    side: text('side', { enum: ['ours', 'theirs'] })
      .notNull()
      .default('theirs'),
    nameZh: text('name_zh').notNull(),
    nameEn: text('name_en').notNull().default(''),
    email: text('email'),
    phone: text('phone'),
    userId: uuid('user_id'),
    notes: text('notes'),
    deletedAt: timestamp('deleted_at', { withTimezone: true }),
  },
  (t) => [primaryKey({ columns: [t.tenantId, t.id] }), index('people_name_idx').on(t.tenantId, t.nameZh)],
);

/** A person's title at an organization or one of our units over a period; titles change over time. */
export const affiliations = pgTable(
  'affiliations',
  {
    ...recordColumns(),
    personId: uuid('person_id').notNull(),
    organizationId: uuid('organization_id'),
    orgUnitId: uuid('org_unit_id'),
    titleZh: text('title_zh').notNull(),
    titleEn: text('title_en').notNull().default(''),
    fromOn: date('from_on'),
    toOn: date('to_on'),
    isPrimary: boolean('is_primary').notNull().default(true),
  },
  (t) => [
    primaryKey({ columns: [t.tenantId, t.id] }),
    index('affiliations_person_idx').on(t.tenantId, t.personId),
    index('affiliations_org_idx').on(t.tenantId, t.organizationId),
    // Posts in the college's own departments (the practice ledger's teachers).
    index('affiliations_org_unit_idx').on(t.tenantId, t.orgUnitId).where(sql`${t.orgUnitId} is not null`),
  ],
);
