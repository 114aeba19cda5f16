import { and, eq, sql } from 'drizzle-orm';
import type { Database } from '../../db/client.ts';
import { newId } from '../../db/ids.ts';
import type { Actor, TenantScope } from '../../db/tenant-scope.ts';
import type { RequestTenant } from '../../platform/context.ts';
import { AppError, isUniqueViolation } from '../../platform/errors.ts';
import { parseInput } from '../../platform/validation.ts';
import { timelineEvents } from '../audit/audit.table.ts';
import {
  type CollegeOutput,
  type CreateTenantInput,
  collegeHostInputSchema,
  createTenantInputSchema,
  hostSchema,
  type UpdateCollegeInput,
  updateCollegeInputSchema,
} from './tenants.schema.ts';
import { sites, tenants } from './tenants.table.ts';

// Tenants and sites sit above tenant scoping: this service is the one place that reads across tenants.

const cacheTtlMs = 30_000;
const maxCachedHosts = 1000;
const siteCache = new Map<string, { at: number; tenant: RequestTenant | null }>();

/** Forgets cached host lookups (after a site changes). */
export function clearSiteCache(): void {
  siteCache.clear();
}

/** Finds the college whose site answers this host name, else the install's default site. */
export async function resolveSite(db: Database, rawHost: string | undefined): Promise<RequestTenant | null> {
  const host = (rawHost ?? '').toLowerCase().replace(/:\d+$/, '');
  const cached = siteCache.get(host);
  if (cached && Date.now() - cached.at < cacheTtlMs) return cached.tenant;
  const rows = await db
    .select({
      id: tenants.id,
      slug: tenants.slug,
      nameZh: sites.nameZh,
      nameEn: sites.nameEn,
      siteId: sites.id,
      host: sites.host,
      isDefault: sites.isDefault,
      defaultCollege: sql<boolean>`exists (select 1 from ${sites} as d where d.tenant_id = ${tenants.id} and d.is_default)`,
    })
    .from(sites)
    .innerJoin(tenants, eq(tenants.id, sites.tenantId))
    .where(sql`(lower(${sites.host}) = ${host} or ${sites.isDefault}) and ${tenants.status} = 'active'`)
    .orderBy(sql`${sites.isDefault} asc`)
    .limit(1);
  const row = rows[0];
  const tenant = row
    ? {
        id: row.id,
        slug: row.slug,
        nameZh: row.nameZh,
        nameEn: row.nameEn,
        siteId: row.siteId,
        host: row.host,
        isDefault: Boolean(row.defaultCollege),
      }
    : null;
  // Host names come from clients: keep the cache bounded whatever they send.
  if (siteCache.size >= maxCachedHosts) siteCache.clear();
  siteCache.set(host, { at: Date.now(), tenant });
  return tenant;
}

/** Looks a tenant up by slug (CLI). */
export async function findTenantBySlug(db: Database, slug: string) {
  const [row] = await db.select().from(tenants).where(eq(tenants.slug, slug)).limit(1);
  return row;
}

/**
 * Who changes a college: a platform administrator, with the college they work in, or the operator
 * at the command line (no college of their own).
 */
export interface CollegeChanger {
  actor: Actor;
  collegeId?: string;
}

const commandLine: CollegeChanger = { actor: { id: null, name: 'command line' } };

type Diff = Record<string, { from?: unknown; to?: unknown }>;

/** A high surrogate without its low half, or a low one without its high half. */
const loneSurrogate = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g;

/**
 * Writes a change to a college on that college's own audit log (its administrators see who changed
 * their site, named as the platform's) and on the audit log of the changer's college, in the
 * caller's transaction.
 */
async function recordCollegeEvent(
  db: Database,
  collegeId: string,
  by: CollegeChanger,
  verb: string,
  diff: Diff,
) {
  const event = {
    verb: `college.${verb}`,
    subjectType: 'college',
    subjectId: collegeId,
    // The values as the text columns store them: a lone surrogate becomes U+FFFD there, and jsonb
    // would refuse it outright.
    diff: JSON.parse(
      JSON.stringify(diff, (_key, value: unknown) =>
        typeof value === 'string' ? value.replace(loneSurrogate, '\ufffd') : value,
      ),
    ) as Diff,
    requestId: by.actor.requestId ?? null,
  };
  const own = by.collegeId === collegeId;
  const rows = [
    {
      ...event,
      tenantId: collegeId,
      actorId: own ? by.actor.id : null,
      actorName: own || !by.collegeId ? by.actor.name : `platform: ${by.actor.name ?? 'administrator'}`,
    },
  ];
  if (by.collegeId && !own)
    rows.push({ ...event, tenantId: by.collegeId, actorId: by.actor.id, actorName: by.actor.name });
  await db.insert(timelineEvents).values(rows);
}

/** The fields that differ between two versions of a college, for its audit event. */
function changedFields(before: Record<string, unknown>, after: Record<string, unknown>): Diff {
  const diff: Diff = {};
  for (const [key, to] of Object.entries(after))
    if (to !== undefined && before[key] !== to) diff[key] = { from: before[key], to };
  return diff;
}

/** Creates a college with its first site (on its audit log as `college.created`). */
export async function createTenant(db: Database, input: CreateTenantInput, by: CollegeChanger = commandLine) {
  const data = parseInput(createTenantInputSchema, input);
  const id = newId();
  try {
    return await db.transaction(async (tx) => {
      const [tenant] = await tx
        .insert(tenants)
        .values({ id, slug: data.slug, nameZh: data.nameZh, nameEn: data.nameEn })
        .returning();
      await tx.insert(sites).values({
        tenantId: id,
        id: newId(),
        host: data.host,
        isDefault: data.isDefault,
        nameZh: data.nameZh,
        nameEn: data.nameEn,
      });
      await recordCollegeEvent(tx as unknown as Database, id, by, 'created', {
        slug: { to: data.slug },
        nameZh: { to: data.nameZh },
        nameEn: { to: data.nameEn },
        host: { to: data.host },
      });
      clearSiteCache();
      return tenant!;
    });
  } catch (err) {
    if (isUniqueViolation(err)) {
      // Which one is taken, on its field: the host name's index, else the slug.
      const e = err as { constraint?: string; cause?: { constraint?: string } };
      const onHost = (e.constraint ?? e.cause?.constraint ?? '').includes('host');
      throw new AppError(
        'already_exists',
        `A tenant with slug ${data.slug} or host ${data.host} already exists`,
        onHost
          ? [{ path: 'host', code: 'host_taken', message: 'Another site already answers this host name' }]
          : [{ path: 'slug', code: 'already_exists', message: 'Another college has this short name' }],
      );
    }
    throw err;
  }
}

/** Tells whether some college already answers unknown host names. */
export async function hasDefaultSite(db: Database): Promise<boolean> {
  const rows = await db.select({ id: sites.id }).from(sites).where(eq(sites.isDefault, true)).limit(1);
  return rows.length > 0;
}

/** Every college (or one, by id) with its status and host names, for the operator and the platform page. */
export async function listColleges(db: Database, id?: string): Promise<CollegeOutput[]> {
  const rows = await db
    .select({
      id: tenants.id,
      slug: tenants.slug,
      nameZh: tenants.nameZh,
      nameEn: tenants.nameEn,
      status: tenants.status,
      createdAt: tenants.createdAt,
      host: sites.host,
      isDefault: sites.isDefault,
    })
    .from(tenants)
    .leftJoin(sites, eq(sites.tenantId, tenants.id))
    .where(id ? eq(tenants.id, id) : undefined)
    .orderBy(tenants.slug, sites.host);
  const bySlug = new Map<string, CollegeOutput>();
  for (const { host, isDefault, createdAt, ...college } of rows) {
    const entry = bySlug.get(college.slug) ?? {
      ...college,
      createdAt: createdAt.toISOString(),
      hosts: [],
      isDefault: false,
    };
    if (host) entry.hosts.push(host);
    entry.isDefault ||= Boolean(isDefault);
    bySlug.set(college.slug, entry);
  }
  return [...bySlug.values()];
}

/**
 * Suspends a college or makes it active again. Nothing is deleted: a suspended college's host names
 * answer as unknown hosts, so its site, logins and sessions stop working until it is resumed.
 */
export async function setCollegeStatus(
  db: Database,
  slug: string,
  status: 'active' | 'suspended',
  by: CollegeChanger = commandLine,
) {
  const row = await db.transaction(async (tx) => {
    const [before] = await tx.select().from(tenants).where(eq(tenants.slug, slug)).for('update');
    if (!before) throw new AppError('not_found', `No college with slug "${slug}"`);
    const [after] = await tx.update(tenants).set({ status }).where(eq(tenants.id, before.id)).returning();
    if (before.status !== status)
      await recordCollegeEvent(
        tx as unknown as Database,
        before.id,
        by,
        status === 'active' ? 'resumed' : 'suspended',
        {
          status: { from: before.status, to: status },
        },
      );
    return after!;
  });
  clearSiteCache();
  return row;
}

/** The ids of every college (for jobs that visit each one). */
export async function listTenantIds(db: Database): Promise<string[]> {
  return (await db.select({ id: tenants.id }).from(tenants)).map((r) => r.id);
}

/** One college by id, or not found. */
export async function getCollege(db: Database, id: string): Promise<CollegeOutput> {
  const [college] = await listColleges(db, id);
  if (!college) throw new AppError('not_found', `No college ${id}`);
  return college;
}

/** Renames a college (its sites carry the names too) or suspends or resumes it. */
export async function updateCollege(
  db: Database,
  id: string,
  input: UpdateCollegeInput,
  by: CollegeChanger,
): Promise<CollegeOutput> {
  const data = parseInput(updateCollegeInputSchema, input);
  const before = await getCollege(db, id);
  const diff = changedFields(before, data);
  await db.transaction(async (tx) => {
    if (Object.keys(diff).length) {
      const verb = diff.status ? (data.status === 'active' ? 'resumed' : 'suspended') : 'updated';
      await recordCollegeEvent(tx as unknown as Database, id, by, verb, diff);
    }
    if (Object.keys(data).length) await tx.update(tenants).set(data).where(eq(tenants.id, id));
    const names = {
      ...(data.nameZh ? { nameZh: data.nameZh } : {}),
      ...(data.nameEn ? { nameEn: data.nameEn } : {}),
    };
    if (Object.keys(names).length) await tx.update(sites).set(names).where(eq(sites.tenantId, id));
  });
  clearSiteCache();
  return getCollege(db, id);
}

/** Adds a host name the college's public site answers. */
export async function addCollegeHost(
  db: Database,
  id: string,
  input: { host: string },
  by: CollegeChanger,
): Promise<CollegeOutput> {
  const { host } = parseInput(collegeHostInputSchema, input);
  const college = await getCollege(db, id);
  try {
    await db.transaction(async (tx) => {
      await tx
        .insert(sites)
        .values({ tenantId: id, id: newId(), host, nameZh: college.nameZh, nameEn: college.nameEn });
      await recordCollegeEvent(tx as unknown as Database, id, by, 'host_added', { host: { to: host } });
    });
  } catch (err) {
    if (!isUniqueViolation(err)) throw err;
    throw new AppError('already_exists', `The host name ${host} is taken`, [
      { path: 'host', code: 'host_taken', message: 'Another site already answers this host name' },
    ]);
  }
  clearSiteCache();
  return getCollege(db, id);
}

/** Removes a host name; a college keeps at least one. */
export async function removeCollegeHost(
  db: Database,
  id: string,
  rawHost: string,
  by: CollegeChanger,
): Promise<CollegeOutput> {
  const parsed = hostSchema.safeParse(rawHost);
  const college = await getCollege(db, id);
  if (!parsed.success || !college.hosts.includes(parsed.data))
    throw new AppError('not_found', `The college has no host name ${rawHost}`);
  if (college.hosts.length === 1)
    throw new AppError('validation_failed', 'A college keeps at least one host name', [
      { path: 'host', code: 'last_host', message: 'A college keeps at least one host name' },
    ]);
  await db.transaction(async (tx) => {
    await tx.delete(sites).where(and(eq(sites.tenantId, id), sql`lower(${sites.host}) = ${parsed.data}`));
    await recordCollegeEvent(tx as unknown as Database, id, by, 'host_removed', {
      host: { from: parsed.data },
    });
  });
  clearSiteCache();
  return getCollege(db, id);
}

/**
 * Renames the scope's own college from its settings page: the college and each of its sites, on
 * the college's audit log like a platform administrator's change.
 */
export async function renameOwnCollege(
  scope: TenantScope,
  names: { nameZh?: string | undefined; nameEn?: string | undefined },
): Promise<void> {
  const changes = {
    ...(names.nameZh ? { nameZh: names.nameZh } : {}),
    ...(names.nameEn ? { nameEn: names.nameEn } : {}),
  };
  if (Object.keys(changes).length === 0) return;
  await scope.build((db) =>
    updateCollege(db, scope.tenantId, changes, { actor: scope.actor, collegeId: scope.tenantId }),
  );
}
