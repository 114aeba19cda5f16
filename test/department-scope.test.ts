import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { allRouteSpecs } from '../src/app.ts';
import { systemCaller, TenantScope } from '../src/db/tenant-scope.ts';
import { loadDemo } from '../src/features/demo/demo.service.ts';
import { findTenantBySlug } from '../src/features/tenants/tenants.service.ts';
import { createUser } from '../src/features/users/users.service.ts';
import { createTestApp, type TestApp, TestClient, testPassword } from './test-app.ts';

/**
 * One college, two departments X and Y with records of their own: a liaison of X tries every route
 * on Y's engagements, agreements, programs and commitments.
 */
let t: TestApp;
let work: string;
let liaison: TestClient;
const host = 'demo.concord.test';
/** Department-owned records by department: table and id. */
const owned = new Map<string, { table: string; id: string }[]>();
let x = '';
let y = '';

type Rows = { rows: Record<string, unknown>[] };
const rowsOf = async (query: ReturnType<typeof sql>) =>
  ((await t.database.db.execute(query)) as unknown as Rows).rows;

/** The department-scoped records: table, and the column naming the department. */
const scoped = [
  ['engagements', 'host_org_unit_id'],
  ['agreements', 'owner_org_unit_id'],
  ['programs', 'lead_org_unit_id'],
  ['commitments', 'owner_org_unit_id'],
] as const;

async function snapshotOfY(): Promise<string[]> {
  const out: string[] = [];
  for (const [table, column] of scoped) {
    const rows = await rowsOf(
      sql`select row_to_json(r)::text as j from ${sql.identifier(table)} r where ${sql.identifier(column)} = ${y}`,
    );
    out.push(...rows.map((r) => String(r.j)));
  }
  return out.sort();
}

beforeAll(async () => {
  work = await mkdtemp(join(tmpdir(), 'concord-departments-'));
  t = await createTestApp({ DATA_DIR: work });
  await loadDemo(t.database.db, { dataDir: work });
  const demo = (await findTenantBySlug(t.database.db, 'demo'))!;
  for (const [table, column] of scoped) {
    const rows = await rowsOf(
      sql`select id::text as id, ${sql.identifier(column)}::text as unit from ${sql.identifier(table)}
        where tenant_id = ${demo.id} and ${sql.identifier(column)} is not null and deleted_at is null`,
    );
    for (const r of rows)
      owned.set(String(r.unit), [...(owned.get(String(r.unit)) ?? []), { table, id: String(r.id) }]);
  }
  // X and Y: the two departments with records of the most kinds.
  const kinds = (unit: string) => new Set(owned.get(unit)!.map((r) => r.table)).size;
  [x = '', y = ''] = [...owned.keys()].sort(
    (a, b) => kinds(b) - kinds(a) || owned.get(b)!.length - owned.get(a)!.length,
  );
  const scope = new TenantScope(t.database.db, demo.id, systemCaller());
  const user = await createUser(scope, {
    email: 'liaison-x@demo.concord.test',
    name: 'Liaison of X',
    password: testPassword,
    roles: ['department_liaison'],
    orgUnitIds: [x],
  });
  liaison = await new TestClient(t, host).login(user.email);
}, 180_000);
afterAll(async () => {
  await t.close();
  await rm(work, { recursive: true, force: true });
});

const uuid = /[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}/g;

describe('department scoping', () => {
  it('lets a liaison read their department’s records and nothing of another department, through every route', async () => {
    const mine = owned.get(x)!;
    const theirs = owned.get(y)!;
    expect(new Set(theirs.map((r) => r.table)).size).toBeGreaterThanOrEqual(2);
    // Their own records open.
    for (const table of new Set(mine.map((r) => r.table))) {
      const id = mine.find((r) => r.table === table)!.id;
      expect((await liaison.get(`/api/${table}/${id}`)).status, `${table} ${id}`).toBe(200);
    }
    const reads = allRouteSpecs().filter((s) => s.method === 'GET' && s.path.includes('/:'));
    const leaks: string[] = [];
    for (const spec of reads) {
      for (const { id } of theirs) {
        const res = await liaison.get(spec.path.replace(/:\w+/g, id));
        if (res.status !== 404 && res.status !== 403)
          leaks.push(`GET ${spec.path} with ${id}: ${res.status}`);
      }
    }
    const theirIds = new Set(theirs.map((r) => r.id));
    for (const spec of allRouteSpecs().filter((s) => s.method === 'GET' && !s.path.includes('/:'))) {
      const res = await liaison.get(spec.path);
      const type = res.headers.get('content-type') ?? '';
      if (!/json|text|csv|xml|html/.test(type)) continue;
      const found = ((await res.text()).match(uuid) ?? []).filter((id) => theirIds.has(id));
      if (found.length > 0) leaks.push(`GET ${spec.path}: ${found.slice(0, 3).join(', ')}`);
    }
    expect(leaks).toEqual([]);
    expect(reads.length * theirs.length).toBeGreaterThan(100);
    process.stdout.write(
      `department scope: ${reads.length * theirs.length} reads (${reads.length} routes × ${theirs.length} records of the other department) refused\n`,
    );
  }, 300_000);

  it('refuses every change to another department’s records, changing nothing', async () => {
    const before = await snapshotOfY();
    const writes = allRouteSpecs().filter((s) => s.method !== 'GET' && s.path.includes('/:'));
    const wrong: string[] = [];
    // Three records of each kind of Y's: enough to meet every route's department check.
    const sample = scoped.flatMap(([table]) =>
      owned
        .get(y)!
        .filter((r) => r.table === table)
        .slice(0, 3),
    );
    for (const spec of writes) {
      for (const { id } of sample) {
        for (const body of [{}, { version: 1 }]) {
          const res = await liaison.request(spec.method, spec.path.replace(/:\w+/g, id), body, {
            origin: `http://${host}`,
          });
          if (res.status < 400 || res.status >= 500)
            wrong.push(`${spec.method} ${spec.path} with ${id}: ${res.status}`);
        }
      }
    }
    // Nor can they move a record of their own into the other department.
    const own = owned.get(x)!.find((r) => r.table === 'engagements');
    if (own) {
      const current = await (await liaison.get(`/api/engagements/${own.id}`)).json();
      const moved = await liaison.request(
        'PATCH',
        `/api/engagements/${own.id}`,
        { version: current.version, hostOrgUnitId: y },
        { origin: `http://${host}` },
      );
      if (moved.status !== 403 && moved.status !== 400)
        wrong.push(`PATCH own engagement into Y: ${moved.status}`);
    }
    expect(wrong).toEqual([]);
    expect(await snapshotOfY()).toEqual(before);
    process.stdout.write(
      `department scope: ${writes.length * sample.length * 2} writes (${writes.length} routes × ${sample.length} records × 2 bodies) refused, nothing changed\n`,
    );
  }, 300_000);
});
