import { and, asc, eq, ilike, inArray, isNull, or, type SQL, sql } from 'drizzle-orm';
import { newId } from '../../db/ids.ts';
import { orderFromSort, type TenantScope } from '../../db/tenant-scope.ts';
import { AppError, fieldError } from '../../platform/errors.ts';
import type { HistoryItem } from '../../platform/history-item.ts';
import { assertRowsExist, containsPattern } from '../../platform/references.ts';
import { parseInput } from '../../platform/validation.ts';
import { agreements } from '../agreements/agreements.table.ts';
import { majors, orgUnits } from '../org-units/org-units.table.ts';
import { organizations } from '../organizations/organizations.table.ts';
import { people } from '../people/people.table.ts';
import {
  type CreateProgramInput,
  createProgramInputSchema,
  factInputSchema,
  milestoneInputSchema,
  type ProgramListItem,
  type ProgramListQuery,
  type ProgramOutput,
  programListQuerySchema,
  type UpdateProgramInput,
  updateMilestoneInputSchema,
  updateProgramInputSchema,
} from './programs.schema.ts';
import { facts, programMilestones, programs } from './programs.table.ts';

type ProgramRow = typeof programs.$inferSelect;
type Status = ProgramRow['status'];
const programTransitions: Record<Status, readonly Status[]> = {
  planned: ['running', 'cancelled'],
  running: ['completed', 'cancelled'],
  completed: [],
  cancelled: [],
};

function toProgramOutput(row: ProgramRow): ProgramOutput {
  return {
    id: row.id,
    dimension: row.dimension,
    titleZh: row.titleZh,
    titleEn: row.titleEn,
    status: row.status,
    organizationIds: row.organizationIds,
    majorIds: row.majorIds,
    leadPersonId: row.leadPersonId,
    leadOrgUnitId: row.leadOrgUnitId,
    agreementId: row.agreementId,
    sourceEngagementId: row.sourceEngagementId,
    startOn: row.startOn,
    endOn: row.endOn,
    description: row.description,
    createdAt: row.createdAt.toISOString(),
    updatedAt: row.updatedAt.toISOString(),
    version: row.version,
  };
}

type Names = { nameZh: string; nameEn: string };
type NamedTable = typeof orgUnits | typeof majors | typeof organizations | typeof people;

/** The names of the rows of a registry table with these ids, in one query (none without ids). */
async function namesById(
  scope: TenantScope,
  table: NamedTable,
  ids: readonly (string | null)[],
): Promise<ReadonlyMap<string, Names>> {
  const wanted = [...new Set(ids.filter((id): id is string => Boolean(id)))];
  if (wanted.length === 0) return new Map();
  const rows: { id: string; nameZh: string; nameEn: string }[] = await scope.select(table, {
    where: inArray(table.id, wanted),
  });
  return new Map(rows.map((r) => [r.id, r]));
}

/** Refuses a department liaison a record of another department, naming the field. */
function assertMayRecord(scope: TenantScope, orgUnitId: string | null | undefined): void {
  scope.assertInDepartments(orgUnitId, 'You may only record programs of your departments', {
    path: 'leadOrgUnitId',
    message: 'Choose one of your departments',
  });
}

async function findProgram(scope: TenantScope, id: string): Promise<ProgramRow> {
  const row = await scope.first(
    programs,
    and(eq(programs.id, id), isNull(programs.deletedAt), scope.inDepartments(programs.leadOrgUnitId)),
  );
  if (!row) throw new AppError('not_found', `Program ${id} not found`);
  return row;
}

async function assertReferences(
  scope: TenantScope,
  data: {
    organizationIds?: string[] | undefined;
    majorIds?: string[] | undefined;
    leadPersonId?: string | null | undefined;
    leadOrgUnitId?: string | null | undefined;
    agreementId?: string | null | undefined;
  },
): Promise<void> {
  await assertRowsExist(scope, organizations, data.organizationIds ?? [], 'organizationIds');
  await assertRowsExist(scope, majors, data.majorIds ?? [], 'majorIds');
  await assertRowsExist(scope, people, [data.leadPersonId], 'leadPersonId');
  await assertRowsExist(scope, orgUnits, [data.leadOrgUnitId], 'leadOrgUnitId');
  await assertRowsExist(scope, agreements, [data.agreementId], 'agreementId');
}

/** Records a cooperation program (planned unless told otherwise). */
export async function createProgram(
  scope: TenantScope,
  input: CreateProgramInput & { sourceEngagementId?: string | null },
): Promise<ProgramOutput> {
  const data = parseInput(createProgramInputSchema, input);
  assertMayRecord(scope, data.leadOrgUnitId);
  await assertReferences(scope, data);
  const row = await scope.create(programs, 'program', {
    id: newId(),
    dimension: data.dimension,
    titleZh: data.titleZh,
    titleEn: data.titleEn ?? '',
    status: data.status ?? 'planned',
    organizationIds: [...new Set(data.organizationIds ?? [])],
    majorIds: [...new Set(data.majorIds ?? [])],
    leadPersonId: data.leadPersonId ?? null,
    leadOrgUnitId: data.leadOrgUnitId ?? null,
    agreementId: data.agreementId ?? null,
    sourceEngagementId: input.sourceEngagementId ?? null,
    startOn: data.startOn ?? null,
    endOn: data.endOn ?? null,
    description: data.description ?? null,
  });
  return toProgramOutput(row);
}

/** A page of programs with filters. */
export async function listPrograms(
  scope: TenantScope,
  query: ProgramListQuery,
): Promise<{ items: ProgramListItem[]; total: number }> {
  const q = parseInput(programListQuerySchema, query);
  const conditions: (SQL | undefined)[] = [
    isNull(programs.deletedAt),
    scope.inDepartments(programs.leadOrgUnitId),
  ];
  if (q.q) {
    const like = containsPattern(q.q);
    conditions.push(
      or(ilike(programs.titleZh, like), ilike(programs.titleEn, like), ilike(programs.description, like)),
    );
  }
  if (q.dimension) conditions.push(eq(programs.dimension, q.dimension));
  if (q.status) conditions.push(eq(programs.status, q.status));
  if (q.organizationId) conditions.push(sql`${q.organizationId}::uuid = any(${programs.organizationIds})`);
  if (q.orgUnitId) conditions.push(eq(programs.leadOrgUnitId, q.orgUnitId));
  const result = await scope.page(programs, {
    where: and(...conditions),
    orderBy: orderFromSort(
      q.sort ?? '-createdAt',
      { startOn: programs.startOn, titleZh: programs.titleZh, createdAt: programs.createdAt },
      programs.id,
    ),
    page: q.page,
    pageSize: q.pageSize,
  });
  // One lookup per kind for the whole page, never one per row.
  const partners = await namesById(
    scope,
    organizations,
    result.items.flatMap((p) => p.organizationIds),
  );
  const units = await namesById(
    scope,
    orgUnits,
    result.items.map((p) => p.leadOrgUnitId),
  );
  const items = result.items.map((row): ProgramListItem => {
    const lead = row.leadOrgUnitId ? units.get(row.leadOrgUnitId) : undefined;
    return {
      ...toProgramOutput(row),
      organizations: row.organizationIds.map((id) => ({
        id,
        nameZh: partners.get(id)?.nameZh ?? null,
        nameEn: partners.get(id)?.nameEn ?? null,
      })),
      leadOrgUnitNameZh: lead?.nameZh ?? null,
      leadOrgUnitNameEn: lead?.nameEn ?? null,
    };
  });
  return { items, total: result.total };
}

/** One program with its milestones and facts. */
export async function getProgram(scope: TenantScope, id: string): Promise<ProgramOutput> {
  const row = await findProgram(scope, id);
  const milestones = await scope.select(programMilestones, {
    where: eq(programMilestones.programId, id),
    orderBy: [sql`${programMilestones.dueOn} asc nulls last`, asc(programMilestones.id)],
  });
  const programFacts = await scope.select(facts, {
    where: eq(facts.programId, id),
    orderBy: [asc(facts.year), asc(facts.code), asc(facts.id)],
  });
  // The names the facts table shows: one lookup per kind for all the facts.
  const majorNames = await namesById(
    scope,
    majors,
    programFacts.map((f) => f.majorId),
  );
  const partnerNames = await namesById(
    scope,
    organizations,
    programFacts.map((f) => f.organizationId),
  );
  const personNames = await namesById(
    scope,
    people,
    programFacts.map((f) => f.personId),
  );
  const named = (names: ReadonlyMap<string, Names>, id: string | null) => (id ? names.get(id) : undefined);
  return {
    ...toProgramOutput(row),
    milestones: milestones.map((m) => ({
      id: m.id,
      title: m.title,
      dueOn: m.dueOn,
      doneOn: m.doneOn,
      version: m.version,
    })),
    facts: programFacts.map((f) => ({
      id: f.id,
      code: f.code,
      year: f.year,
      value: Number(f.value),
      majorId: f.majorId,
      organizationId: f.organizationId,
      personId: f.personId,
      note: f.note,
      majorNameZh: named(majorNames, f.majorId)?.nameZh ?? null,
      majorNameEn: named(majorNames, f.majorId)?.nameEn ?? null,
      organizationNameZh: named(partnerNames, f.organizationId)?.nameZh ?? null,
      organizationNameEn: named(partnerNames, f.organizationId)?.nameEn ?? null,
      personNameZh: named(personNames, f.personId)?.nameZh ?? null,
      personNameEn: named(personNames, f.personId)?.nameEn ?? null,
    })),
  };
}

/** Changes a program; status moves only planned → running → completed, or to cancelled. */
export async function updateProgram(
  scope: TenantScope,
  id: string,
  input: UpdateProgramInput,
): Promise<ProgramOutput> {
  const { version, ...data } = parseInput(updateProgramInputSchema, input);
  return scope.transaction(async (tx) => {
    const before = await findProgram(tx, id);
    if (data.leadOrgUnitId !== undefined) assertMayRecord(tx, data.leadOrgUnitId);
    if (
      data.status &&
      data.status !== before.status &&
      !programTransitions[before.status].includes(data.status)
    ) {
      throw new AppError('validation_failed', `A program cannot go from ${before.status} to ${data.status}`, [
        {
          path: 'status',
          code: 'invalid_transition',
          message: `A program cannot go from ${before.status} to ${data.status}`,
        },
      ]);
    }
    await assertReferences(tx, data);
    const set = Object.fromEntries(Object.entries(data).filter(([, v]) => v !== undefined));
    return toProgramOutput(await tx.change(programs, 'program', id, version, set));
  });
}

/** Soft-deletes a program (version-checked). */
export async function deleteProgram(scope: TenantScope, id: string, version: number): Promise<void> {
  await scope.transaction(async (tx) => {
    await findProgram(tx, id);
    await tx.change(programs, 'program', id, version, { deletedAt: new Date() }, 'deleted');
  });
}

/** Adds a milestone to a program. */
export async function addMilestone(
  scope: TenantScope,
  programId: string,
  input: unknown,
): Promise<ProgramOutput> {
  const data = parseInput(milestoneInputSchema, input);
  await scope.transaction(async (tx) => {
    await findProgram(tx, programId);
    await tx.create(programMilestones, 'program_milestone', {
      id: newId(),
      programId,
      title: data.title,
      dueOn: data.dueOn ?? null,
      doneOn: data.doneOn ?? null,
    });
  });
  return getProgram(scope, programId);
}

async function findMilestone(scope: TenantScope, programId: string, id: string) {
  const row = await scope.first(
    programMilestones,
    and(eq(programMilestones.id, id), eq(programMilestones.programId, programId)),
  );
  if (!row) throw new AppError('not_found', `Milestone ${id} not found`);
  return row;
}

/** Changes a milestone (version-checked), e.g. marks it done. */
export async function updateMilestone(
  scope: TenantScope,
  programId: string,
  id: string,
  input: unknown,
): Promise<ProgramOutput> {
  const { version, ...data } = parseInput(updateMilestoneInputSchema, input);
  await scope.transaction(async (tx) => {
    await findProgram(tx, programId);
    await findMilestone(tx, programId, id);
    const set = Object.fromEntries(Object.entries(data).filter(([, v]) => v !== undefined));
    await tx.change(programMilestones, 'program_milestone', id, version, set);
  });
  return getProgram(scope, programId);
}

/** Removes a milestone of a program, leaving a timeline entry. */
export async function removeMilestone(scope: TenantScope, programId: string, id: string): Promise<void> {
  await scope.transaction(async (tx) => {
    await findProgram(tx, programId);
    const row = await findMilestone(tx, programId, id);
    await tx.deleteRaw(programMilestones, eq(programMilestones.id, id));
    await tx.recordEvent({
      verb: 'program_milestone.deleted',
      subjectType: 'program_milestone',
      subjectId: id,
      diff: { title: { from: row.title }, programId: { from: programId } },
    });
  });
}

/** Records a measurable result of a program for a year. */
export async function addFact(scope: TenantScope, programId: string, input: unknown): Promise<ProgramOutput> {
  const data = parseInput(factInputSchema, input);
  await scope.transaction(async (tx) => {
    await findProgram(tx, programId);
    await assertRowsExist(tx, majors, [data.majorId], 'majorId');
    await assertRowsExist(tx, organizations, [data.organizationId], 'organizationId');
    if (data.personId) {
      if (data.code !== 'teacher_practice_days') {
        throw fieldError('personId', 'invalid_value', 'Only a teacher’s practice days name a person');
      }
      const teacher = await tx.first(people, and(eq(people.id, data.personId), isNull(people.deletedAt)));
      if (!teacher) throw fieldError('personId', 'unknown_reference', 'No such person');
      if (teacher.side !== 'ours') {
        throw fieldError('personId', 'invalid_value', 'Choose one of the college’s own teachers');
      }
    }
    // One value per program, code, year, major and partner: a second entry would count twice in
    // the yearly figures, so it is refused and the existing one named.
    const same = await tx.first(
      facts,
      and(
        eq(facts.programId, programId),
        eq(facts.code, data.code),
        eq(facts.year, data.year),
        data.majorId ? eq(facts.majorId, data.majorId) : isNull(facts.majorId),
        data.organizationId ? eq(facts.organizationId, data.organizationId) : isNull(facts.organizationId),
        data.personId ? eq(facts.personId, data.personId) : isNull(facts.personId),
      ),
    );
    if (same) {
      throw new AppError(
        'already_exists',
        'This program already has this figure for the year, major and partner',
        [
          {
            path: 'code',
            code: 'already_exists',
            message:
              'This figure is already recorded for the year, major and partner; change that one instead',
          },
        ],
      );
    }
    await tx.create(facts, 'fact', {
      id: newId(),
      programId,
      code: data.code,
      year: data.year,
      value: String(data.value),
      majorId: data.majorId ?? null,
      organizationId: data.organizationId ?? null,
      personId: data.personId ?? null,
      note: data.note ?? null,
    });
  });
  return getProgram(scope, programId);
}

/** Moves every program partner and fact that names organization `fromId` over to `toId`; returns the rows changed. */
export async function moveOrganizationReferences(
  scope: TenantScope,
  fromId: string,
  toId: string,
): Promise<number> {
  if (fromId === toId) return 0;
  const rows = await scope.select(programs, {
    where: sql`${fromId}::uuid = any(${programs.organizationIds})`,
  });
  let changed = 0;
  for (const row of rows) {
    const next = [...new Set(row.organizationIds.map((id) => (id === fromId ? toId : id)))];
    changed += await scope.updateRaw(programs, eq(programs.id, row.id), {
      organizationIds: next,
      updatedAt: new Date(),
    });
  }
  changed += await scope.updateRaw(facts, eq(facts.organizationId, fromId), {
    organizationId: toId,
    updatedAt: new Date(),
  });
  return changed;
}

/** The programs listing an organization as partner, for its history. */
export async function historyOfOrganization(
  scope: TenantScope,
  organizationId: string,
): Promise<HistoryItem[]> {
  const rows = await scope.select(programs, {
    where: and(sql`${organizationId}::uuid = any(${programs.organizationIds})`, isNull(programs.deletedAt)),
  });
  return rows.map((r) => ({
    kind: 'program' as const,
    id: r.id,
    date: r.startOn ?? r.createdAt.toISOString().slice(0, 10),
    titleZh: r.titleZh,
    titleEn: r.titleEn,
    status: r.status,
  }));
}
