import { index, integer, pgTable, primaryKey, text, timestamp, uniqueIndex, uuid } from 'drizzle-orm/pg-core';
import { recordColumns } from '../../db/columns.ts';
import { reminderKinds } from './reminders.values.ts';

/**
 * One reminder for one person, recorded once under its key (what, which record, which date), so the
 * same reminder is never sent twice however often the collecting job runs or restarts. `pending`
 * waits for the next mail (at once, or the weekly digest); `sending` was handed to the mail server
 * (a crash here leaves it so: never sent again, shown to the administrator); `sent`; `failed` after
 * the last try; `skipped` for people who turned reminders off.
 */
export const reminderDeliveries = pgTable(
  'reminder_deliveries',
  {
    ...recordColumns(),
    userId: uuid('user_id').notNull(),
    key: text('key').notNull(),
    kind: text('kind', { enum: reminderKinds }).notNull(),
    recordType: text('record_type', { enum: ['commitment', 'agreement', 'article'] }).notNull(),
    recordId: uuid('record_id').notNull(),
    /** What the mail says, fixed when the reminder is collected: title, dates, days left. */
    title: text('title').notNull(),
    dueOn: text('due_on'),
    status: text('status', { enum: ['pending', 'sending', 'sent', 'failed', 'skipped'] })
      .notNull()
      .default('pending'),
    attempts: integer('attempts').notNull().default(0),
    lastError: text('last_error'),
    sentAt: timestamp('sent_at', { withTimezone: true }),
  },
  (t) => [
    primaryKey({ columns: [t.tenantId, t.id] }),
    uniqueIndex('reminder_deliveries_key_uq').on(t.tenantId, t.userId, t.key),
    index('reminder_deliveries_status_idx').on(t.tenantId, t.status, t.userId),
  ],
);
