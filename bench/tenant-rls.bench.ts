/**
 * Row-level security, measured before it is chosen: the records data set in one college (beside a
 * second college, so the policy has rows to hide), row-level security enabled on every tenant table
 * with a policy keyed on `app.tenant_id`, and the engagement list, commitment list, partner list and
 * dashboard services timed three ways:
 *   plain     the scope's own condition, as today (the database owner bypasses the policies);
 *   tx        each request in a transaction that sets `app.tenant_id` (the cost of carrying it);
 *   rls       the same under an application role the policies bind (what row-level security costs).
 * Then the price on the embedded database, where one connection serves every request: requests that
 * each hold a transaction for their whole life cannot overlap, so a 20,000-row export runs while
 * short requests are timed, with and without a transaction around it.
 * Usage: node bin/run-ts.js bench/tenant-rls.bench.ts [--scale 0.5] [--rounds 30]
 *   with DATABASE_URL pointing at an empty database to measure PostgreSQL instead of PGlite.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { sql } from 'drizzle-orm';
import { type Database, openDatabase } from '../src/db/client.ts';
import { migrateDatabase } from '../src/db/migrate.ts';
import { systemCaller, TenantScope } from '../src/db/tenant-scope.ts';
import { listCommitments } from '../src/features/commitments/commitments.service.ts';
import { listEngagements } from '../src/features/engagements/engagements.service.ts';
import { listOrganizations } from '../src/features/partnerships/partnerships.service.ts';
import { showDashboard } from '../src/features/reports/reports.dashboard.ts';
import { generateRecords } from './generate-records.ts';

/** One line of the report. */
const say = (line: string) => process.stdout.write(`${line}\n`);

const { values } = parseArgs({
  options: { scale: { type: 'string', default: '0.5' }, rounds: { type: 'string', default: '30' } },
});
const rounds = Number(values.rounds);
const databaseUrl = process.env.DATABASE_URL ?? '';
const dataDir = mkdtempSync(join(tmpdir(), 'concord-rls-'));

const handle = await openDatabase({ databaseUrl, dataDir, purpose: 'row-level security bench' });
try {
  await migrateDatabase(handle);
  const db = handle.db;
  const { tenantId } = await generateRecords(db, 'bench', Number(values.scale));
  await generateRecords(db, 'other', Number(values.scale) / 5);
  const rows = async (query: ReturnType<typeof sql>) =>
    ((await db.execute(query)) as unknown as { rows: Record<string, unknown>[] }).rows;

  // Row-level security on every table with a tenant_id, and a role that cannot bypass it.
  const tables = (
    await rows(sql`select table_name as t from information_schema.columns
      where table_schema = 'public' and column_name = 'tenant_id' order by 1`)
  ).map((r) => String(r.t));
  await db.execute(
    sql.raw(`do $$ begin
    if not exists (select from pg_roles where rolname = 'concord_rls') then create role concord_rls nologin; end if;
    end $$`),
  );
  await db.execute(sql.raw('grant usage on schema public to concord_rls'));
  await db.execute(
    sql.raw('grant select, insert, update, delete on all tables in schema public to concord_rls'),
  );
  await db.execute(sql.raw('grant usage, select on all sequences in schema public to concord_rls'));
  for (const table of tables) {
    await db.execute(sql.raw(`alter table "${table}" enable row level security`));
    await db.execute(
      sql.raw(`create policy tenant_isolation on "${table}"
        using (tenant_id = current_setting('app.tenant_id', true)::uuid)
        with check (tenant_id = current_setting('app.tenant_id', true)::uuid)`),
    );
  }
  await db.execute(sql.raw('analyze'));

  type Work = (scope: TenantScope) => Promise<unknown>;
  const works: [string, Work][] = [
    ['engagement list', (s) => listEngagements(s, { page: '7', pageSize: '20' } as never)],
    ['commitment list', (s) => listCommitments(s, { page: '3', pageSize: '20' } as never)],
    ['partner list', (s) => listOrganizations(s, { q: '化工', page: '1', pageSize: '20' } as never)],
    ['dashboard', (s) => showDashboard(s, { staleMonths: '12' } as never)],
  ];
  const caller = systemCaller();
  const plain = (work: Work) => work(new TenantScope(db, tenantId, caller));
  const inTransaction = (role: boolean) => (work: Work) =>
    db.transaction(async (tx) => {
      await tx.execute(sql`select set_config('app.tenant_id', ${tenantId}, true)`);
      if (role) await tx.execute(sql.raw('set local role concord_rls'));
      return work(new TenantScope(tx as unknown as Database, tenantId, caller));
    });
  const ways: [string, (work: Work) => Promise<unknown>][] = [
    ['plain', plain],
    ['tx', inTransaction(false)],
    ['rls', inTransaction(true)],
  ];

  // The policy really hides the other college: under the role, only this college's rows are seen.
  const seen = (await inTransaction(true)(async (s) => listEngagements(s, {} as never))) as { total: number };
  const all = (await rows(sql`select count(*)::int as n from engagements`))[0]?.n;
  say(
    `row-level security on ${tables.length} tables; engagements: ${all} in both colleges, ${seen.total} seen under the policy`,
  );

  const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;
  say(`database: ${databaseUrl ? 'PostgreSQL' : 'PGlite'}, scale ${values.scale}, ${rounds} rounds`);
  for (const [name, work] of works) {
    const times: Record<string, number[]> = { plain: [], tx: [], rls: [] };
    for (const [, way] of ways) await way(work); // warm
    for (let i = 0; i < rounds; i++)
      for (const [way, run] of ways) {
        const t0 = performance.now();
        await run(work);
        times[way]!.push(performance.now() - t0);
      }
    const m = Object.fromEntries(Object.entries(times).map(([k, v]) => [k, median(v)]));
    say(
      `${name.padEnd(16)} plain ${m.plain!.toFixed(2)} ms  tx ${m.tx!.toFixed(2)} ms  rls ${m.rls!.toFixed(2)} ms  (rls/plain ${(m.rls! / m.plain!).toFixed(2)})`,
    );
  }

  // One long reader (a 20,000-row export read page by page) beside short requests.
  const longRead = async (scope: TenantScope) => {
    for (let page = 1; page <= 100; page++) {
      await listEngagements(scope, { page: String(page), pageSize: '200' } as never);
      await new Promise((r) => setImmediate(r)); // the export writes its page to the client
    }
  };
  for (const [way, run] of [ways[0]!, ways[2]!]) {
    const short: number[] = [];
    let done = false;
    const long = run(longRead).then(() => {
      done = true;
    });
    while (!done) {
      const t0 = performance.now();
      await run(works[0]![1]);
      short.push(performance.now() - t0);
      await new Promise((r) => setTimeout(r, 5)); // the next request arrives
    }
    await long;
    say(
      `short requests during an export, ${way.padEnd(5)}: ${short.length} served, median ${median(short).toFixed(1)} ms, max ${Math.max(...short).toFixed(0)} ms`,
    );
  }
} finally {
  await handle.close();
  rmSync(dataDir, { recursive: true, force: true });
}
