import { and, asc, eq, gte, ilike, inArray, isNull, lt, lte, or, type SQL, sql } from 'drizzle-orm';
import { newId } from '../../db/ids.ts';
import { orderFromSort, type TenantScope } from '../../db/tenant-scope.ts';
import { AppError } from '../../platform/errors.ts';
import type { FileStore } from '../../platform/file-store.ts';
import { detectFileType } from '../../platform/file-type.ts';
import type { HistoryItem } from '../../platform/history-item.ts';
import { addDays, assertRowsExist, containsPattern, todayIso } from '../../platform/references.ts';
import { parseInput } from '../../platform/validation.ts';
import { orgUnits } from '../org-units/org-units.table.ts';
import { organizations } from '../organizations/organizations.table.ts';
import { people } from '../people/people.table.ts';
import {
  type AgreementFileOutput,
  type AgreementListQuery,
  type AgreementOutput,
  type AgreementStatus,
  agreementFileTypes,
  agreementListQuerySchema,
  type CreateAgreementInput,
  createAgreementInputSchema,
  expiringQuerySchema,
  type TransitionAgreementInput,
  transitionAgreementInputSchema,
  type UpdateAgreementInput,
  updateAgreementInputSchema,
} from './agreements.schema.ts';
import { agreementFiles, agreementParties, agreements } from './agreements.table.ts';

type AgreementRow = typeof agreements.$inferSelect;
type PartyRow = typeof agreementParties.$inferSelect;
/** The legal moves of the agreement lifecycle. */
export const agreementTransitions: Record<AgreementStatus, readonly AgreementStatus[]> = {
  draft: ['in_review', 'terminated'],
  in_review: ['draft', 'signed', 'terminated'],
  signed: ['active', 'terminated'],
  active: ['expired', 'terminated'],
  expired: [],
  terminated: [],
};

const expiringStatuses = ['signed', 'active'] as const;

/**
 * The status an agreement has now: past valid_to a signed or active one is expired even before the
 * job runs, unless it renews automatically (the job then extends it by its term).
 */
export function effectiveAgreementStatus(
  row: { status: AgreementStatus; validTo: string | null; autoRenew?: boolean },
  on = todayIso(),
): AgreementStatus {
  if (
    row.validTo &&
    row.validTo < on &&
    !row.autoRenew &&
    (row.status === 'signed' || row.status === 'active')
  )
    return 'expired';
  return row.status;
}

/** The day `months` months after a YYYY-MM-DD date (the 31st becomes the month's last day). */
function addMonths(day: string, months: number): string {
  const [y, m, d] = day.split('-').map(Number) as [number, number, number];
  const first = new Date(Date.UTC(y, m - 1 + months, 1));
  const last = new Date(Date.UTC(first.getUTCFullYear(), first.getUTCMonth() + 1, 0)).getUTCDate();
  first.setUTCDate(Math.min(d, last));
  return first.toISOString().slice(0, 10);
}

/**
 * The end of an automatically renewing agreement's current term on a day: its term (valid_from to
 * valid_to, in whole months; a year when it has no start) is repeated after valid_to until the
 * term holds that day.
 */
export function renewedValidTo(row: { validFrom: string | null; validTo: string }, on = todayIso()): string {
  const next = addDays(row.validTo, 1);
  const days = row.validFrom ? (Date.parse(next) - Date.parse(row.validFrom)) / 86_400_000 : 365;
  const months = Math.max(1, Math.round(days / 30.44));
  let to = row.validTo;
  for (let terms = 1; to < on; terms++) to = addDays(addMonths(next, months * terms), -1);
  return to;
}

function toAgreementOutput(row: AgreementRow, parties: PartyRow[]): AgreementOutput {
  return {
    id: row.id,
    code: row.code,
    type: row.type,
    titleZh: row.titleZh,
    titleEn: row.titleEn,
    signedOn: row.signedOn,
    validFrom: row.validFrom,
    validTo: row.validTo,
    autoRenew: row.autoRenew,
    status: effectiveAgreementStatus(row),
    parentId: row.parentId,
    sourceEngagementId: row.sourceEngagementId,
    ownerOrgUnitId: row.ownerOrgUnitId,
    notes: row.notes,
    parties: parties
      .filter((p) => p.agreementId === row.id)
      .map((p) => ({
        id: p.id,
        organizationId: p.organizationId,
        role: p.role,
        signatoryPersonId: p.signatoryPersonId,
      })),
    createdAt: row.createdAt.toISOString(),
    updatedAt: row.updatedAt.toISOString(),
    version: row.version,
  };
}

async function withParties(scope: TenantScope, rows: AgreementRow[]): Promise<AgreementOutput[]> {
  if (rows.length === 0) return [];
  const parties = await scope.select(agreementParties, {
    where: inArray(
      agreementParties.agreementId,
      rows.map((r) => r.id),
    ),
    orderBy: [asc(agreementParties.role), asc(agreementParties.id)],
  });
  return rows.map((r) => toAgreementOutput(r, parties));
}

/** Refuses a department liaison a record of another department, naming the field. */
function assertMayRecord(scope: TenantScope, orgUnitId: string | null | undefined): void {
  scope.assertInDepartments(orgUnitId, 'You may only record agreements of your departments', {
    path: 'ownerOrgUnitId',
    message: 'Choose one of your departments',
  });
}

async function findAgreement(scope: TenantScope, id: string): Promise<AgreementRow> {
  const row = await scope.first(
    agreements,
    and(eq(agreements.id, id), isNull(agreements.deletedAt), scope.inDepartments(agreements.ownerOrgUnitId)),
  );
  if (!row) throw new AppError('not_found', `Agreement ${id} not found`);
  return row;
}

async function assertReferences(
  scope: TenantScope,
  data: {
    parentId?: string | null | undefined;
    ownerOrgUnitId?: string | null | undefined;
    parties?: { organizationId: string | null; signatoryPersonId: string | null }[] | undefined;
  },
): Promise<void> {
  await assertRowsExist(scope, orgUnits, [data.ownerOrgUnitId], 'ownerOrgUnitId');
  if (data.parentId) {
    const parent = await scope.count(
      agreements,
      and(eq(agreements.id, data.parentId), isNull(agreements.deletedAt)),
    );
    if (parent === 0) {
      throw new AppError('validation_failed', 'Unknown parent agreement', [
        { path: 'parentId', code: 'not_found', message: 'This record does not exist' },
      ]);
    }
  }
  const parties = data.parties ?? [];
  await assertRowsExist(
    scope,
    organizations,
    parties.map((p) => p.organizationId),
    'parties',
  );
  await assertRowsExist(
    scope,
    people,
    parties.map((p) => p.signatoryPersonId),
    'parties',
  );
}

async function replaceParties(
  scope: TenantScope,
  agreementId: string,
  parties: {
    organizationId: string | null;
    role: 'party_a' | 'party_b' | 'party_c';
    signatoryPersonId: string | null;
  }[],
): Promise<void> {
  await scope.deleteRaw(agreementParties, eq(agreementParties.agreementId, agreementId));
  for (const party of parties) {
    await scope.insertRaw(agreementParties, { id: newId(), agreementId, ...party });
  }
}

/** Records an agreement (a draft unless told otherwise) with its parties. */
export async function createAgreement(
  scope: TenantScope,
  input: CreateAgreementInput & { sourceEngagementId?: string | null },
): Promise<AgreementOutput> {
  const data = parseInput(createAgreementInputSchema, input);
  assertMayRecord(scope, data.ownerOrgUnitId);
  return scope.transaction(async (tx) => {
    await assertReferences(tx, data);
    const id = newId();
    const row = await tx.create(agreements, 'agreement', {
      id,
      type: data.type,
      code: data.code ?? null,
      titleZh: data.titleZh,
      titleEn: data.titleEn ?? '',
      signedOn: data.signedOn ?? null,
      validFrom: data.validFrom ?? null,
      validTo: data.validTo ?? null,
      autoRenew: data.autoRenew ?? false,
      parentId: data.parentId ?? null,
      ownerOrgUnitId: data.ownerOrgUnitId ?? null,
      notes: data.notes ?? null,
      sourceEngagementId: input.sourceEngagementId ?? null,
    });
    await replaceParties(tx, id, data.parties ?? []);
    const [out] = await withParties(tx, [row]);
    return out!;
  });
}

/** A page of agreements; the status filter uses the status as of today. */
export async function listAgreements(
  scope: TenantScope,
  query: AgreementListQuery,
): Promise<{ items: AgreementOutput[]; total: number }> {
  const q = parseInput(agreementListQuerySchema, query);
  const today = todayIso();
  const pastDue = and(
    inArray(agreements.status, [...expiringStatuses]),
    lt(agreements.validTo, today),
    eq(agreements.autoRenew, false),
  );
  const conditions: (SQL | undefined)[] = [
    isNull(agreements.deletedAt),
    scope.inDepartments(agreements.ownerOrgUnitId),
  ];
  if (q.q) {
    const like = containsPattern(q.q);
    conditions.push(
      or(ilike(agreements.titleZh, like), ilike(agreements.titleEn, like), ilike(agreements.code, like)),
    );
  }
  if (q.status === 'expired') conditions.push(or(eq(agreements.status, 'expired'), pastDue));
  else if (q.status === 'signed' || q.status === 'active') {
    conditions.push(
      eq(agreements.status, q.status),
      or(isNull(agreements.validTo), gte(agreements.validTo, today), eq(agreements.autoRenew, true)),
    );
  } else if (q.status) conditions.push(eq(agreements.status, q.status));
  if (q.type) conditions.push(eq(agreements.type, q.type));
  if (q.signedYear) {
    conditions.push(
      gte(agreements.signedOn, `${q.signedYear}-01-01`),
      lte(agreements.signedOn, `${q.signedYear}-12-31`),
    );
  }
  if (q.organizationId) {
    conditions.push(
      sql`exists (select 1 from ${agreementParties} where ${agreementParties.tenantId} = ${agreements.tenantId} and ${agreementParties.agreementId} = ${agreements.id} and ${agreementParties.organizationId} = ${q.organizationId})`,
    );
  }
  const result = await scope.page(agreements, {
    where: and(...conditions),
    orderBy: orderFromSort(
      q.sort ?? '-createdAt',
      {
        signedOn: agreements.signedOn,
        validTo: agreements.validTo,
        titleZh: agreements.titleZh,
        createdAt: agreements.createdAt,
      },
      agreements.id,
    ),
    page: q.page,
    pageSize: q.pageSize,
  });
  return { items: await withParties(scope, result.items), total: result.total };
}

/** Active agreements whose valid_to falls within the next `within` days (30, 90 or 180). */
export async function listExpiringAgreements(
  scope: TenantScope,
  query: { within?: string | undefined },
): Promise<{ items: AgreementOutput[]; total: number }> {
  const { within } = parseInput(expiringQuerySchema, query);
  const today = todayIso();
  const rows = await scope.select(agreements, {
    where: and(
      isNull(agreements.deletedAt),
      eq(agreements.status, 'active'),
      gte(agreements.validTo, today),
      lte(agreements.validTo, addDays(today, within)),
      scope.inDepartments(agreements.ownerOrgUnitId),
    ),
    orderBy: [asc(agreements.validTo), asc(agreements.id)],
    limit: 1000,
  });
  return { items: await withParties(scope, rows), total: rows.length };
}

/**
 * The agreements whose term ends between two dates and that do not renew by themselves (signed or
 * active), within the caller's departments and, when given, one department: a calendar's expiry dates.
 */
export async function agreementsForCalendar(
  scope: TenantScope,
  range: { from: string; to: string; orgUnitId?: string | undefined },
): Promise<AgreementOutput[]> {
  const rows = await scope.select(agreements, {
    where: and(
      isNull(agreements.deletedAt),
      inArray(agreements.status, [...expiringStatuses]),
      eq(agreements.autoRenew, false),
      gte(agreements.validTo, range.from),
      lte(agreements.validTo, range.to),
      scope.inDepartments(agreements.ownerOrgUnitId),
      range.orgUnitId ? eq(agreements.ownerOrgUnitId, range.orgUnitId) : undefined,
    ),
    orderBy: [asc(agreements.validTo), asc(agreements.id)],
    limit: 2000,
  });
  return withParties(scope, rows);
}

/** One agreement with its parties. */
export async function getAgreement(scope: TenantScope, id: string): Promise<AgreementOutput> {
  const [out] = await withParties(scope, [await findAgreement(scope, id)]);
  return out!;
}

/** Changes an agreement's fields and, when given, replaces its parties (version-checked). */
export async function updateAgreement(
  scope: TenantScope,
  id: string,
  input: UpdateAgreementInput,
): Promise<AgreementOutput> {
  const { version, parties, ...data } = parseInput(updateAgreementInputSchema, input);
  return scope.transaction(async (tx) => {
    await findAgreement(tx, id);
    if (data.ownerOrgUnitId !== undefined) assertMayRecord(tx, data.ownerOrgUnitId);
    if (data.parentId === id) {
      throw new AppError('validation_failed', 'An agreement cannot be its own parent', [
        { path: 'parentId', code: 'invalid_value', message: 'An agreement cannot be its own parent' },
      ]);
    }
    await assertReferences(tx, { ...data, parties });
    const set = Object.fromEntries(Object.entries(data).filter(([, v]) => v !== undefined));
    if (parties) {
      const oldParties = await tx.select(agreementParties, { where: eq(agreementParties.agreementId, id) });
      await replaceParties(tx, id, parties);
      const describe = (
        list: { organizationId: string | null; role: string; signatoryPersonId: string | null }[],
      ) =>
        list.map((p) => ({
          organizationId: p.organizationId,
          role: p.role,
          signatoryPersonId: p.signatoryPersonId,
        }));
      await tx.recordEvent({
        verb: 'agreement.parties_replaced',
        subjectType: 'agreement',
        subjectId: id,
        diff: { parties: { from: describe(oldParties), to: describe(parties) } },
      });
    }
    const row = await tx.change(agreements, 'agreement', id, version, set);
    const [out] = await withParties(tx, [row]);
    return out!;
  });
}

/** Moves an agreement along its lifecycle, refusing moves the lifecycle does not allow. */
export async function transitionAgreement(
  scope: TenantScope,
  id: string,
  input: TransitionAgreementInput,
): Promise<AgreementOutput> {
  const data = parseInput(transitionAgreementInputSchema, input);
  return scope.transaction(async (tx) => {
    const before = await findAgreement(tx, id);
    const from = effectiveAgreementStatus(before);
    if (!agreementTransitions[from].includes(data.to)) {
      throw new AppError('validation_failed', `An agreement cannot go from ${from} to ${data.to}`, [
        {
          path: 'to',
          code: 'invalid_transition',
          message: `From ${from} the agreement can go to: ${agreementTransitions[from].join(', ') || 'nothing'}`,
        },
      ]);
    }
    const row = await tx.change(agreements, 'agreement', id, data.version, { status: data.to }, data.to);
    const [out] = await withParties(tx, [row]);
    return out!;
  });
}

/** Soft-deletes an agreement (version-checked). */
export async function deleteAgreement(scope: TenantScope, id: string, version: number): Promise<void> {
  await scope.transaction(async (tx) => {
    await findAgreement(tx, id);
    await tx.change(agreements, 'agreement', id, version, { deletedAt: new Date() }, 'deleted');
  });
}

/**
 * Marks signed or active agreements past valid_to as expired, as the system, and extends those
 * that renew automatically by their term (`agreement.renewed`); returns how many changed.
 */
export async function expireAgreements(scope: TenantScope): Promise<number> {
  const system = scope.asSystem();
  const today = todayIso();
  const due = await system.select(agreements, {
    where: and(
      isNull(agreements.deletedAt),
      inArray(agreements.status, [...expiringStatuses]),
      lt(agreements.validTo, today),
    ),
  });
  for (const row of due) {
    if (row.autoRenew && row.validTo)
      await system.change(
        agreements,
        'agreement',
        row.id,
        null,
        { validTo: renewedValidTo({ validFrom: row.validFrom, validTo: row.validTo }, today) },
        'renewed',
      );
    else await system.change(agreements, 'agreement', row.id, null, { status: 'expired' }, 'expired');
  }
  return due.length;
}

/** Moves every agreement party that is organization `fromId` over to `toId`; returns the rows changed. */
export async function moveOrganizationReferences(
  scope: TenantScope,
  fromId: string,
  toId: string,
): Promise<number> {
  if (fromId === toId) return 0;
  return scope.updateRaw(agreementParties, eq(agreementParties.organizationId, fromId), {
    organizationId: toId,
    updatedAt: new Date(),
  });
}

/** The agreements an organization is a party to, for its history. */
export async function historyOfOrganization(
  scope: TenantScope,
  organizationId: string,
): Promise<HistoryItem[]> {
  const parties = await scope.select(agreementParties, {
    where: eq(agreementParties.organizationId, organizationId),
  });
  const ids = [...new Set(parties.map((p) => p.agreementId))];
  if (ids.length === 0) return [];
  const rows = await scope.select(agreements, {
    where: and(inArray(agreements.id, ids), isNull(agreements.deletedAt)),
  });
  return rows.map((r) => ({
    kind: 'agreement' as const,
    id: r.id,
    date: r.signedOn ?? r.validFrom ?? r.createdAt.toISOString().slice(0, 10),
    titleZh: r.titleZh,
    titleEn: r.titleEn,
    status: effectiveAgreementStatus(r),
  }));
}

type FileRow = typeof agreementFiles.$inferSelect;

function toFileOutput(row: FileRow): AgreementFileOutput {
  return {
    id: row.id,
    fileName: row.fileName,
    contentType: row.contentType,
    byteSize: Number(row.byteSize),
    sha256: row.sha256,
    createdAt: row.createdAt.toISOString(),
  };
}

function fileError(message: string): AppError {
  return new AppError('validation_failed', message, [{ path: 'file', code: 'invalid_value', message }]);
}

/** Attaches a file (signed scan, annex) to an agreement; the bytes stay private in the file store. */
export async function attachAgreementFile(
  scope: TenantScope,
  store: FileStore,
  agreementId: string,
  file: { name: string; type: string; bytes: Uint8Array } | null,
): Promise<AgreementFileOutput> {
  if (!file || file.bytes.byteLength === 0) throw fileError('Choose a non-empty file');
  // The type comes from the bytes: a script renamed .pdf is refused whatever the browser claims.
  const type = detectFileType(file.bytes) ?? '';
  if (!(agreementFileTypes as readonly string[]).includes(type)) {
    throw fileError('This file is not a PDF, an image (JPEG, PNG, WebP) or a Word document');
  }
  // The name is shown and offered on download only; path parts and control characters go.
  const fileName = (file.name.split(/[\\/]/).pop() ?? '')
    .replace(/\p{Cc}|"/gu, '')
    .trim()
    .slice(0, 200);
  if (!fileName) throw fileError('The file needs a name');
  await findAgreement(scope, agreementId);
  const stored = await store.save('agreements', scope.tenantId, file.bytes);
  return scope.transaction(async (tx) => {
    const row = await tx.create(agreementFiles, 'agreement_file', {
      id: newId(),
      agreementId,
      fileName,
      contentType: type,
      storageKey: stored.storageKey,
      byteSize: String(file.bytes.byteLength),
      sha256: stored.sha256,
    });
    await tx.recordEvent({
      verb: 'agreement.file_attached',
      subjectType: 'agreement',
      subjectId: agreementId,
      diff: { file: { to: { id: row.id, fileName, sha256: stored.sha256 } } },
    });
    return toFileOutput(row);
  });
}

/** The files attached to an agreement, oldest first. */
export async function listAgreementFiles(
  scope: TenantScope,
  agreementId: string,
): Promise<AgreementFileOutput[]> {
  await findAgreement(scope, agreementId);
  const rows = await scope.select(agreementFiles, {
    where: eq(agreementFiles.agreementId, agreementId),
    orderBy: [asc(agreementFiles.createdAt), asc(agreementFiles.id)],
  });
  return rows.map(toFileOutput);
}

async function findFile(scope: TenantScope, agreementId: string, fileId: string): Promise<FileRow> {
  const row = await scope.first(
    agreementFiles,
    and(eq(agreementFiles.id, fileId), eq(agreementFiles.agreementId, agreementId)),
  );
  if (!row) throw new AppError('not_found', `File ${fileId} not found`);
  return row;
}

/** One attached file with its bytes, for download. */
export async function readAgreementFile(
  scope: TenantScope,
  store: FileStore,
  agreementId: string,
  fileId: string,
): Promise<{ file: AgreementFileOutput; bytes: Buffer }> {
  await findAgreement(scope, agreementId);
  const row = await findFile(scope, agreementId, fileId);
  return { file: toFileOutput(row), bytes: await store.read(row.storageKey) };
}

/** Detaches a file from an agreement, leaving a timeline entry (the stored bytes are kept). */
export async function detachAgreementFile(
  scope: TenantScope,
  agreementId: string,
  fileId: string,
): Promise<void> {
  await scope.transaction(async (tx) => {
    await findAgreement(tx, agreementId);
    const row = await findFile(tx, agreementId, fileId);
    await tx.deleteRaw(agreementFiles, eq(agreementFiles.id, fileId));
    await tx.recordEvent({
      verb: 'agreement.file_detached',
      subjectType: 'agreement',
      subjectId: agreementId,
      diff: {
        file: {
          from: { id: row.id, fileName: row.fileName, sha256: row.sha256, storageKey: row.storageKey },
        },
      },
    });
  });
}
