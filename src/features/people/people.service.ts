import { and, desc, eq, exists, gte, inArray, isNull, lte, or, type SQL, sql } from 'drizzle-orm';
import { z } from 'zod';
import { newId } from '../../db/ids.ts';
import { orderFromSort, type TenantScope } from '../../db/tenant-scope.ts';
import { AppError } from '../../platform/errors.ts';
import { containsPattern, todayIso } from '../../platform/references.ts';
import { parseInput } from '../../platform/validation.ts';
import { assertOrgUnitsExist } from '../org-units/org-units.service.ts';
import { orgUnits } from '../org-units/org-units.table.ts';
import { assertOrganizationsExist } from '../organizations/organizations.service.ts';
import { organizations } from '../organizations/organizations.table.ts';
import { getUser } from '../users/users.service.ts';
import {
  type AffiliationOutput,
  type CreateAffiliationInput,
  type CreatePersonInput,
  createAffiliationInputSchema,
  createPersonInputSchema,
  type PersonListItem,
  type PersonListQuery,
  type PersonOutput,
  personListQuerySchema,
  type UpdateAffiliationInput,
  type UpdatePersonInput,
  updateAffiliationInputSchema,
  updatePersonInputSchema,
} from './people.schema.ts';
import { affiliations, people } from './people.table.ts';

type PersonRow = typeof people.$inferSelect;
type AffiliationRow = typeof affiliations.$inferSelect;

/** The public shape of a person. */
export function toPersonOutput(row: PersonRow): PersonOutput {
  return {
    id: row.id,
    side: row.side,
    nameZh: row.nameZh,
    nameEn: row.nameEn,
    email: row.email,
    phone: row.phone,
    userId: row.userId,
    notes: row.notes,
    createdAt: row.createdAt.toISOString(),
    updatedAt: row.updatedAt.toISOString(),
    version: row.version,
  };
}

/** The public shape of an affiliation. */
export function toAffiliationOutput(row: AffiliationRow): AffiliationOutput {
  return {
    id: row.id,
    personId: row.personId,
    organizationId: row.organizationId,
    orgUnitId: row.orgUnitId,
    titleZh: row.titleZh,
    titleEn: row.titleEn,
    fromOn: row.fromOn,
    toOn: row.toOn,
    isPrimary: row.isPrimary,
    createdAt: row.createdAt.toISOString(),
    updatedAt: row.updatedAt.toISOString(),
    version: row.version,
  };
}

/** Refuses (validation_failed, naming the bad ids under `path`) unless every id is a person of the college. */
export async function assertPeopleExist(
  scope: TenantScope,
  ids: readonly string[],
  path = 'personIds',
): Promise<void> {
  const wanted = [...new Set(ids)];
  if (wanted.length === 0) return;
  const valid = wanted.filter((id) => z.uuid().safeParse(id).success);
  const found = valid.length
    ? await scope.select(people, { where: and(inArray(people.id, valid), isNull(people.deletedAt)) })
    : [];
  const known = new Set(found.map((p) => p.id));
  const missing = wanted.filter((id) => !known.has(id));
  if (missing.length > 0) {
    const message = `No such person: ${missing.join(', ')}`;
    throw new AppError('validation_failed', message, [{ path, code: 'unknown_reference', message }]);
  }
}

/**
 * The title a person held on a day at an organization (or, with `organizationId` null, on our side
 * or anywhere), from the affiliation valid that day; primary and most recent first. Null if none.
 */
export async function titleOn(
  scope: TenantScope,
  personId: string,
  organizationId: string | null,
  onDate: string | Date,
): Promise<{ titleZh: string; titleEn: string } | null> {
  const day = typeof onDate === 'string' ? onDate.slice(0, 10) : onDate.toISOString().slice(0, 10);
  const validOn = and(
    eq(affiliations.personId, personId),
    or(isNull(affiliations.fromOn), sql`${affiliations.fromOn} <= ${day}`),
    or(isNull(affiliations.toOn), sql`${affiliations.toOn} >= ${day}`),
  );
  const order = [
    desc(affiliations.isPrimary),
    sql`${affiliations.fromOn} desc nulls last`,
    desc(affiliations.createdAt),
  ];
  let row: AffiliationRow | undefined;
  if (organizationId) {
    const rows = await scope.select(affiliations, {
      where: and(validOn, eq(affiliations.organizationId, organizationId)),
      orderBy: order,
      limit: 1,
    });
    row = rows[0];
  } else {
    // Our side first (a department title), then any title held that day.
    const rows = await scope.select(affiliations, {
      where: validOn,
      orderBy: [sql`(${affiliations.organizationId} is null) desc`, ...order],
      limit: 1,
    });
    row = rows[0];
  }
  return row ? { titleZh: row.titleZh, titleEn: row.titleEn } : null;
}

async function assertUserExists(scope: TenantScope, userId: string | null | undefined): Promise<void> {
  if (!userId) return;
  await getUser(scope, userId).catch(() => {
    const message = 'No such user';
    throw new AppError('validation_failed', message, [
      { path: 'userId', code: 'unknown_reference', message },
    ]);
  });
}

/** Adds a person (ours or a partner's). */
export async function createPerson(scope: TenantScope, input: CreatePersonInput): Promise<PersonOutput> {
  const data = parseInput(createPersonInputSchema, input);
  await assertUserExists(scope, data.userId);
  const row = await scope.create(people, 'person', {
    id: newId(),
    side: data.side,
    nameZh: data.nameZh,
    nameEn: data.nameEn,
    email: data.email ?? null,
    phone: data.phone ?? null,
    userId: data.userId ?? null,
    notes: data.notes ?? null,
  });
  return toPersonOutput(row);
}

/** A page of people, searchable by name or email, filtered by organization or side. */
export async function listPeople(scope: TenantScope, query: PersonListQuery) {
  const q = parseInput(personListQuerySchema, query);
  const conditions: (SQL | undefined)[] = [isNull(people.deletedAt)];
  if (q.q) {
    const like = containsPattern(q.q);
    conditions.push(
      or(
        sql`${people.nameZh} ilike ${like}`,
        sql`${people.nameEn} ilike ${like}`,
        sql`${people.email} ilike ${like}`,
      ),
    );
  }
  if (q.side) conditions.push(eq(people.side, q.side));
  if (q.organizationId) {
    const organizationId = q.organizationId;
    // Wrapped in an object so the builder is not awaited (run) here; it becomes a subquery.
    const { subquery } = await scope.build(async (qb, tenant) => ({
      subquery: qb
        .select({ one: sql`1` })
        .from(affiliations)
        .where(
          and(
            tenant(affiliations),
            eq(affiliations.personId, people.id),
            eq(affiliations.organizationId, organizationId),
          ),
        ),
    }));
    conditions.push(exists(subquery));
  }
  const result = await scope.page(people, {
    where: and(...conditions),
    orderBy: orderFromSort(
      q.sort,
      { nameZh: people.nameZh, nameEn: people.nameEn, createdAt: people.createdAt },
      people.id,
    ),
    page: q.page,
    pageSize: q.pageSize,
  });
  const current = await currentPosts(
    scope,
    result.items.map((p) => p.id),
  );
  return {
    items: result.items.map((p) => ({ ...toPersonOutput(p), current: current.get(p.id) ?? null })),
    total: result.total,
  };
}

/** Each person's current post (today within its dates), the primary one first, with the place's names. */
async function currentPosts(
  scope: TenantScope,
  personIds: readonly string[],
): Promise<Map<string, NonNullable<PersonListItem['current']>>> {
  const out = new Map<string, NonNullable<PersonListItem['current']>>();
  if (personIds.length === 0) return out;
  const today = todayIso();
  const posts = await scope.select(affiliations, {
    where: and(
      inArray(affiliations.personId, [...personIds]),
      or(isNull(affiliations.fromOn), lte(affiliations.fromOn, today)),
      or(isNull(affiliations.toOn), gte(affiliations.toOn, today)),
    ),
    orderBy: [desc(affiliations.isPrimary), desc(affiliations.fromOn), desc(affiliations.createdAt)],
  });
  const orgIds = [...new Set(posts.map((p) => p.organizationId).filter((id): id is string => Boolean(id)))];
  const unitIds = [...new Set(posts.map((p) => p.orgUnitId).filter((id): id is string => Boolean(id)))];
  const [orgs, units] = await Promise.all([
    orgIds.length ? scope.select(organizations, { where: inArray(organizations.id, orgIds) }) : [],
    unitIds.length ? scope.select(orgUnits, { where: inArray(orgUnits.id, unitIds) }) : [],
  ]);
  const places = new Map<string, { nameZh: string; nameEn: string | null }>([
    ...orgs.map((o) => [o.id, o] as const),
    ...units.map((u) => [u.id, u] as const),
  ]);
  for (const post of posts) {
    if (out.has(post.personId)) continue;
    const place = places.get(post.organizationId ?? post.orgUnitId ?? '');
    out.set(post.personId, {
      organizationId: post.organizationId,
      orgUnitId: post.orgUnitId,
      placeZh: place?.nameZh ?? '',
      placeEn: place?.nameEn ?? '',
      titleZh: post.titleZh,
      titleEn: post.titleEn,
    });
  }
  return out;
}

async function findPerson(scope: TenantScope, id: string): Promise<PersonRow> {
  const row = await scope.first(people, and(eq(people.id, id), isNull(people.deletedAt)));
  if (!row) throw new AppError('not_found', `Person ${id} not found`);
  return row;
}

/** One person. */
export async function getPerson(scope: TenantScope, id: string): Promise<PersonOutput> {
  return toPersonOutput(await findPerson(scope, id));
}

/** Changes a person's names, contacts or side. */
export async function updatePerson(
  scope: TenantScope,
  id: string,
  input: UpdatePersonInput,
): Promise<PersonOutput> {
  const data = parseInput(updatePersonInputSchema, input);
  const { version, ...fields } = data;
  return scope.transaction(async (tx) => {
    await findPerson(tx, id);
    await assertUserExists(tx, fields.userId);
    const set = Object.fromEntries(Object.entries(fields).filter(([, v]) => v !== undefined));
    return toPersonOutput(await tx.change(people, 'person', id, version, set));
  });
}

/** Soft-deletes a person; their past participations keep their names and titles. */
export async function deletePerson(scope: TenantScope, id: string, version: number): Promise<void> {
  await scope.transaction(async (tx) => {
    await findPerson(tx, id);
    await tx.change(people, 'person', id, version, { deletedAt: new Date() }, 'deleted');
  });
}

/** A person's affiliations, current and past, newest first. */
export async function listAffiliations(scope: TenantScope, personId: string): Promise<AffiliationOutput[]> {
  await findPerson(scope, personId);
  const rows = await scope.select(affiliations, {
    where: eq(affiliations.personId, personId),
    orderBy: [sql`${affiliations.fromOn} desc nulls last`, desc(affiliations.createdAt)],
  });
  return rows.map(toAffiliationOutput);
}

async function assertAffiliationTargets(
  scope: TenantScope,
  value: { organizationId?: string | null | undefined; orgUnitId?: string | null | undefined },
): Promise<void> {
  if (value.organizationId) await assertOrganizationsExist(scope, [value.organizationId], 'organizationId');
  if (value.orgUnitId) await assertOrgUnitsExist(scope, [value.orgUnitId], 'orgUnitId');
}

/** Records a title a person holds or held at an organization or one of our departments. */
export async function addAffiliation(
  scope: TenantScope,
  personId: string,
  input: CreateAffiliationInput,
): Promise<AffiliationOutput> {
  const data = parseInput(createAffiliationInputSchema, input);
  return scope.transaction(async (tx) => {
    await findPerson(tx, personId);
    await assertAffiliationTargets(tx, data);
    const row = await tx.create(affiliations, 'affiliation', {
      id: newId(),
      personId,
      organizationId: data.organizationId ?? null,
      orgUnitId: data.orgUnitId ?? null,
      titleZh: data.titleZh,
      titleEn: data.titleEn,
      fromOn: data.fromOn ?? null,
      toOn: data.toOn ?? null,
      isPrimary: data.isPrimary,
    });
    return toAffiliationOutput(row);
  });
}

async function findAffiliation(scope: TenantScope, personId: string, id: string): Promise<AffiliationRow> {
  const row = await scope.first(
    affiliations,
    and(eq(affiliations.id, id), eq(affiliations.personId, personId)),
  );
  if (!row) throw new AppError('not_found', `Affiliation ${id} not found`);
  return row;
}

/** Corrects an affiliation (title, place, period). */
export async function updateAffiliation(
  scope: TenantScope,
  personId: string,
  id: string,
  input: UpdateAffiliationInput,
): Promise<AffiliationOutput> {
  const data = parseInput(updateAffiliationInputSchema, input);
  const { version, ...fields } = data;
  return scope.transaction(async (tx) => {
    const before = await findAffiliation(tx, personId, id);
    const next = {
      ...before,
      ...Object.fromEntries(Object.entries(fields).filter(([, v]) => v !== undefined)),
    };
    if (next.organizationId && next.orgUnitId) {
      const message = 'Give either an organization or one of our departments, not both';
      throw new AppError('validation_failed', message, [
        { path: 'orgUnitId', code: 'invalid_value', message },
      ]);
    }
    if (next.fromOn && next.toOn && next.toOn < next.fromOn) {
      const message = 'The end date is before the start date';
      throw new AppError('validation_failed', message, [{ path: 'toOn', code: 'invalid_value', message }]);
    }
    await assertAffiliationTargets(tx, fields);
    const set = Object.fromEntries(Object.entries(fields).filter(([, v]) => v !== undefined));
    return toAffiliationOutput(await tx.change(affiliations, 'affiliation', id, version, set));
  });
}

/**
 * Removes an affiliation entered by mistake. Affiliations have no soft-delete column; the whole row
 * stays in the timeline event. Past participations keep the title stored with them.
 */
export async function removeAffiliation(
  scope: TenantScope,
  personId: string,
  id: string,
  version: number,
): Promise<void> {
  await scope.transaction(async (tx) => {
    await findAffiliation(tx, personId, id);
    const [row] = await tx.select(affiliations, { where: eq(affiliations.id, id), forUpdate: true });
    if (!row) throw new AppError('not_found', `Affiliation ${id} not found`);
    if (row.version !== version) {
      throw new AppError('conflict', `affiliation ${id} is at version ${row.version}, not ${version}`, {
        currentVersion: row.version,
      });
    }
    await tx.deleteRaw(affiliations, eq(affiliations.id, id));
    await tx.recordEvent({
      verb: 'affiliation.deleted',
      subjectType: 'affiliation',
      subjectId: id,
      diff: Object.fromEntries(Object.entries(toAffiliationOutput(row)).map(([k, v]) => [k, { from: v }])),
    });
  });
}

/** Moves every affiliation at organization `fromId` to `toId` (a merge); returns how many moved. */
export async function moveAffiliations(scope: TenantScope, fromId: string, toId: string): Promise<number> {
  const rows = await scope.select(affiliations, { where: eq(affiliations.organizationId, fromId) });
  for (const row of rows) {
    await scope.change(affiliations, 'affiliation', row.id, null, { organizationId: toId }, 'moved');
  }
  return rows.length;
}
