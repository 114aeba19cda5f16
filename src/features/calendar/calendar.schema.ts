import { z } from 'zod';
import { defineOperation } from '../../platform/api-operation.ts';
import { localeSchema } from '../users/users.schema.ts';

/** A calendar subscription to add (or change the language of): the caller's own, or a department's. */
export const saveFeedInputSchema = z.object({
  /** A department the caller reaches; leave out (or null) for the caller's own feed. */
  orgUnitId: z.uuid().nullable().optional(),
  locale: localeSchema.default('zh-CN'),
});
export type SaveFeedInput = z.input<typeof saveFeedInputSchema>;

/** A calendar subscription as its owner sees it, with the secret address to give a calendar app. */
export const feedOutputSchema = z.object({
  id: z.uuid(),
  orgUnitId: z.uuid().nullable(),
  orgUnitNameZh: z.string().nullable(),
  orgUnitNameEn: z.string().nullable(),
  locale: localeSchema,
  /** The feed's address on this site (secret: anyone who has it can read the calendar). */
  path: z.string().meta({ examples: ['/api/calendar/feed/3q2-2yqv0xK8f1Tt7PZg2vBfFQk3Ik6yG7cXbq9o.ics'] }),
  createdAt: z.string(),
  lastFetchedAt: z.string().nullable(),
  version: z.number().int(),
});
export type FeedOutput = z.infer<typeof feedOutputSchema>;

const base = '/api/calendar';

/** The calendar feeds of the API. */
export const calendarOperations = {
  listFeeds: defineOperation({
    basePath: base,
    method: 'GET',
    path: '/feeds',
    access: 'records.read',
    summary: "The caller's calendar subscriptions: their own and their departments'",
    response: z.object({ items: z.array(feedOutputSchema) }),
  }),
  saveFeed: defineOperation({
    basePath: base,
    method: 'POST',
    path: '/feeds',
    access: 'records.read',
    summary:
      "Subscribe: the caller's own feed or a department's (kept if it exists; the language is updated)",
    body: saveFeedInputSchema,
    response: feedOutputSchema,
  }),
  resetFeed: defineOperation({
    basePath: base,
    method: 'POST',
    path: '/feeds/:id/reset',
    access: 'records.read',
    summary: 'Give a feed a new secret address; the old one stops working at once',
    response: feedOutputSchema,
  }),
  deleteFeed: defineOperation({
    basePath: base,
    method: 'DELETE',
    path: '/feeds/:id',
    access: 'records.read',
    summary: 'End a calendar subscription; its address stops working',
  }),
  engagementEvent: defineOperation({
    basePath: base,
    method: 'GET',
    path: '/engagements/:id',
    access: 'records.read',
    summary: 'One engagement as an .ics file to add to a calendar by hand',
    query: z.object({ lang: localeSchema.optional() }),
  }),
  feed: defineOperation({
    basePath: base,
    method: 'GET',
    path: '/feed/:token',
    access: 'public',
    summary:
      'An iCalendar feed (RFC 5545) by its secret address: engagements, commitment due dates and agreement end dates',
  }),
};
