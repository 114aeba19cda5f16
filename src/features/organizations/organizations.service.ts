import { and, eq, inArray, isNull, ne, or, sql } from 'drizzle-orm';
import { z } from 'zod';
import { newId } from '../../db/ids.ts';
import type { Diff, TenantScope } from '../../db/tenant-scope.ts';
import { AppError, isUniqueViolation } from '../../platform/errors.ts';
import { containsPattern } from '../../platform/references.ts';
import { parseInput } from '../../platform/validation.ts';
import { compareChineseNames, compareEnglishNames, nameBigrams } from './name-similarity.ts';
import {
  type CreateOrganizationInput,
  createOrganizationInputSchema,
  type DuplicateOutput,
  type OrganizationOutput,
  type UpdateOrganizationInput,
  updateOrganizationInputSchema,
  usccSchema,
} from './organizations.schema.ts';
import { organizations } from './organizations.table.ts';
import { isValidUscc } from './uscc.ts';

type OrganizationRow = typeof organizations.$inferSelect;

const checkedUscc = usccSchema.refine(isValidUscc, {
  message: 'The check character of this unified social credit code is wrong',
  params: { code: 'invalid_uscc' },
});
/** The create input with the credit code's check character verified (routes read bodies with it). */
export const createOrganizationSchema = createOrganizationInputSchema.extend({
  uscc: checkedUscc.nullable().optional(),
});
/** The update input with the credit code's check character verified (routes read bodies with it). */
export const updateOrganizationSchema = updateOrganizationInputSchema.extend({
  uscc: checkedUscc.nullable().optional(),
});

/** The public shape of an organization. */
export function toOrganizationOutput(row: OrganizationRow): OrganizationOutput {
  return {
    id: row.id,
    kind: row.kind,
    nameZh: row.nameZh,
    nameEn: row.nameEn,
    aliases: row.aliases,
    uscc: row.uscc,
    industry: row.industry,
    region: row.region,
    flags: row.flags,
    tags: row.tags,
    parentId: row.parentId,
    since: row.since,
    website: row.website,
    description: row.description,
    status: row.status,
    mergedIntoId: row.mergedIntoId,
    deletedAt: row.deletedAt?.toISOString() ?? null,
    createdAt: row.createdAt.toISOString(),
    updatedAt: row.updatedAt.toISOString(),
    version: row.version,
  };
}

/** Live organizations: neither deleted nor merged into another. */
export function liveOrganization() {
  return and(isNull(organizations.deletedAt), ne(organizations.status, 'merged'))!;
}

/**
 * Refuses (validation_failed, naming the bad ids under `path`) unless every id is a live organization
 * of the scope's college.
 */
export async function assertOrganizationsExist(
  scope: TenantScope,
  ids: readonly string[],
  path = 'organizationIds',
): Promise<void> {
  const wanted = [...new Set(ids)];
  if (wanted.length === 0) return;
  const valid = wanted.filter((id) => z.uuid().safeParse(id).success);
  const found = valid.length
    ? await scope.select(organizations, { where: and(inArray(organizations.id, valid), liveOrganization()) })
    : [];
  const known = new Set(found.map((o) => o.id));
  const missing = wanted.filter((id) => !known.has(id));
  if (missing.length > 0) {
    const message = `No such organization: ${missing.join(', ')}`;
    throw new AppError('validation_failed', message, [{ path, code: 'unknown_reference', message }]);
  }
}

/** The row of an organization that is not deleted (merged ones are still readable), or 404. */
export async function findOrganization(
  scope: TenantScope,
  id: string,
  forUpdate = false,
): Promise<OrganizationRow> {
  const [row] = await scope.select(organizations, {
    where: and(eq(organizations.id, id), isNull(organizations.deletedAt)),
    limit: 1,
    forUpdate,
  });
  if (!row) throw new AppError('not_found', `Organization ${id} not found`);
  return row;
}

function usccTaken(uscc: string): AppError {
  return new AppError('already_exists', `An organization with credit code ${uscc} already exists`, [
    { path: 'uscc', code: 'already_exists', message: 'Another organization already has this credit code' },
  ]);
}

async function assertUsccFree(scope: TenantScope, uscc: string, exceptId?: string): Promise<void> {
  const other = await scope.first(
    organizations,
    and(
      eq(organizations.uscc, uscc),
      liveOrganization(),
      exceptId ? ne(organizations.id, exceptId) : undefined,
    ),
  );
  if (other) throw usccTaken(uscc);
}

async function assertParentAllowed(scope: TenantScope, parentId: string, selfId?: string): Promise<void> {
  await assertOrganizationsExist(scope, [parentId], 'parentId');
  if (!selfId) return;
  // Walk up from the new parent: meeting ourselves would make a loop.
  let cursor: string | null = parentId;
  for (let depth = 0; cursor && depth < 50; depth++) {
    if (cursor === selfId) {
      throw new AppError('validation_failed', 'An organization cannot be its own ancestor', [
        { path: 'parentId', code: 'invalid_value', message: 'An organization cannot be its own ancestor' },
      ]);
    }
    const row: OrganizationRow | undefined = await scope.first(organizations, eq(organizations.id, cursor));
    cursor = row?.parentId ?? null;
  }
}

/** The row of a new organization from validated input: lists without repeats, absent values null. */
function newOrganizationRow(data: ReturnType<typeof createOrganizationSchema.parse>) {
  return {
    id: newId(),
    kind: data.kind,
    nameZh: data.nameZh,
    nameEn: data.nameEn,
    aliases: [...new Set(data.aliases)],
    uscc: data.uscc ?? null,
    industry: data.industry ?? null,
    region: data.region ?? null,
    flags: [...new Set(data.flags)],
    tags: [...new Set(data.tags)],
    parentId: data.parentId ?? null,
    since: data.since ?? null,
    website: data.website ?? null,
    description: data.description ?? null,
  };
}

/** Registers a partner organization. */
export async function createOrganization(
  scope: TenantScope,
  input: CreateOrganizationInput,
): Promise<OrganizationOutput> {
  const data = parseInput(createOrganizationSchema, input);
  return scope.transaction(async (tx) => {
    if (data.uscc) await assertUsccFree(tx, data.uscc);
    if (data.parentId) await assertParentAllowed(tx, data.parentId);
    try {
      const row = await tx.create(organizations, 'organization', newOrganizationRow(data));
      return toOrganizationOutput(row);
    } catch (err) {
      if (isUniqueViolation(err) && data.uscc) throw usccTaken(data.uscc);
      throw err;
    }
  });
}

/**
 * Registers many partners at once (an import): each input is validated as one would be, credit codes
 * must be free, and the rows and their timeline events are written a few hundred per statement.
 */
export async function createOrganizations(
  scope: TenantScope,
  inputs: CreateOrganizationInput[],
  extraEvents: (
    id: string,
  ) => { verb: string; diff?: Record<string, { from?: unknown; to?: unknown }> }[] = () => [],
): Promise<{ id: string; version: number }[]> {
  const rows = inputs.map((input) => {
    return newOrganizationRow(parseInput(createOrganizationSchema, input));
  });
  const codes = rows.flatMap((r) => (r.uscc ? [r.uscc] : []));
  if (new Set(codes).size !== codes.length) {
    throw new AppError('validation_failed', 'The same credit code is given twice', [
      { path: 'uscc', code: 'already_exists', message: 'The same credit code is given twice' },
    ]);
  }
  for (let i = 0; i < codes.length; i += 1000) {
    const taken = await scope.first(
      organizations,
      and(inArray(organizations.uscc, codes.slice(i, i + 1000)), liveOrganization()),
    );
    if (taken?.uscc) throw usccTaken(taken.uscc);
  }
  return scope.createMany(organizations, 'organization', rows, extraEvents);
}

/** One organization (merged ones too, so old links still resolve). */
export async function getOrganization(scope: TenantScope, id: string): Promise<OrganizationOutput> {
  return toOrganizationOutput(await findOrganization(scope, id));
}

/** Changes an organization's registry data; refuses stale versions and taken credit codes. */
export async function updateOrganization(
  scope: TenantScope,
  id: string,
  input: UpdateOrganizationInput,
): Promise<OrganizationOutput> {
  const data = parseInput(updateOrganizationSchema, input);
  return scope.transaction(async (tx) => {
    const before = await findOrganization(tx, id);
    if (before.status === 'merged') {
      throw new AppError('conflict', 'This organization was merged into another; change that one instead');
    }
    if (data.uscc) await assertUsccFree(tx, data.uscc, id);
    if (data.parentId) await assertParentAllowed(tx, data.parentId, id);
    const { version, ...fields } = data;
    const set: Partial<typeof organizations.$inferInsert> = {};
    for (const [key, value] of Object.entries(fields)) {
      if (value !== undefined)
        Object.assign(set, { [key]: Array.isArray(value) ? [...new Set(value)] : value });
    }
    try {
      return toOrganizationOutput(await tx.change(organizations, 'organization', id, version, set));
    } catch (err) {
      if (isUniqueViolation(err) && data.uscc) throw usccTaken(data.uscc);
      throw err;
    }
  });
}

/** Soft-deletes an organization (it disappears from lists; references keep pointing at it). */
export async function deleteOrganization(scope: TenantScope, id: string, version: number): Promise<void> {
  await scope.transaction(async (tx) => {
    await findOrganization(tx, id);
    const children = await tx.count(organizations, and(eq(organizations.parentId, id), liveOrganization()));
    if (children > 0) {
      throw new AppError('conflict', 'This organization still has child organizations', { children });
    }
    await tx.change(organizations, 'organization', id, version, { deletedAt: new Date() }, 'deleted');
  });
}

/**
 * Organizations that may be the same partner: the same credit code, a name with similarity of at
 * least 0.5 in either language (trigrams in English, bigrams in Chinese), or an alias equal to a name.
 * Best matches first.
 */
export async function findDuplicateOrganizations(scope: TenantScope, id: string): Promise<DuplicateOutput[]> {
  const self = await findOrganization(scope, id);
  const en = self.nameEn.toLowerCase();
  const names = [self.nameZh, self.nameEn, ...self.aliases].filter((n) => n.trim() !== '');
  const namesArray = sql`array[${sql.join(
    names.map((n) => sql`${n}`),
    sql`, `,
  )}]::text[]`;
  const bigramPatterns = nameBigrams(self.nameZh).map((g) => containsPattern(g));
  const sharesBigram = bigramPatterns.length
    ? sql`${organizations.nameZh} like any(array[${sql.join(
        bigramPatterns.map((p) => sql`${p}`),
        sql`, `,
      )}]::text[])`
    : sql`false`;
  const enScoreSql = sql<number>`case when ${en} = '' or ${organizations.nameEn} = '' then 0 else similarity(lower(${organizations.nameEn}), ${en}) end`;
  const rows = await scope.build(async (qb, tenant) =>
    qb
      .select({
        row: organizations,
        aliasMatch: sql<boolean>`(${organizations.nameZh} = any(${namesArray}) or (${organizations.nameEn} <> '' and ${organizations.nameEn} = any(${namesArray})) or ${organizations.aliases} && ${namesArray})`,
      })
      .from(organizations)
      .where(
        and(
          tenant(organizations),
          ne(organizations.id, id),
          liveOrganization(),
          or(
            self.uscc !== null ? eq(organizations.uscc, self.uscc) : undefined,
            sql`similarity(${organizations.nameZh}, ${self.nameZh}) >= 0.5`,
            sql`${enScoreSql} >= 0.5`,
            sharesBigram,
            sql`${organizations.nameZh} = any(${namesArray})`,
            sql`(${organizations.nameEn} <> '' and ${organizations.nameEn} = any(${namesArray}))`,
            sql`${organizations.aliases} && ${namesArray}`,
          ),
        ),
      )
      .limit(500),
  );
  const found: DuplicateOutput[] = [];
  for (const { row, aliasMatch } of rows) {
    const zhScore = compareChineseNames(self.nameZh, row.nameZh);
    // The database's trigram score finds candidates; this one, blind to a shared place, decides.
    const enScore = self.nameEn && row.nameEn ? compareEnglishNames(self.nameEn, row.nameEn) : 0;
    const reasons: DuplicateOutput['reasons'] = [];
    if (self.uscc && row.uscc === self.uscc) reasons.push('same_uscc');
    if (Math.max(zhScore, enScore) >= 0.5) reasons.push('similar_name');
    if (aliasMatch) reasons.push('alias_match');
    if (reasons.length === 0) continue;
    const exact = reasons.includes('same_uscc') || reasons.includes('alias_match');
    const score = Math.round((exact ? 1 : Math.max(zhScore, enScore)) * 1000) / 1000;
    found.push({ organization: toOrganizationOutput(row), score, reasons });
  }
  return found.sort((a, b) => b.score - a.score).slice(0, 50);
}

/** Points every child organization of `fromId` at `toId`; returns how many moved. */
export async function moveChildOrganizations(
  scope: TenantScope,
  fromId: string,
  toId: string,
): Promise<number> {
  const children = await scope.select(organizations, {
    where: and(eq(organizations.parentId, fromId), ne(organizations.id, toId)),
  });
  for (const child of children) {
    await scope.change(organizations, 'organization', child.id, null, { parentId: toId }, 'reparented');
  }
  return children.length;
}

/**
 * Marks `fromId` merged into `intoId` (at `version`) and gives the target the source's names as
 * aliases; writes `organization.merged_into` / `organization.merged_from` on the two timelines.
 */
export async function markOrganizationMerged(
  scope: TenantScope,
  fromId: string,
  intoId: string,
  version: number,
  details: Record<string, unknown>,
): Promise<OrganizationOutput> {
  return scope.transaction(async (tx) => {
    const source = await findOrganization(tx, fromId, true);
    const target = await findOrganization(tx, intoId, true);
    const aliases = [...new Set([...target.aliases, source.nameZh, source.nameEn, ...source.aliases])].filter(
      (a) => a.trim() !== '' && a !== target.nameZh && a !== target.nameEn,
    );
    // The credit code moves to the target when it has none; the merged row gives it up either way.
    const uscc = target.uscc ?? source.uscc;
    // The field changes are ordinary `organization.updated` events; the merge itself is one event on
    // each side, written even when the target's fields did not change.
    await tx.change(organizations, 'organization', fromId, version, {
      status: 'merged',
      mergedIntoId: intoId,
    });
    await tx.recordEvent({
      verb: 'organization.merged_into',
      subjectType: 'organization',
      subjectId: fromId,
      diff: { mergedIntoId: { to: intoId }, ...detailDiff(details) },
    });
    const after = await tx.change(organizations, 'organization', intoId, null, {
      aliases,
      uscc,
      since: earliestSince(target.since, source.since),
      // A target that sat under the merged one takes its place in the tree.
      ...(target.parentId === fromId ? { parentId: source.parentId } : {}),
    });
    await tx.recordEvent({
      verb: 'organization.merged_from',
      subjectType: 'organization',
      subjectId: intoId,
      diff: { mergedFromId: { to: fromId }, ...detailDiff(details) },
    });
    return toOrganizationOutput(after);
  });
}

function detailDiff(details: Record<string, unknown>): Diff {
  return Object.fromEntries(Object.entries(details).map(([k, v]) => [k, { to: v }]));
}

/** The earlier of two `YYYY[-MM]` values, ignoring missing ones. */
export function earliestSince(a: string | null, b: string | null): string | null {
  if (!a) return b;
  if (!b) return a;
  return a <= b ? a : b;
}

/** The names of organizations by id, in one query (ids of other colleges or unknown ids are left out). */
export async function organizationNames(
  scope: TenantScope,
  ids: readonly (string | null)[],
): Promise<Map<string, { nameZh: string; nameEn: string | null }>> {
  const wanted = [...new Set(ids.filter((id): id is string => Boolean(id)))];
  if (wanted.length === 0) return new Map();
  const rows = await scope.select(organizations, { where: inArray(organizations.id, wanted) });
  return new Map(rows.map((r) => [r.id, { nameZh: r.nameZh, nameEn: r.nameEn }]));
}

/** How many organizations the college has (merged and deleted ones included). */
export async function countOrganizations(scope: TenantScope): Promise<number> {
  return scope.count(organizations);
}
