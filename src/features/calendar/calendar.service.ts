import { randomBytes } from 'node:crypto';
import { and, asc, eq, inArray, isNull } from 'drizzle-orm';
import { newId } from '../../db/ids.ts';
import type { TenantScope } from '../../db/tenant-scope.ts';
import { isLocale, type Locale, translate } from '../../i18n/i18n.ts';
import { AppError } from '../../platform/errors.ts';
import { addDays, todayIso } from '../../platform/references.ts';
import { parseInput } from '../../platform/validation.ts';
import { agreementsForCalendar } from '../agreements/agreements.service.ts';
import { commitmentsForCalendar } from '../commitments/commitments.service.ts';
import { engagementsForCalendar, getEngagement } from '../engagements/engagements.service.ts';
import { assertOrgUnitsExist } from '../org-units/org-units.service.ts';
import { orgUnits } from '../org-units/org-units.table.ts';
import { organizationNames } from '../organizations/organizations.service.ts';
import { getUser } from '../users/users.service.ts';
import { type CalendarEntries, renderCalendar } from './calendar.ics.ts';
import { type FeedOutput, type SaveFeedInput, saveFeedInputSchema } from './calendar.schema.ts';
import { calendarFeeds } from './calendar.table.ts';

type FeedRow = typeof calendarFeeds.$inferSelect;

/** How far back and ahead a feed reaches, in days: recent history and the coming year. */
const daysBack = 60;
const daysAhead = 400;
/** A feed's last use is written at most this often (calendar apps poll every few minutes). */
const fetchStampMs = 10 * 60_000;

/** The path of a feed's secret address on the college's site. */
export function feedPathOf(token: string): string {
  return `/api/calendar/feed/${token}.ics`;
}

/** A new secret: 32 random bytes, URL-safe. */
function newFeedToken(): string {
  return randomBytes(32).toString('base64url');
}

/** The secret of a feed address, or null when it cannot be one (`<token>` or `<token>.ics`). */
function tokenOf(param: string): string | null {
  const token = param.endsWith('.ics') ? param.slice(0, -4) : param;
  return /^[A-Za-z0-9_-]{43}$/.test(token) ? token : null;
}

function callerId(scope: TenantScope): string {
  const id = scope.actor.id;
  if (!id) throw new AppError('unauthenticated', 'Log in first');
  return id;
}

async function toOutputs(scope: TenantScope, rows: readonly FeedRow[]): Promise<FeedOutput[]> {
  const unitIds = [...new Set(rows.flatMap((r) => (r.orgUnitId ? [r.orgUnitId] : [])))];
  const units = unitIds.length ? await scope.select(orgUnits, { where: inArray(orgUnits.id, unitIds) }) : [];
  const unitById = new Map(units.map((u) => [u.id, u]));
  return rows.map((row) => {
    const unit = row.orgUnitId ? unitById.get(row.orgUnitId) : undefined;
    return {
      id: row.id,
      orgUnitId: row.orgUnitId,
      orgUnitNameZh: unit?.nameZh ?? null,
      orgUnitNameEn: unit?.nameEn ?? null,
      locale: row.locale,
      path: feedPathOf(row.token),
      createdAt: row.createdAt.toISOString(),
      lastFetchedAt: row.lastFetchedAt?.toISOString() ?? null,
      version: row.version,
    };
  });
}

/** The caller's calendar subscriptions: their own first, then their departments'. */
export async function listFeeds(scope: TenantScope): Promise<{ items: FeedOutput[] }> {
  const rows = await scope.select(calendarFeeds, {
    where: eq(calendarFeeds.userId, callerId(scope)),
    orderBy: [asc(calendarFeeds.createdAt), asc(calendarFeeds.id)],
  });
  rows.sort((a, b) => Number(Boolean(a.orgUnitId)) - Number(Boolean(b.orgUnitId)));
  return { items: await toOutputs(scope, rows) };
}

async function ownFeed(scope: TenantScope, id: string): Promise<FeedRow> {
  const row = await scope.first(
    calendarFeeds,
    and(eq(calendarFeeds.id, id), eq(calendarFeeds.userId, callerId(scope))),
  );
  if (!row) throw new AppError('not_found', 'No such calendar subscription');
  return row;
}

/**
 * Subscribes the caller to their own calendar or to a department's (one they reach); an existing
 * subscription keeps its address and takes the new language.
 */
export async function saveFeed(scope: TenantScope, input: SaveFeedInput): Promise<FeedOutput> {
  const data = parseInput(saveFeedInputSchema, input);
  const userId = callerId(scope);
  const orgUnitId = data.orgUnitId ?? null;
  if (orgUnitId) {
    scope.assertInDepartments(orgUnitId, 'You may only subscribe to your own departments', {
      path: 'orgUnitId',
      message: 'Choose one of your departments',
    });
    await assertOrgUnitsExist(scope, [orgUnitId], 'orgUnitId');
  }
  return scope.transaction(async (tx) => {
    const existing = await tx.first(
      calendarFeeds,
      and(
        eq(calendarFeeds.userId, userId),
        orgUnitId ? eq(calendarFeeds.orgUnitId, orgUnitId) : isNull(calendarFeeds.orgUnitId),
      ),
    );
    let row: FeedRow;
    if (!existing) {
      row = await tx.insertRaw(calendarFeeds, {
        id: newId(),
        userId,
        orgUnitId,
        token: newFeedToken(),
        locale: data.locale,
      });
    } else {
      row = existing;
      if (existing.locale !== data.locale) {
        row = { ...existing, locale: data.locale, version: existing.version + 1, updatedAt: new Date() };
        await tx.updateRaw(calendarFeeds, eq(calendarFeeds.id, existing.id), {
          locale: row.locale,
          version: row.version,
          updatedAt: row.updatedAt,
        });
      }
    }
    const [out] = await toOutputs(tx, [row]);
    return out as FeedOutput;
  });
}

/** Gives one of the caller's feeds a new secret address; the old address stops working at once. */
export async function resetFeed(scope: TenantScope, id: string): Promise<FeedOutput> {
  const row = await ownFeed(scope, id);
  const updated = { ...row, token: newFeedToken(), version: row.version + 1, updatedAt: new Date() };
  await scope.updateRaw(calendarFeeds, eq(calendarFeeds.id, row.id), {
    token: updated.token,
    version: updated.version,
    updatedAt: updated.updatedAt,
  });
  const [out] = await toOutputs(scope, [updated]);
  return out as FeedOutput;
}

/** Ends one of the caller's subscriptions. */
export async function deleteFeed(scope: TenantScope, id: string): Promise<void> {
  const row = await ownFeed(scope, id);
  await scope.deleteRaw(calendarFeeds, eq(calendarFeeds.id, row.id));
}

/** Everything a calendar shows within a window, as the given scope may read it. */
async function entriesFor(
  scope: TenantScope,
  range: { from: string; to: string },
  subject: { userId: string } | { orgUnitId: string },
): Promise<CalendarEntries> {
  const orgUnitId = 'orgUnitId' in subject ? subject.orgUnitId : undefined;
  const agreements = await agreementsForCalendar(scope, { ...range, orgUnitId });
  const names = await organizationNames(
    scope,
    agreements.flatMap((a) => a.parties.map((p) => p.organizationId)),
  );
  return {
    engagements: await engagementsForCalendar(scope, { ...range, orgUnitId }),
    commitments: await commitmentsForCalendar(scope, {
      ...range,
      ownerUserId: 'userId' in subject ? subject.userId : undefined,
      ownerOrgUnitId: orgUnitId,
    }),
    agreements: agreements.map((a) => ({
      ...a,
      parties: a.parties.flatMap((p) => {
        const name = p.organizationId ? names.get(p.organizationId) : undefined;
        return name ? [name] : [];
      }),
    })),
  };
}

/**
 * A feed by its secret address, as an iCalendar document: what its owner may read today (their
 * own calendar: the engagements they reach and their commitments; a department's: its
 * engagements and commitments), with agreement end dates. Unknown, reset or ended addresses, and
 * those of deactivated people or departments they no longer reach, are not found.
 */
export async function renderFeed(scope: TenantScope, param: string, origin: string): Promise<string> {
  const token = tokenOf(param);
  const row = token ? await scope.first(calendarFeeds, eq(calendarFeeds.token, token)) : undefined;
  if (!row) throw new AppError('not_found', 'No such calendar');
  const system = scope.asSystem();
  const owner = await getUser(system, row.userId).catch(() => null);
  if (owner?.status !== 'active') throw new AppError('not_found', 'No such calendar');
  const ownerScope = scope.forCaller({
    actor: { id: owner.id, name: owner.name, requestId: scope.actor.requestId ?? null },
    roles: owner.roles,
    departments: owner.orgUnitIds,
  });
  if (!ownerScope.may('records.read')) throw new AppError('not_found', 'No such calendar');
  const locale: Locale = isLocale(row.locale) ? row.locale : 'zh-CN';
  let name = translate(locale, 'calendarFeed.personalName', { name: owner.name });
  if (row.orgUnitId) {
    const reach = ownerScope.departmentReach();
    if (reach !== 'college' && !reach.includes(row.orgUnitId))
      throw new AppError('not_found', 'No such calendar');
    const unit = await system.first(orgUnits, eq(orgUnits.id, row.orgUnitId));
    if (!unit) throw new AppError('not_found', 'No such calendar');
    name = translate(locale, 'calendarFeed.departmentName', {
      department: (locale === 'en' ? unit.nameEn || unit.nameZh : unit.nameZh) ?? '',
    });
  }
  const today = todayIso();
  const range = { from: addDays(today, -daysBack), to: addDays(today, daysAhead) };
  const entries = await entriesFor(
    ownerScope,
    range,
    row.orgUnitId ? { orgUnitId: row.orgUnitId } : { userId: owner.id },
  );
  if (!row.lastFetchedAt || Date.now() - row.lastFetchedAt.getTime() > fetchStampMs) {
    await system.updateRaw(calendarFeeds, eq(calendarFeeds.id, row.id), { lastFetchedAt: new Date() });
  }
  return renderCalendar(entries, { name, locale, origin });
}

/** One engagement as an iCalendar document, to add to a calendar by hand. */
export async function renderEngagementEvent(
  scope: TenantScope,
  id: string,
  locale: Locale,
  origin: string,
): Promise<{ ics: string; fileName: string }> {
  const engagement = await getEngagement(scope, id);
  const title =
    (locale === 'en' ? engagement.titleEn || engagement.titleZh : engagement.titleZh) || 'engagement';
  const ics = renderCalendar(
    { engagements: [engagement], commitments: [], agreements: [] },
    { name: title, locale, origin },
  );
  return { ics, fileName: `${engagement.startsOn} ${title}.ics` };
}
