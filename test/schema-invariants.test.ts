import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DatabaseHandle } from '../src/db/client.ts';
import { createTestDatabase } from './test-database.ts';

/**
 * The invariants that let Concord be distributed by `tenant_id` (docs/decisions/0005-sharding-on-citus.md),
 * read from the database catalogue of the migrated schema, so a new table or index that breaks them
 * fails here, not on the day a deployment is sharded.
 */
let database: DatabaseHandle;

/**
 * Tables that carry a `tenant_id` but are not distributed by it (see the decision record): each stays
 * whole on the coordinator, because it is read before the college is known or across colleges.
 */
const notDistributed: Record<string, string> = {
  jobs: 'the job queue, claimed across colleges by every process with SKIP LOCKED',
  sites: 'host name to college, read on every request before the college is known (a reference table)',
};

/** The triggers reviewed to touch only the changed rows' own college (by NEW/OLD or grouped by tenant_id). */
const reviewedTriggers = [
  'articles_sync_search',
  'engagements_count_delete',
  'engagements_count_insert',
  'engagements_count_update',
  'timeline_events_append_only',
];

async function rows<T>(query: ReturnType<typeof sql>): Promise<T[]> {
  const result = await database.db.execute(query);
  return (Array.isArray(result) ? result : (result as { rows: T[] }).rows) as T[];
}

/** Tables with a `tenant_id` column: the ones distributed by it. */
async function tenantTables(): Promise<string[]> {
  return (
    await rows<{ table: string }>(sql`
      select c.relname as table from pg_class c
      join pg_namespace n on n.oid = c.relnamespace
      join pg_attribute a on a.attrelid = c.oid and a.attname = 'tenant_id' and not a.attisdropped
      where n.nspname = 'public' and c.relkind in ('r', 'p') order by 1`)
  )
    .map((r) => r.table)
    .filter((table) => !(table in notDistributed));
}

beforeAll(async () => {
  database = await createTestDatabase();
});
afterAll(async () => {
  await database?.close();
});

describe('schema invariants for distribution by tenant_id', () => {
  it('finds the tenant tables', async () => {
    const tables = await tenantTables();
    process.stdout.write(`schema invariants: ${tables.length} tenant tables\n`);
    expect(tables).toContain('articles');
    expect(tables.length).toBeGreaterThan(30);
  });

  it("starts every tenant table's primary key with tenant_id", async () => {
    const wrong = await rows<{ table: string; first: string | null }>(sql`
      select c.relname as table, a.attname as first
      from pg_class c
      join pg_namespace n on n.oid = c.relnamespace
      left join pg_index i on i.indrelid = c.oid and i.indisprimary
      left join pg_attribute a on a.attrelid = c.oid and a.attnum = i.indkey[0]
      where n.nspname = 'public' and c.relkind in ('r', 'p')
        and exists (select 1 from pg_attribute t where t.attrelid = c.oid and t.attname = 'tenant_id' and not t.attisdropped)
        and (a.attname is distinct from 'tenant_id')
      order by 1`);
    expect(wrong.filter((w) => !(w.table in notDistributed))).toEqual([]);
  });

  it('starts every foreign key of a tenant table with tenant_id, matched to tenant_id', async () => {
    const wrong = await rows<{ constraint: string; table: string }>(sql`
      select con.conname as constraint, c.relname as table
      from pg_constraint con
      join pg_class c on c.oid = con.conrelid
      join pg_namespace n on n.oid = c.relnamespace
      join pg_attribute a on a.attrelid = con.conrelid and a.attnum = con.conkey[1]
      left join pg_attribute f on f.attrelid = con.confrelid and f.attnum = con.confkey[1]
      where con.contype = 'f' and n.nspname = 'public'
        and exists (select 1 from pg_attribute t where t.attrelid = c.oid and t.attname = 'tenant_id' and not t.attisdropped)
        and c.relname not in ('jobs', 'sites')
        and not (a.attname = 'tenant_id' and f.attname in ('tenant_id', 'id') and
                 (f.attname = 'tenant_id' or (select relname from pg_class where oid = con.confrelid) = 'tenants'))
      order by 1`);
    expect(wrong).toEqual([]);
  });

  it('includes tenant_id in every unique index and constraint of a tenant table', async () => {
    const wrong = await rows<{ index: string; table: string }>(sql`
      select ic.relname as index, c.relname as table
      from pg_index i
      join pg_class ic on ic.oid = i.indexrelid
      join pg_class c on c.oid = i.indrelid
      join pg_namespace n on n.oid = c.relnamespace
      join pg_attribute t on t.attrelid = c.oid and t.attname = 'tenant_id' and not t.attisdropped
      where i.indisunique and n.nspname = 'public' and not (t.attnum = any (i.indkey::int2[]))
      order by 1`);
    expect(wrong.filter((w) => !(w.table in notDistributed))).toEqual([]);
  });

  it("has only triggers that stay within the changed rows' college, and no default that runs a query", async () => {
    const tables = new Set(await tenantTables());
    const triggers = await rows<{ trigger: string; table: string; source: string }>(sql`
      select tg.tgname as trigger, c.relname as table, p.prosrc as source
      from pg_trigger tg
      join pg_class c on c.oid = tg.tgrelid
      join pg_namespace n on n.oid = c.relnamespace
      join pg_proc p on p.oid = tg.tgfoid
      where not tg.tgisinternal and n.nspname = 'public'
      order by 1`);
    // A new trigger is reviewed before it joins the list.
    expect(triggers.map((tg) => tg.trigger)).toEqual(reviewedTriggers);
    let statements = 0;
    for (const tg of triggers) {
      // Every statement that reads or writes a tenant table keys on tenant_id.
      for (const statement of tg.source.split(';')) {
        const touched = [...statement.matchAll(/\b(?:from|into|update|join)\s+([a-z_]+)/gi)]
          .map((m) => (m[1] ?? '').toLowerCase())
          .filter((name) => tables.has(name));
        if (touched.length === 0) continue;
        statements++;
        expect(statement, `${tg.trigger}: ${statement.trim()}`).toMatch(
          /tenant_id\s*=\s*(new|old|d)\.tenant_id|group by tenant_id|values\s*\(\s*new\.tenant_id/i,
        );
      }
    }
    process.stdout.write(
      `schema invariants: ${triggers.length} triggers, ${statements} statements keyed by tenant_id
`,
    );
    // Column defaults draw ids from a sequence (unique across colleges, reading none of their rows) or
    // are constants and clock readings; none runs a query.
    const defaults = await rows<{ table: string; column: string; expression: string }>(sql`
      select c.relname as table, a.attname as column, pg_get_expr(d.adbin, d.adrelid) as expression
      from pg_attrdef d
      join pg_class c on c.oid = d.adrelid
      join pg_namespace n on n.oid = c.relnamespace
      join pg_attribute a on a.attrelid = d.adrelid and a.attnum = d.adnum
      where n.nspname = 'public'`);
    const pure = new Set(['nextval', 'now', 'gen_random_uuid', 'setweight', 'to_tsvector']);
    const queries = defaults.filter((d) => {
      const text = d.expression.replace(/'[^']*'/g, "''");
      const calls = [...text.matchAll(/\b([a-z_]+)\(/gi)].map((m) => (m[1] ?? '').toLowerCase());
      return /\bselect\b/i.test(text) || calls.some((name) => !pure.has(name));
    });
    expect(queries).toEqual([]);
  });
});
