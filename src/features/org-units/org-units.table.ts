import { index, pgTable, primaryKey, text, timestamp, uuid } from 'drizzle-orm/pg-core';
import { recordColumns } from '../../db/columns.ts';

/** Our side's structure: secondary schools (二级学院), offices, training centers; a tree. */
export const orgUnits = pgTable(
  'org_units',
  {
    ...recordColumns(),
    parentId: uuid('parent_id'),
    kind: text('kind', { enum: ['school', 'office', 'center', 'other'] })
      .notNull()
      .default('school'),
    code: text('code'),
    nameZh: text('name_zh').notNull(),
    nameEn: text('name_en').notNull().default(''),
    deletedAt: timestamp('deleted_at', { withTimezone: true }),
  },
  (t) => [
    primaryKey({ columns: [t.tenantId, t.id] }),
    index('org_units_parent_idx').on(t.tenantId, t.parentId),
  ],
);

/** A major (专业) with its national catalogue code, run by a department. */
export const majors = pgTable(
  'majors',
  {
    ...recordColumns(),
    code: text('code'),
    nameZh: text('name_zh').notNull(),
    nameEn: text('name_en').notNull().default(''),
    orgUnitId: uuid('org_unit_id'),
    deletedAt: timestamp('deleted_at', { withTimezone: true }),
  },
  (t) => [primaryKey({ columns: [t.tenantId, t.id] }), index('majors_unit_idx').on(t.tenantId, t.orgUnitId)],
);

/** A training center, training building, lab or base that visitors tour and programs use. */
export const facilities = pgTable(
  'facilities',
  {
    ...recordColumns(),
    kind: text('kind', { enum: ['training_center', 'training_building', 'lab', 'base', 'other'] })
      .notNull()
      .default('training_center'),
    nameZh: text('name_zh').notNull(),
    nameEn: text('name_en').notNull().default(''),
    orgUnitId: uuid('org_unit_id'),
    deletedAt: timestamp('deleted_at', { withTimezone: true }),
  },
  (t) => [primaryKey({ columns: [t.tenantId, t.id] })],
);
