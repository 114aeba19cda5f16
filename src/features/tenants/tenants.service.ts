import { eq, sql } from 'drizzle-orm';
import type { Database } from '../../db/client.ts';
import { newId } from '../../db/ids.ts';
import type { RequestTenant } from '../../platform/context.ts';
import { AppError, isUniqueViolation } from '../../platform/errors.ts';
import { parseInput } from '../../platform/validation.ts';
import { type CreateTenantInput, createTenantInputSchema } from './tenants.schema.ts';
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

/** Creates a college with its first site. */
export async function createTenant(db: Database, input: CreateTenantInput) {
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
      clearSiteCache();
      return tenant!;
    });
  } catch (err) {
    if (isUniqueViolation(err)) {
      throw new AppError(
        'already_exists',
        `A tenant with slug ${data.slug} or host ${data.host} already exists`,
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

/** Every college with its status and host names, for the operator (`concord college list`). */
export async function listColleges(db: Database) {
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
    .orderBy(tenants.slug, sites.host);
  const bySlug = new Map<
    string,
    Omit<(typeof rows)[number], 'host' | 'isDefault'> & { hosts: string[]; isDefault: boolean }
  >();
  for (const { host, isDefault, ...college } of rows) {
    const entry = bySlug.get(college.slug) ?? { ...college, hosts: [], isDefault: false };
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
export async function setCollegeStatus(db: Database, slug: string, status: 'active' | 'suspended') {
  const [row] = await db.update(tenants).set({ status }).where(eq(tenants.slug, slug)).returning();
  if (!row) throw new AppError('not_found', `No college with slug "${slug}"`);
  clearSiteCache();
  return row;
}

/** The ids of every college (for jobs that visit each one). */
export async function listTenantIds(db: Database): Promise<string[]> {
  return (await db.select({ id: tenants.id }).from(tenants)).map((r) => r.id);
}
