import { sql } from 'drizzle-orm';
import { date, index, pgTable, primaryKey, text, timestamp, uuid } from 'drizzle-orm/pg-core';
import { recordColumns } from '../../db/columns.ts';

export const commitmentStatuses = ['open', 'in_progress', 'done', 'dropped'] as const;

/** Follow-up work from an engagement, agreement or program. Overdue is derived: not done and past due. */
export const commitments = pgTable(
  'commitments',
  {
    ...recordColumns(),
    text: text('text').notNull(),
    sourceType: text('source_type', { enum: ['engagement', 'agreement', 'program'] }),
    sourceId: uuid('source_id'),
    ownerUserId: uuid('owner_user_id'),
    ownerOrgUnitId: uuid('owner_org_unit_id'),
    counterpartPersonId: uuid('counterpart_person_id'),
    organizationId: uuid('organization_id'),
    dueOn: date('due_on'),
    priority: text('priority', { enum: ['low', 'normal', 'high'] })
      .notNull()
      .default('normal'),
    status: text('status', { enum: commitmentStatuses }).notNull().default('open'),
    evidence: text('evidence'),
    completedOn: date('completed_on'),
    completedById: uuid('completed_by_id'),
    deletedAt: timestamp('deleted_at', { withTimezone: true }),
  },
  (t) => [
    primaryKey({ columns: [t.tenantId, t.id] }),
    index('commitments_owner_idx').on(t.tenantId, t.ownerUserId, t.status, t.dueOn),
    index('commitments_unit_idx').on(t.tenantId, t.ownerOrgUnitId, t.status, t.dueOn),
    index('commitments_due_idx').on(t.tenantId, t.status, t.dueOn),
    index('commitments_source_idx').on(t.tenantId, t.sourceType, t.sourceId),
    index('commitments_org_idx').on(t.tenantId, t.organizationId),
    // The board: per owner or department, live commitments in the order of a column's cards (see
    // showCommitmentBoard), so a column's cards are a short index scan whatever the table's size.
    // Done cards are ordered by completion, so they have an index of their own.
    ...(['user', 'unit'] as const).flatMap((kind) => {
      const key = kind === 'user' ? t.ownerUserId : t.ownerOrgUnitId;
      return [
        index(`commitments_board_${kind}_idx`)
          .on(
            t.tenantId,
            key,
            t.status,
            t.dueOn,
            t.completedOn.desc().nullsLast(),
            t.updatedAt.desc().nullsLast(),
            t.id,
          )
          .where(sql`deleted_at is null and status <> 'dropped'`),
        index(`commitments_board_${kind}_done_idx`)
          .on(t.tenantId, key, t.completedOn.desc().nullsLast(), t.updatedAt.desc().nullsLast(), t.id)
          .where(sql`deleted_at is null and status = 'done'`),
      ];
    }),
  ],
);
