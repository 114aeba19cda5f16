import { and, eq, sql } from 'drizzle-orm';
import type { Database } from '../../db/client.ts';
import { newId } from '../../db/ids.ts';
import type { RequestTenant } from '../../platform/context.ts';
import { AppError, isUniqueViolation } from '../../platform/errors.ts';
import { parseInput } from '../../platform/validation.ts';
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
): Promise<CollegeOutput> {
  const data = parseInput(updateCollegeInputSchema, input);
  await getCollege(db, id);
  await db.transaction(async (tx) => {
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
): Promise<CollegeOutput> {
  const { host } = parseInput(collegeHostInputSchema, input);
  const college = await getCollege(db, id);
  try {
    await db
      .insert(sites)
      .values({ tenantId: id, id: newId(), host, nameZh: college.nameZh, nameEn: college.nameEn });
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
export async function removeCollegeHost(db: Database, id: string, rawHost: string): Promise<CollegeOutput> {
  const parsed = hostSchema.safeParse(rawHost);
  const college = await getCollege(db, id);
  if (!parsed.success || !college.hosts.includes(parsed.data))
    throw new AppError('not_found', `The college has no host name ${rawHost}`);
  if (college.hosts.length === 1)
    throw new AppError('validation_failed', 'A college keeps at least one host name', [
      { path: 'host', code: 'last_host', message: 'A college keeps at least one host name' },
    ]);
  await db.delete(sites).where(and(eq(sites.tenantId, id), sql`lower(${sites.host}) = ${parsed.data}`));
  clearSiteCache();
  return getCollege(db, id);
}
