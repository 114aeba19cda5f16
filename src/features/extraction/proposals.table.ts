import { sql } from 'drizzle-orm';
import {
  boolean,
  date,
  index,
  integer,
  jsonb,
  pgTable,
  primaryKey,
  real,
  text,
  timestamp,
  uniqueIndex,
  uuid,
} from 'drizzle-orm/pg-core';
import { recordColumns } from '../../db/columns.ts';
import type { Extraction } from './extract.ts';
import { proposalStatuses, rejectReasons } from './proposals.schema.ts';

/**
 * The engagement the extractor proposes from one article (one language of it), waiting for a
 * person to confirm, edit or reject it. `document` is the text every evidence span indexes into,
 * kept as it was read so the spans stay right when the article is edited later.
 */
export const engagementProposals = pgTable(
  'engagement_proposals',
  {
    ...recordColumns(),
    articleId: uuid('article_id').notNull(),
    groupId: uuid('group_id').notNull(),
    /** The article's version the proposal was read from; a newer one is read again while pending. */
    articleVersion: integer('article_version').notNull(),
    status: text('status', { enum: proposalStatuses }).notNull().default('pending'),
    language: text('language', { enum: ['zh-CN', 'en'] }).notNull(),
    title: text('title').notNull(),
    publishedOn: date('published_on'),
    isCooperation: boolean('is_cooperation').notNull(),
    eventType: text('event_type').notNull(),
    eventDate: date('event_date'),
    confidence: real('confidence').notNull(),
    document: text('document').notNull(),
    extraction: jsonb('extraction').$type<Extraction>().notNull(),
    engagementId: uuid('engagement_id'),
    rejectReason: text('reject_reason', { enum: rejectReasons }),
    decidedBy: uuid('decided_by'),
    decidedAt: timestamp('decided_at', { withTimezone: true }),
  },
  (t) => [
    primaryKey({ columns: [t.tenantId, t.id] }),
    uniqueIndex('engagement_proposals_article_uq').on(t.tenantId, t.articleId),
    index('engagement_proposals_queue_idx').on(t.tenantId, t.status, t.eventDate),
    index('engagement_proposals_group_idx').on(t.tenantId, t.groupId),
    index('engagement_proposals_pending_idx').on(t.tenantId, t.confidence).where(sql`status = 'pending'`),
  ],
);
export type ProposalRow = typeof engagementProposals.$inferSelect;
