import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { sql } from 'drizzle-orm';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { allRouteSpecs } from '../src/app.ts';
import { loadDemo } from '../src/features/demo/demo.service.ts';
import { findTenantBySlug } from '../src/features/tenants/tenants.service.ts';
import { type Locale, type MessageKey, translate } from '../src/i18n/i18n.ts';
import type { RouteSpec } from '../src/platform/routes.ts';
import { buildUser, createTestApp, type TestApp, TestClient, testPassword } from './test-app.ts';

/**
 * Every API route called with hostile input, generated from its declared schemas (the ones the
 * OpenAPI document is made of): wrong types, missing and extra fields, huge strings and arrays, lone
 * surrogates, NUL bytes, deep nesting, negative and huge numbers and pages, bodies that are not JSON,
 * and random JSON from fast-check. Never a 5xx; every refusal is `{ error: { code, message } }` in the
 * caller's language; a route that refused every case changed no row of the college.
 * FUZZ_SEED and FUZZ_RUNS (random bodies per route) reproduce or widen a run.
 */
const seed = Number(process.env.FUZZ_SEED ?? 20261206);
const randomRuns = Number(process.env.FUZZ_RUNS ?? 8);

let t: TestApp;
let work: string;
let tenantId: string;
let adminId: string;
let adminEmail: string;
const host = 'demo.concord.test';
let admin: TestClient;
/** An id of a record behind each collection path, e.g. `/api/engagements` → an engagement's id. */
const idOf = new Map<string, string>();
const missing = '00000000-0000-7000-8000-000000000000';

type Rows = { rows: Record<string, unknown>[] };
const rowsOf = async (query: ReturnType<typeof sql>) =>
  ((await t.database.db.execute(query)) as unknown as Rows).rows;

/** Tables a refused request may still write: the session's last use; a refused login is counted and audited. */
const bookkeeping = new Set(['sessions']);
const mayWriteWhenRefused: Record<string, string[]> = {
  'POST /api/auth/login': ['login_failures', 'timeline_events'],
};

/** One digest per table of the college's rows. */
async function digest(): Promise<Record<string, string>> {
  const tables = await rowsOf(sql`select table_name as t from information_schema.columns
    where table_schema = 'public' and column_name = 'tenant_id' order by 1`);
  const out: Record<string, string> = {};
  for (const { t: table } of tables) {
    if (bookkeeping.has(String(table))) continue;
    const [row] = await rowsOf(sql`select count(*)::int as n,
      coalesce(md5(string_agg(md5(x::text), '' order by md5(x::text))), '') as h
      from ${sql.identifier(String(table))} x where tenant_id = ${tenantId}`);
    out[String(table)] = `${row?.n}:${row?.h}`;
  }
  return out;
}

beforeAll(async () => {
  work = await mkdtemp(join(tmpdir(), 'concord-fuzz-'));
  t = await createTestApp({ DATA_DIR: work });
  await loadDemo(t.database.db, { dataDir: work });
  const demo = (await findTenantBySlug(t.database.db, 'demo'))!;
  tenantId = demo.id;
  const user = await buildUser(t, demo, ['college_admin', 'platform_admin']);
  adminId = user.id;
  adminEmail = user.email;
  admin = await new TestClient(t, host).login(adminEmail);
  // A real id for every collection, so handlers run past "not found" into their own checks.
  const collections = new Set(
    allRouteSpecs()
      .map((s) => s.path.match(/^(\/api\/[a-z-]+(?:\/[a-z-]+)?)\/:\w+/)?.[1])
      .filter((p): p is string => Boolean(p)),
  );
  for (const path of collections) {
    const res = await admin.get(path);
    if (res.status !== 200 || !res.headers.get('content-type')?.includes('json')) continue;
    const body = await res.json();
    const items: { id?: string }[] = Array.isArray(body) ? body : (body.items ?? body.data ?? []);
    const item = items.find((i) => typeof i?.id === 'string' && i.id !== adminId);
    if (item?.id) idOf.set(path, item.id);
  }
}, 240_000);
afterAll(async () => {
  await t.close();
  await rm(work, { recursive: true, force: true });
});

/** The route's path with real ids where we have them (or `id` given), an unknown id otherwise. */
function pathFor(spec: RouteSpec, id?: string): string {
  return spec.path.replace(/:(\w+)/g, (param, _name, offset: number) => {
    if (id !== undefined && param === ':id') return id;
    const collection = spec.path.slice(0, offset - 1);
    if (param === ':number') return '1';
    return idOf.get(collection) ?? missing;
  });
}

type Json = ReturnType<typeof JSON.parse>;
type Schema = {
  type?: string | string[];
  properties?: Record<string, Schema>;
  required?: string[];
  items?: Schema;
  enum?: unknown[];
  const?: unknown;
  anyOf?: Schema[];
  oneOf?: Schema[];
  allOf?: Schema[];
  format?: string;
  pattern?: string;
  minimum?: number;
  minLength?: number;
  minItems?: number;
};

function jsonSchema(schema: z.ZodType): Schema {
  try {
    return z.toJSONSchema(schema, { io: 'input', unrepresentable: 'any' }) as Schema;
  } catch {
    return {};
  }
}

/** A value the schema would plausibly accept: the base each mutation changes one field of. */
function sample(schema: Schema, depth = 0): Json {
  if (depth > 6) return null;
  if (schema.const !== undefined) return schema.const;
  if (schema.enum?.length) return schema.enum[0];
  const alternative = schema.anyOf ?? schema.oneOf;
  if (alternative?.length)
    return sample(alternative.find((s) => s.type !== 'null') ?? alternative[0]!, depth);
  if (schema.allOf?.length) return sample(schema.allOf[0]!, depth);
  const type = Array.isArray(schema.type) ? schema.type.find((x) => x !== 'null') : schema.type;
  switch (type) {
    case 'object': {
      const out: Record<string, Json> = {};
      for (const key of schema.required ?? []) out[key] = sample(schema.properties?.[key] ?? {}, depth + 1);
      return out;
    }
    case 'array':
      return Array.from({ length: schema.minItems ?? 0 }, () => sample(schema.items ?? {}, depth + 1));
    case 'string':
      if (schema.format === 'uuid') return missing;
      if (schema.format === 'email') return 'someone@example.test';
      if (schema.format === 'date' || schema.pattern?.includes('\\d{4}')) return '2025-03-01';
      if (schema.format === 'date-time') return '2025-03-01T08:00:00Z';
      return 'x'.repeat(Math.max(1, schema.minLength ?? 1));
    case 'integer':
    case 'number':
      return schema.minimum ?? 1;
    case 'boolean':
      return true;
    default:
      return 'x';
  }
}

/** Deeply nested arrays, built without recursion. */
function nested(depth: number): Json {
  let value: Json = 1;
  for (let i = 0; i < depth; i++) value = [value];
  return value;
}

const hostileValues: [string, Json][] = [
  ['a number', 123],
  ['a boolean', true],
  ['null', null],
  ['an array', []],
  ['an object', { a: 1 }],
  ['a string', 'text'],
  ['an empty string', ''],
  ['a huge string', 'x'.repeat(300_000)],
  ['a huge array', Array.from({ length: 50_000 }, () => 1)],
  ['a lone surrogate', 'a\uD800b'],
  ['a lone low surrogate', '\uDC00'],
  ['a NUL character', 'a\u0000b'],
  ['a right-to-left override', '\u202Eexe.jpg'],
  ['deep nesting', nested(2_000)],
  ['a negative number', -1],
  ['a huge number', 1e308],
  ['an unsafe integer', 2 ** 63],
  ['a fraction', 1.5],
  ['an id of nothing', missing],
  ['a malformed date', '2025-02-30'],
];

interface Case {
  label: string;
  method: string;
  path: string;
  /** A JSON value, or raw text to send as the body. */
  body?: Json;
  raw?: string | Uint8Array;
}

/** The targeted cases of one route: every field given every hostile value, removed, and extras. */
function casesFor(spec: RouteSpec): Case[] {
  const path = pathFor(spec);
  const cases: Case[] = [];
  if (spec.method !== 'GET') {
    const schema = spec.body ? jsonSchema(spec.body) : {};
    const base = sample(schema);
    const fields = Object.keys(schema.properties ?? {});
    for (const field of fields) {
      for (const [name, value] of hostileValues)
        cases.push({
          label: `${field} = ${name}`,
          method: spec.method,
          path,
          body: { ...base, [field]: value },
        });
      if (schema.required?.includes(field)) {
        const { [field]: _gone, ...rest } = base as Record<string, Json>;
        cases.push({ label: `${field} missing`, method: spec.method, path, body: rest });
      }
    }
    for (const [name, value] of hostileValues)
      cases.push({ label: `body is ${name}`, method: spec.method, path, body: value });
    cases.push(
      {
        label: 'an extra field',
        method: spec.method,
        path,
        body: { ...base, isAdmin: true, tenantId: missing },
      },
      {
        label: 'a __proto__ field',
        method: spec.method,
        path,
        raw: JSON.stringify(base).replace(/^\{/, '{"__proto__":{"polluted":true},').replace(/,\}$/, '}'),
      },
      { label: 'text that is not JSON', method: spec.method, path, raw: '{"a": ' },
      { label: 'an empty body', method: spec.method, path, raw: '' },
      {
        label: 'nesting deeper than any stack',
        method: spec.method,
        path,
        raw: `${'['.repeat(400_000)}${']'.repeat(400_000)}`,
      },
      {
        label: 'invalid UTF-8',
        method: spec.method,
        path,
        raw: new Uint8Array([0x7b, 0x22, 0x61, 0x22, 0x3a, 0x22, 0xff, 0xfe, 0xed, 0xa0, 0x80, 0x22, 0x7d]),
      },
    );
  }
  // Query strings: every declared key, and the paging keys every list shares.
  const query = spec.query ? jsonSchema(spec.query) : {};
  const keys = new Set([...Object.keys(query.properties ?? {}), 'page', 'pageSize']);
  const hostileQuery = [
    '-1',
    '0',
    '99999999999999999999',
    '1e400',
    'NaN',
    '',
    'x'.repeat(20_000),
    '%00',
    '%ED%A0%80',
    '%FF',
    '1.5',
  ];
  if (spec.method === 'GET')
    for (const key of keys) {
      for (const value of hostileQuery)
        cases.push({
          label: `?${key}=${value.slice(0, 20)}`,
          method: 'GET',
          path: `${path}?${key}=${value}`,
        });
      cases.push({ label: `?${key} twice`, method: 'GET', path: `${path}?${key}=a&${key}=b` });
    }
  // Path parameters that are not ids.
  if (spec.path.includes(':id'))
    for (const bad of ['x'.repeat(5_000), '%00', '..%2F..%2Fetc', "1'%20or%201=1", '%ED%A0%80'])
      cases.push({
        label: `:id = ${bad.slice(0, 20)}`,
        method: spec.method,
        path: pathFor(spec, bad),
        ...(spec.method === 'GET' ? {} : { body: {} }),
      });
  return cases;
}

let sent = 0;
const problems: string[] = [];
/** Answers by status, to show the cases reached the routes' own checks. */
const statuses = new Map<number, number>();

/** Sends one case and records what is wrong with the answer; returns whether it was refused. */
async function send(c: Case, locale: Locale): Promise<boolean> {
  const client = c.path === '/api/auth/login' ? new TestClient(t, host) : admin;
  const headers: Record<string, string> = { origin: `http://${host}`, 'accept-language': locale };
  const res =
    c.raw !== undefined || c.body !== undefined
      ? await client.raw(c.method, c.path, c.raw ?? JSON.stringify(c.body), headers)
      : await client.request(c.method, c.path, undefined, headers);
  sent++;
  statuses.set(res.status, (statuses.get(res.status) ?? 0) + 1);
  const where = `${c.method} ${c.path.slice(0, 80)} [${c.label}] (${locale})`;
  if (res.status >= 500) {
    problems.push(`${where}: ${res.status} ${(await res.text()).slice(0, 200)}`);
    return false;
  }
  // Logging in and changing one's password refuse wrong credentials with 401 by design.
  if ((res.status === 401 || res.status === 403) && !c.path.startsWith('/api/auth/'))
    problems.push(`${where}: ${res.status}, the administrator was not let through to the route's checks`);
  if (res.status >= 400) {
    const text = await res.text();
    let body: { error?: { code?: unknown; message?: unknown; details?: unknown } };
    try {
      body = JSON.parse(text);
    } catch {
      problems.push(`${where}: ${res.status} answer is not JSON: ${text.slice(0, 100)}`);
      return true;
    }
    const code = body.error?.code;
    const message = body.error?.message;
    if (typeof code !== 'string' || typeof message !== 'string' || !message)
      problems.push(`${where}: ${res.status} without { error: { code, message } }: ${text.slice(0, 200)}`);
    else if (message !== translate(locale, `errors.${code}` as MessageKey) || message === `errors.${code}`)
      problems.push(`${where}: message not in ${locale}: ${message}`);
    else if (locale === 'zh-CN' && !/\p{Script=Han}/u.test(message))
      problems.push(`${where}: message not in Chinese: ${message}`);
    if (Array.isArray(body.error?.details))
      for (const d of body.error.details as { message?: unknown }[])
        if (locale === 'zh-CN' && typeof d?.message === 'string' && !/\p{Script=Han}/u.test(d.message))
          problems.push(`${where}: field message not in Chinese: ${d.message}`);
    return true;
  }
  await res.body?.cancel();
  return false;
}

/** Logs the administrator in again if a case ended the session (logout, a deleted session). */
async function stayLoggedIn() {
  if (!admin.loggedIn) admin = await admin.login(adminEmail, testPassword);
}

describe('fuzzing every API route', () => {
  it('never answers 5xx, always answers a refusal in the JSON shape and the caller’s language, and a refused route changes nothing', async () => {
    // Deletions last, so the records the other routes are handed still exist.
    const specs = allRouteSpecs().sort(
      (a, b) => Number(a.method === 'DELETE') - Number(b.method === 'DELETE'),
    );
    let routes = 0;
    let n = 0;
    for (const spec of specs) {
      routes++;
      const writes = spec.method !== 'GET';
      const before = writes ? await digest() : null;
      let allRefused = true;
      for (const c of casesFor(spec)) {
        const refused = await send(c, n++ % 2 ? 'en' : 'zh-CN');
        allRefused &&= refused;
        await stayLoggedIn();
      }
      // Random JSON bodies, and random values for the schema's own fields.
      if (writes) {
        const schema = spec.body ? jsonSchema(spec.body) : {};
        const keys = Object.keys(schema.properties ?? {});
        const arbitrary = fc.oneof(
          fc.jsonValue(),
          keys.length
            ? fc.dictionary(fc.constantFrom(...keys), fc.jsonValue({ maxDepth: 3 }))
            : fc.dictionary(fc.string(), fc.jsonValue({ maxDepth: 3 })),
        );
        const path = pathFor(spec);
        await fc.assert(
          fc.asyncProperty(arbitrary, async (body) => {
            const before = problems.length;
            allRefused &&= await send(
              { label: 'random', method: spec.method, path, body },
              n++ % 2 ? 'en' : 'zh-CN',
            );
            await stayLoggedIn();
            if (problems.length > before) throw new Error(problems.slice(before).join('\n'));
          }),
          { seed, numRuns: randomRuns, endOnFailure: true },
        );
      }
      if (before && allRefused) {
        const after = await digest();
        const allowed = mayWriteWhenRefused[`${spec.method} ${spec.path}`] ?? [];
        const changed = Object.keys(after).filter((k) => after[k] !== before[k] && !allowed.includes(k));
        if (changed.length)
          problems.push(`${spec.method} ${spec.path} refused every case but changed ${changed.join(', ')}`);
      }
    }
    expect(problems).toEqual([]);
    expect(routes).toBe(allRouteSpecs().length);
    process.stdout.write(
      `fuzz: ${sent} requests over ${routes} routes (seed ${seed}), ${idOf.size} collections with a real id, answers ${JSON.stringify(Object.fromEntries(statuses))}\n`,
    );
    expect(statuses.get(400)).toBeGreaterThan(sent / 2);
    // Every collection the demo college has records of (it has no imports or proposals).
    expect(idOf.size).toBeGreaterThanOrEqual(15);
    expect(sent).toBeGreaterThan(routes * 20);
  }, 1_200_000);
});
