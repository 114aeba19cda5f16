import { and, eq, inArray, isNull, or, type SQL, sql } from 'drizzle-orm';
import type { AnyPgColumn } from 'drizzle-orm/pg-core';
import { z } from 'zod';
import { newId } from '../../db/ids.ts';
import { orderFromSort, type RecordTable, type TenantScope } from '../../db/tenant-scope.ts';
import { AppError } from '../../platform/errors.ts';
import { containsPattern } from '../../platform/references.ts';
import { parseInput } from '../../platform/validation.ts';
import {
  type CreateFacilityInput,
  type CreateMajorInput,
  type CreateOrgUnitInput,
  createFacilityInputSchema,
  createMajorInputSchema,
  createOrgUnitInputSchema,
  type FacilityListQuery,
  type FacilityOutput,
  facilityListQuerySchema,
  type MajorListQuery,
  type MajorOutput,
  majorListQuerySchema,
  type OrgUnitListQuery,
  type OrgUnitOutput,
  orgUnitListQuerySchema,
  type UpdateFacilityInput,
  type UpdateMajorInput,
  type UpdateOrgUnitInput,
  updateFacilityInputSchema,
  updateMajorInputSchema,
  updateOrgUnitInputSchema,
} from './org-units.schema.ts';
import { facilities, majors, orgUnits } from './org-units.table.ts';

type OrgUnitRow = typeof orgUnits.$inferSelect;
type MajorRow = typeof majors.$inferSelect;
type FacilityRow = typeof facilities.$inferSelect;
type SoftTable = RecordTable & { deletedAt: AnyPgColumn };

const stamps = (row: { createdAt: Date; updatedAt: Date; version: number }) => ({
  createdAt: row.createdAt.toISOString(),
  updatedAt: row.updatedAt.toISOString(),
  version: row.version,
});

/** The public shape of a department. */
export function toOrgUnitOutput(row: OrgUnitRow): OrgUnitOutput {
  const { id, kind, code, nameZh, nameEn, parentId } = row;
  return { id, kind, code, nameZh, nameEn, parentId, ...stamps(row) };
}

/** The public shape of a major. */
export function toMajorOutput(row: MajorRow): MajorOutput {
  const { id, code, nameZh, nameEn, orgUnitId } = row;
  return { id, code, nameZh, nameEn, orgUnitId, ...stamps(row) };
}

/** The public shape of a facility. */
export function toFacilityOutput(row: FacilityRow): FacilityOutput {
  const { id, kind, nameZh, nameEn, orgUnitId } = row;
  return { id, kind, nameZh, nameEn, orgUnitId, ...stamps(row) };
}

async function assertLiveRows(
  scope: TenantScope,
  table: SoftTable,
  ids: readonly string[],
  path: string,
  noun: string,
): Promise<void> {
  const wanted = [...new Set(ids)];
  if (wanted.length === 0) return;
  const valid = wanted.filter((id) => z.uuid().safeParse(id).success);
  const found = valid.length
    ? ((await scope.select(table, { where: and(inArray(table.id, valid), isNull(table.deletedAt)) })) as {
        id: string;
      }[])
    : [];
  const known = new Set(found.map((r) => r.id));
  const missing = wanted.filter((id) => !known.has(id));
  if (missing.length > 0) {
    const message = `No such ${noun}: ${missing.join(', ')}`;
    throw new AppError('validation_failed', message, [{ path, code: 'unknown_reference', message }]);
  }
}

/** Refuses (validation_failed naming the bad ids) unless every id is a live department of the college. */
export async function assertOrgUnitsExist(scope: TenantScope, ids: readonly string[], path = 'orgUnitIds') {
  await assertLiveRows(scope, orgUnits, ids, path, 'department');
}

/** Refuses (validation_failed naming the bad ids) unless every id is a live major of the college. */
export async function assertMajorsExist(scope: TenantScope, ids: readonly string[], path = 'majorIds') {
  await assertLiveRows(scope, majors, ids, path, 'major');
}

/** Refuses (validation_failed naming the bad ids) unless every id is a live facility of the college. */
export async function assertFacilitiesExist(
  scope: TenantScope,
  ids: readonly string[],
  path = 'facilityIds',
) {
  await assertLiveRows(scope, facilities, ids, path, 'facility');
}

function searchNames(q: string | undefined, columns: SQL[]): SQL | undefined {
  if (!q) return undefined;
  const like = containsPattern(q);
  return or(...columns.map((c) => sql`${c} ilike ${like}`));
}

function definedOnly<T extends Record<string, unknown>>(fields: T): Partial<T> {
  return Object.fromEntries(Object.entries(fields).filter(([, v]) => v !== undefined)) as Partial<T>;
}

// ---- departments -------------------------------------------------------------------------

async function findOrgUnit(scope: TenantScope, id: string): Promise<OrgUnitRow> {
  const row = await scope.first(orgUnits, and(eq(orgUnits.id, id), isNull(orgUnits.deletedAt)));
  if (!row) throw new AppError('not_found', `Department ${id} not found`);
  return row;
}

async function assertNoLoop(scope: TenantScope, id: string, parentId: string): Promise<void> {
  let cursor: string | null = parentId;
  for (let depth = 0; cursor && depth < 50; depth++) {
    if (cursor === id) {
      const message = 'A department cannot be inside itself';
      throw new AppError('validation_failed', message, [
        { path: 'parentId', code: 'invalid_value', message },
      ]);
    }
    const row: OrgUnitRow | undefined = await scope.first(orgUnits, eq(orgUnits.id, cursor));
    cursor = row?.parentId ?? null;
  }
}

/** A page of departments, searchable by name or code. */
export async function listOrgUnits(scope: TenantScope, query: OrgUnitListQuery) {
  const q = parseInput(orgUnitListQuerySchema, query);
  const where = and(
    isNull(orgUnits.deletedAt),
    searchNames(q.q, [sql`${orgUnits.nameZh}`, sql`${orgUnits.nameEn}`, sql`${orgUnits.code}`]),
    q.parentId === 'root'
      ? isNull(orgUnits.parentId)
      : q.parentId
        ? eq(orgUnits.parentId, q.parentId)
        : undefined,
    q.kind ? eq(orgUnits.kind, q.kind) : undefined,
  );
  const result = await scope.page(orgUnits, {
    where,
    orderBy: orderFromSort(
      q.sort,
      {
        nameZh: orgUnits.nameZh,
        nameEn: orgUnits.nameEn,
        code: orgUnits.code,
        createdAt: orgUnits.createdAt,
      },
      orgUnits.id,
    ),
    page: q.page,
    pageSize: q.pageSize,
  });
  return { items: result.items.map(toOrgUnitOutput), total: result.total };
}

/** Adds a department (college-wide staff only: it is the college's structure). */
export async function createOrgUnit(scope: TenantScope, input: CreateOrgUnitInput): Promise<OrgUnitOutput> {
  const data = parseInput(createOrgUnitInputSchema, input);
  scope.assertCollegeWide('Only college-wide staff may change departments');
  return scope.transaction(async (tx) => {
    if (data.parentId) await assertOrgUnitsExist(tx, [data.parentId], 'parentId');
    const row = await tx.create(orgUnits, 'org_unit', {
      id: newId(),
      kind: data.kind,
      code: data.code ?? null,
      nameZh: data.nameZh,
      nameEn: data.nameEn,
      parentId: data.parentId ?? null,
    });
    return toOrgUnitOutput(row);
  });
}

/** One department. */
export async function getOrgUnit(scope: TenantScope, id: string): Promise<OrgUnitOutput> {
  return toOrgUnitOutput(await findOrgUnit(scope, id));
}

/** Renames or moves a department in the tree (never under itself). */
export async function updateOrgUnit(
  scope: TenantScope,
  id: string,
  input: UpdateOrgUnitInput,
): Promise<OrgUnitOutput> {
  const { version, ...fields } = parseInput(updateOrgUnitInputSchema, input);
  scope.assertCollegeWide('Only college-wide staff may change departments');
  return scope.transaction(async (tx) => {
    await findOrgUnit(tx, id);
    if (fields.parentId) {
      await assertOrgUnitsExist(tx, [fields.parentId], 'parentId');
      await assertNoLoop(tx, id, fields.parentId);
    }
    return toOrgUnitOutput(await tx.change(orgUnits, 'org_unit', id, version, definedOnly(fields)));
  });
}

/** Soft-deletes a department; refused (409) while sub-departments, majors or facilities still use it. */
export async function deleteOrgUnit(scope: TenantScope, id: string, version: number): Promise<void> {
  scope.assertCollegeWide('Only college-wide staff may change departments');
  await scope.transaction(async (tx) => {
    await findOrgUnit(tx, id);
    const children = await tx.count(orgUnits, and(eq(orgUnits.parentId, id), isNull(orgUnits.deletedAt)));
    const majorCount = await tx.count(majors, and(eq(majors.orgUnitId, id), isNull(majors.deletedAt)));
    const facilityCount = await tx.count(
      facilities,
      and(eq(facilities.orgUnitId, id), isNull(facilities.deletedAt)),
    );
    if (children + majorCount + facilityCount > 0) {
      throw new AppError('conflict', 'This department still has sub-departments, majors or facilities', {
        children,
        majors: majorCount,
        facilities: facilityCount,
      });
    }
    await tx.change(orgUnits, 'org_unit', id, version, { deletedAt: new Date() }, 'deleted');
  });
}

// ---- majors ------------------------------------------------------------------------------

async function findMajor(scope: TenantScope, id: string): Promise<MajorRow> {
  const row = await scope.first(majors, and(eq(majors.id, id), isNull(majors.deletedAt)));
  if (!row) throw new AppError('not_found', `Major ${id} not found`);
  return row;
}

/** A page of majors, searchable by name or catalogue code. */
export async function listMajors(scope: TenantScope, query: MajorListQuery) {
  const q = parseInput(majorListQuerySchema, query);
  const where = and(
    isNull(majors.deletedAt),
    searchNames(q.q, [sql`${majors.nameZh}`, sql`${majors.nameEn}`, sql`${majors.code}`]),
    q.orgUnitId ? eq(majors.orgUnitId, q.orgUnitId) : undefined,
  );
  const result = await scope.page(majors, {
    where,
    orderBy: orderFromSort(
      q.sort,
      { nameZh: majors.nameZh, nameEn: majors.nameEn, code: majors.code, createdAt: majors.createdAt },
      majors.id,
    ),
    page: q.page,
    pageSize: q.pageSize,
  });
  return { items: result.items.map(toMajorOutput), total: result.total };
}

/** Adds a major; liaisons only for their own departments. */
export async function createMajor(scope: TenantScope, input: CreateMajorInput): Promise<MajorOutput> {
  const data = parseInput(createMajorInputSchema, input);
  scope.assertInDepartments(data.orgUnitId);
  return scope.transaction(async (tx) => {
    if (data.orgUnitId) await assertOrgUnitsExist(tx, [data.orgUnitId], 'orgUnitId');
    const row = await tx.create(majors, 'major', {
      id: newId(),
      code: data.code ?? null,
      nameZh: data.nameZh,
      nameEn: data.nameEn,
      orgUnitId: data.orgUnitId ?? null,
    });
    return toMajorOutput(row);
  });
}

/** One major. */
export async function getMajor(scope: TenantScope, id: string): Promise<MajorOutput> {
  return toMajorOutput(await findMajor(scope, id));
}

/** Changes a major; liaisons only within their own departments. */
export async function updateMajor(
  scope: TenantScope,
  id: string,
  input: UpdateMajorInput,
): Promise<MajorOutput> {
  const { version, ...fields } = parseInput(updateMajorInputSchema, input);
  return scope.transaction(async (tx) => {
    const before = await findMajor(tx, id);
    tx.assertInDepartments(before.orgUnitId);
    if (fields.orgUnitId !== undefined) tx.assertInDepartments(fields.orgUnitId);
    if (fields.orgUnitId) await assertOrgUnitsExist(tx, [fields.orgUnitId], 'orgUnitId');
    return toMajorOutput(await tx.change(majors, 'major', id, version, definedOnly(fields)));
  });
}

/** Soft-deletes a major; liaisons only within their own departments. */
export async function deleteMajor(scope: TenantScope, id: string, version: number): Promise<void> {
  await scope.transaction(async (tx) => {
    const before = await findMajor(tx, id);
    tx.assertInDepartments(before.orgUnitId);
    await tx.change(majors, 'major', id, version, { deletedAt: new Date() }, 'deleted');
  });
}

// ---- facilities --------------------------------------------------------------------------

async function findFacility(scope: TenantScope, id: string): Promise<FacilityRow> {
  const row = await scope.first(facilities, and(eq(facilities.id, id), isNull(facilities.deletedAt)));
  if (!row) throw new AppError('not_found', `Facility ${id} not found`);
  return row;
}

/** A page of facilities, searchable by name. */
export async function listFacilities(scope: TenantScope, query: FacilityListQuery) {
  const q = parseInput(facilityListQuerySchema, query);
  const where = and(
    isNull(facilities.deletedAt),
    searchNames(q.q, [sql`${facilities.nameZh}`, sql`${facilities.nameEn}`]),
    q.orgUnitId ? eq(facilities.orgUnitId, q.orgUnitId) : undefined,
    q.kind ? eq(facilities.kind, q.kind) : undefined,
  );
  const result = await scope.page(facilities, {
    where,
    orderBy: orderFromSort(
      q.sort,
      { nameZh: facilities.nameZh, nameEn: facilities.nameEn, createdAt: facilities.createdAt },
      facilities.id,
    ),
    page: q.page,
    pageSize: q.pageSize,
  });
  return { items: result.items.map(toFacilityOutput), total: result.total };
}

/** Adds a facility; liaisons only for their own departments. */
export async function createFacility(
  scope: TenantScope,
  input: CreateFacilityInput,
): Promise<FacilityOutput> {
  const data = parseInput(createFacilityInputSchema, input);
  scope.assertInDepartments(data.orgUnitId);
  return scope.transaction(async (tx) => {
    if (data.orgUnitId) await assertOrgUnitsExist(tx, [data.orgUnitId], 'orgUnitId');
    const row = await tx.create(facilities, 'facility', {
      id: newId(),
      kind: data.kind,
      nameZh: data.nameZh,
      nameEn: data.nameEn,
      orgUnitId: data.orgUnitId ?? null,
    });
    return toFacilityOutput(row);
  });
}

/** One facility. */
export async function getFacility(scope: TenantScope, id: string): Promise<FacilityOutput> {
  return toFacilityOutput(await findFacility(scope, id));
}

/** Changes a facility; liaisons only within their own departments. */
export async function updateFacility(
  scope: TenantScope,
  id: string,
  input: UpdateFacilityInput,
): Promise<FacilityOutput> {
  const { version, ...fields } = parseInput(updateFacilityInputSchema, input);
  return scope.transaction(async (tx) => {
    const before = await findFacility(tx, id);
    tx.assertInDepartments(before.orgUnitId);
    if (fields.orgUnitId !== undefined) tx.assertInDepartments(fields.orgUnitId);
    if (fields.orgUnitId) await assertOrgUnitsExist(tx, [fields.orgUnitId], 'orgUnitId');
    return toFacilityOutput(await tx.change(facilities, 'facility', id, version, definedOnly(fields)));
  });
}

/** Soft-deletes a facility; liaisons only within their own departments. */
export async function deleteFacility(scope: TenantScope, id: string, version: number): Promise<void> {
  await scope.transaction(async (tx) => {
    const before = await findFacility(tx, id);
    tx.assertInDepartments(before.orgUnitId);
    await tx.change(facilities, 'facility', id, version, { deletedAt: new Date() }, 'deleted');
  });
}
