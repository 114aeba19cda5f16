import { index, pgTable, primaryKey, text, timestamp, uniqueIndex, uuid } from 'drizzle-orm/pg-core';
import { recordColumns } from '../../db/columns.ts';

/**
 * A calendar subscription: a secret address that calendar apps poll for a person's or a
 * department's engagements, commitment due dates and agreement expiry dates. A person has at most
 * one feed of their own and one per department; resetting replaces the secret, so the old address
 * stops working. The secret is kept as it is (not hashed) so its owner can copy the address again:
 * it opens nothing but what the same database row's college already holds.
 */
export const calendarFeeds = pgTable(
  'calendar_feeds',
  {
    ...recordColumns(),
    /** The person the feed belongs to; it shows what they may read, and stops when they are disabled. */
    userId: uuid('user_id').notNull(),
    /** Set for a department's feed; null for the person's own. */
    orgUnitId: uuid('org_unit_id'),
    token: text('token').notNull(),
    locale: text('locale', { enum: ['zh-CN', 'en'] }).notNull(),
    lastFetchedAt: timestamp('last_fetched_at', { withTimezone: true }),
  },
  (t) => [
    primaryKey({ columns: [t.tenantId, t.id] }),
    uniqueIndex('calendar_feeds_token_uq').on(t.tenantId, t.token),
    index('calendar_feeds_user_idx').on(t.tenantId, t.userId),
  ],
);
