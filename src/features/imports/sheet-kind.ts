import { and, eq, inArray, isNull } from 'drizzle-orm';
import type { RecordTable, TenantScope } from '../../db/tenant-scope.ts';
import { AppError } from '../../platform/errors.ts';
import { engagements } from '../engagements/engagements.table.ts';
import { majors, orgUnits } from '../org-units/org-units.table.ts';
import { normalizeChineseName } from '../organizations/name-similarity.ts';
import { organizations } from '../organizations/organizations.table.ts';
import { affiliations, people } from '../people/people.table.ts';
import { facts, programs } from '../programs/programs.table.ts';
import type { SheetChange, SheetImportRow, SheetReportRow } from './imports.table.ts';
import type { SheetCell } from './sheet-file.ts';
import { headerKey, readDate, readList, readNumber } from './sheet-values.ts';

/** What reading one cell gives: the value, or the code of the problem (see `sheetImport.codes`). */
export type CellRead = { value: unknown } | { code: string };

/** A column a spreadsheet can fill, with the headers it is known by in either language. */
export interface SheetField {
  key: string;
  required?: boolean;
  headers: { zh: string; en: string; aliases: string[] };
  /** Help for the template's explanation sheet. */
  help: { zh: string; en: string };
  /** Fixed choices (shown as a drop-down list in the template). */
  choices?: { value: string; zh: string; en: string }[];
  example: { zh: string; en: string };
  /** The longest text the field takes. */
  max?: number;
  /** Reads the cell (trimmed text, and the cell as the file holds it); plain text when left out. */
  read?: (raw: string, cell: string | number | boolean) => CellRead;
}

export type RowIssue = SheetReportRow['errors'][number];
export type Decisions = SheetImportRow['decisions'];

/** One data row as the checker sees it. */
export interface SheetRowInput {
  row: number;
  cells: SheetCell[];
  headers: string[];
  mapping: (string | null)[];
}

export interface CheckedRow<V> {
  report: SheetReportRow;
  values: V;
}

/**
 * One kind of spreadsheet import (partners, people, facts, engagements, practice): its columns,
 * how a row is checked against the registry, and how the accepted rows are written.
 */
export interface SheetKind<V = Record<string, unknown>, C = unknown> {
  fields: SheetField[];
  /** Loads what the rows are matched against (once per check, inside the commit's transaction too). */
  prepare(scope: TenantScope): Promise<C>;
  /** Checks one row: what it will do, or why it is refused. `seen` is shared by the rows of one file. */
  check(input: SheetRowInput, ctx: C, decisions: Decisions, seen: Map<string, number>): CheckedRow<V>;
  /** Writes the rows that create or update, each with a timeline event naming the import. */
  commit(tx: TenantScope, rows: CheckedRow<V>[], ctx: C, source: string): Promise<SheetChange[]>;
}

/** Which field each header fills (null: left out), matched by header in either language. */
export function autoMapping(fields: SheetField[], headers: string[]): (string | null)[] {
  const byHeader = new Map<string, string>();
  for (const f of fields) {
    for (const h of [f.headers.zh, f.headers.en, f.key, ...f.headers.aliases])
      byHeader.set(headerKey(h), f.key);
  }
  const used = new Set<string>();
  return headers.map((h) => {
    const key = byHeader.get(headerKey(h));
    if (!key || used.has(key)) return null;
    used.add(key);
    return key;
  });
}

/**
 * Reads the mapped cells of a row by their fields: values, errors naming the column (formula cells,
 * too long, unreadable, required and empty), and the column each field came from.
 */
export function readRow(
  input: SheetRowInput,
  fields: SheetField[],
): { values: Record<string, unknown>; errors: RowIssue[]; columnOf: (field: string) => string } {
  const byKey = new Map(fields.map((f) => [f.key, f]));
  const values: Record<string, unknown> = {};
  const errors: RowIssue[] = [];
  const columnOf = (field: string) => input.headers[input.mapping.indexOf(field)] ?? field;
  input.mapping.forEach((key, i) => {
    const field = key ? byKey.get(key) : undefined;
    if (!field) return;
    const cell = input.cells[i];
    const column = input.headers[i] ?? field.key;
    if (cell && typeof cell === 'object') {
      errors.push({ column, field: field.key, code: 'formula_cell', value: cell.formula.slice(0, 60) });
      return;
    }
    if (cell === null || cell === undefined) return;
    const raw = String(cell).trim();
    if (!raw) return;
    if (field.max && raw.length > field.max) {
      errors.push({ column, field: field.key, code: 'too_long', value: raw.slice(0, 60) });
      return;
    }
    const read = field.read ? field.read(raw, cell) : { value: raw };
    if ('code' in read) errors.push({ column, field: field.key, code: read.code, value: raw.slice(0, 60) });
    else values[field.key] = read.value;
  });
  for (const f of fields) {
    if (f.required && values[f.key] === undefined && !errors.some((e) => e.field === f.key)) {
      errors.push({ column: columnOf(f.key), field: f.key, code: 'required' });
    }
  }
  return { values, errors, columnOf };
}

/** Readers shared by the kinds. */
export const readers = {
  date: (raw: string, cell: string | number | boolean): CellRead => {
    const day = readDate(typeof cell === 'number' ? cell : raw);
    return day ? { value: day } : { code: 'invalid_date' };
  },
  year: (raw: string, cell: string | number | boolean): CellRead => {
    const n = typeof cell === 'number' ? cell : Number(raw.replace(/\s*年$/, ''));
    return Number.isInteger(n) && n >= 1990 && n <= 2100 ? { value: n } : { code: 'invalid_year' };
  },
  number: (raw: string, cell: string | number | boolean): CellRead => {
    const n = readNumber(typeof cell === 'number' ? cell : raw);
    return n !== null && n >= 0 && n <= 1e11
      ? { value: Math.round(n * 100) / 100 }
      : { code: 'invalid_number' };
  },
  list: (raw: string): CellRead => ({ value: readList(raw) }),
  email: (raw: string): CellRead =>
    /^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(raw) ? { value: raw.toLowerCase() } : { code: 'invalid_email' },
  /** A choice by its value or its label in either language (or one of the extra words for it). */
  choice(choices: { value: string; zh: string; en: string }[], extra: [string, string][] = []) {
    const byLabel = new Map<string, string>();
    for (const c of choices) for (const l of [c.value, c.zh, c.en]) byLabel.set(headerKey(l), c.value);
    for (const [l, v] of extra) byLabel.set(headerKey(l), v);
    return (raw: string): CellRead => {
      const value = byLabel.get(headerKey(raw));
      return value ? { value } : { code: 'unknown_choice' };
    };
  },
};

/** A lookup of records by any of their names (Chinese, English, aliases), as typed into sheets. */
export class NameIndex<T extends { id: string }> {
  private byName = new Map<string, T[]>();
  constructor(rows: T[], names: (row: T) => (string | null | undefined)[]) {
    for (const row of rows) {
      for (const n of names(row)) {
        if (!n) continue;
        const key = normalizeChineseName(n);
        const list = this.byName.get(key) ?? [];
        if (!list.includes(row)) list.push(row);
        this.byName.set(key, list);
      }
    }
  }
  /** Every record of this name. */
  all(name: string): T[] {
    return this.byName.get(normalizeChineseName(name)) ?? [];
  }
  /** The one record of this name; undefined when none or several. */
  one(name: string): T | undefined {
    const list = this.all(name);
    return list.length === 1 ? list[0] : undefined;
  }
}

/** The college's departments and majors, by name. */
export async function loadStructure(scope: TenantScope) {
  const [units, majorRows] = await Promise.all([
    scope.select(orgUnits, { where: isNull(orgUnits.deletedAt) }),
    scope.select(majors, { where: isNull(majors.deletedAt) }),
  ]);
  return {
    units: new NameIndex(units, (u) => [u.nameZh, u.nameEn, u.code]),
    majors: new NameIndex(majorRows, (m) => [m.nameZh, m.nameEn, m.code]),
  };
}

/** Live partners by any of their names. */
export async function loadPartnerNames(scope: TenantScope) {
  const rows = await scope.select(organizations, { where: isNull(organizations.deletedAt) });
  return new NameIndex(
    rows.filter((o) => o.status !== 'merged'),
    (o) => [o.nameZh, o.nameEn, ...o.aliases],
  );
}

/** Live programs by title. */
export async function loadProgramTitles(scope: TenantScope) {
  const rows = await scope.select(programs, { where: isNull(programs.deletedAt) });
  return { rows, index: new NameIndex(rows, (p) => [p.titleZh, p.titleEn]) };
}

/** An error naming the column of a reference that names nothing (or more than one record). */
export function referenceError(
  column: string,
  field: string,
  name: string,
  found: number,
  code = 'unknown_reference',
): RowIssue {
  return { column, field, code: found > 1 ? 'ambiguous_reference' : code, value: name };
}

/** A row's key seen earlier in the file: the second row is refused, naming the first. */
export function firstRowOf(seen: Map<string, number>, key: string, row: number): number | undefined {
  const earlier = seen.get(key);
  if (earlier === undefined) seen.set(key, row);
  return earlier;
}

/** The record tables an import writes, by subject type, and whether a delete is a soft one. */
const subjects: Record<string, { table: RecordTable; soft: boolean; name: (row: never) => string }> = {
  organization: { table: organizations, soft: true, name: (o: { nameZh: string }) => o.nameZh },
  person: { table: people, soft: true, name: (p: { nameZh: string }) => p.nameZh },
  affiliation: { table: affiliations, soft: false, name: (a: { titleZh: string }) => a.titleZh },
  fact: { table: facts, soft: false, name: (f: { code: string; year: number }) => `${f.code} ${f.year}` },
  engagement: { table: engagements, soft: true, name: (e: { titleZh: string }) => e.titleZh },
  program: { table: programs, soft: true, name: (p: { titleZh: string }) => p.titleZh },
};

/** The timeline event that says a record came from (or was changed by) an import. */
export async function recordImported(
  tx: TenantScope,
  subjectType: string,
  subjectId: string,
  source: string,
  row: number,
): Promise<void> {
  await tx.recordEvent({
    verb: `${subjectType}.imported`,
    subjectType,
    subjectId,
    diff: { import: { to: source }, row: { to: row } },
  });
}

/**
 * Undoes an import's changes, newest first: created records are deleted (softly where the record
 * keeps a deleted mark) and changed ones get their old values back. Refused, naming them, when any
 * was edited since.
 */
export async function undoChanges(tx: TenantScope, changes: SheetChange[]): Promise<void> {
  const current = new Map<string, Record<string, unknown>>();
  const bySubject = new Map<string, string[]>();
  for (const c of changes) {
    const subject = c.subject ?? 'organization';
    bySubject.set(subject, [...(bySubject.get(subject) ?? []), c.id]);
  }
  for (const [subject, ids] of bySubject) {
    const { table } = subjects[subject]!;
    for (let i = 0; i < ids.length; i += 1000) {
      const rows = (await tx.select(table, {
        where: inArray(table.id, ids.slice(i, i + 1000)),
        forUpdate: true,
      })) as Record<string, unknown>[];
      for (const r of rows) current.set(`${subject}:${r.id}`, r);
    }
  }
  const edited = changes.filter((c) => {
    const now = current.get(`${c.subject ?? 'organization'}:${c.id}`);
    return !now || now.version !== c.versionAfter || now.deletedAt;
  });
  if (edited.length > 0) {
    const names = edited.map((c) => {
      const subject = subjects[c.subject ?? 'organization']!;
      const now = current.get(`${c.subject ?? 'organization'}:${c.id}`);
      return now ? subject.name(now as never) : c.id;
    });
    throw new AppError(
      'conflict',
      `Changed since the import, so it cannot be undone: ${names.slice(0, 5).join(', ')}`,
      { edited: edited.map((c) => c.id) },
    );
  }
  for (const c of [...changes].reverse()) {
    const subjectType = c.subject ?? 'organization';
    const { table, soft } = subjects[subjectType]!;
    if (c.action === 'update') {
      await tx.change(table, subjectType, c.id, c.versionAfter, (c.before ?? {}) as never);
    } else if (soft) {
      await tx.change(
        table,
        subjectType,
        c.id,
        c.versionAfter,
        { deletedAt: new Date() } as never,
        'deleted',
      );
    } else {
      await tx.deleteRaw(table, and(eq(table.id, c.id))!);
      await tx.recordEvent({ verb: `${subjectType}.deleted`, subjectType, subjectId: c.id, diff: {} });
    }
  }
}
