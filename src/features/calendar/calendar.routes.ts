import { createHash } from 'node:crypto';
import type { Context } from 'hono';
import type { AppEnv } from '../../platform/context.ts';
import { defineRoutes, readBody, readIdParam, readQuery } from '../../platform/routes.ts';
import { calendarOperations as op, saveFeedInputSchema } from './calendar.schema.ts';
import {
  deleteFeed,
  listFeeds,
  renderEngagementEvent,
  renderFeed,
  resetFeed,
  saveFeed,
} from './calendar.service.ts';

/**
 * The site's own origin as the caller reached it, for links inside calendar entries: the host the
 * college was found by (so never one the college does not answer on).
 */
export function originOf(c: Context<AppEnv>): string {
  const url = new URL(c.req.url);
  return `${url.protocol}//${c.req.header('host') ?? url.host}`;
}

/**
 * Answers with an iCalendar document; a calendar app that already has this version gets 304.
 * `fileName` makes it a download rather than a subscription.
 */
export function sendCalendar(c: Context<AppEnv>, ics: string, fileName?: string): Response {
  const etag = `"${createHash('sha256').update(ics).digest('base64url').slice(0, 27)}"`;
  const headers: Record<string, string> = {
    'Content-Type': 'text/calendar; charset=utf-8',
    'Cache-Control': 'private, no-cache',
    'X-Robots-Tag': 'noindex',
    ETag: etag,
  };
  if (fileName) {
    headers['Content-Disposition'] =
      `attachment; filename="event.ics"; filename*=UTF-8''${encodeURIComponent(fileName)}`;
  }
  if (c.req.header('if-none-match') === etag) return c.body(null, 304, headers);
  return c.body(ics, 200, headers);
}

/** Calendar subscriptions: the caller's feeds, and the feeds themselves by their secret address. */
export const calendarRoutes = defineRoutes('/api/calendar', 'calendar', (route) => {
  route(op.listFeeds, async (c) => c.json(await listFeeds(c.var.scope)));
  route(op.saveFeed, async (c) =>
    c.json(await saveFeed(c.var.scope, await readBody(c, saveFeedInputSchema))),
  );
  route(op.resetFeed, async (c) => c.json(await resetFeed(c.var.scope, readIdParam(c))));
  route(op.deleteFeed, async (c) => {
    await deleteFeed(c.var.scope, readIdParam(c));
    return c.body(null, 204);
  });
  route(op.engagementEvent, async (c) => {
    const { lang } = readQuery(c, op.engagementEvent.query);
    const event = await renderEngagementEvent(c.var.scope, readIdParam(c), lang ?? c.var.locale, originOf(c));
    return sendCalendar(c, event.ics, event.fileName);
  });
  route(op.feed, async (c) =>
    sendCalendar(c, await renderFeed(c.var.scope, c.req.param('token') ?? '', originOf(c))),
  );
});
