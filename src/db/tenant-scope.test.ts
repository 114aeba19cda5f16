import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildTenant, createTestApp, type TestApp } from '../../test/test-app.ts';
import { orgUnits } from '../features/org-units/org-units.table.ts';
import { AppError } from '../platform/errors.ts';
import { PageCache } from '../platform/page-cache.ts';
import { newId } from './ids.ts';
import { anonymousCaller, type Caller, systemCaller, TenantScope } from './tenant-scope.ts';

let t: TestApp;
let tenantId: string;

beforeAll(async () => {
  t = await createTestApp();
  tenantId = (await buildTenant(t)).id;
});
afterAll(async () => t.close());

const caller = (roles: string[], departments: string[] = []): Caller => ({
  actor: { id: null, name: 'tester' },
  roles,
  departments,
});
const scopeOf = (c: Caller, cache?: PageCache) =>
  new TenantScope(t.database.db, tenantId, c, cache ? { pageCache: cache } : {});

function refusal(fn: () => unknown): string | undefined {
  try {
    fn();
  } catch (err) {
    return err instanceof AppError ? err.code : 'other';
  }
  return undefined;
}

describe('the request scope', () => {
  it('reaches the whole college for college-wide and read-only roles, and a liaison only their departments', () => {
    for (const roles of [['college_admin'], ['cooperation_officer'], ['viewer'], ['editor'], ['reviewer']]) {
      expect(scopeOf(caller(roles)).departmentReach()).toBe('college');
      expect(scopeOf(caller(roles)).inDepartments(orgUnits.id)).toBeUndefined();
    }
    expect(scopeOf(systemCaller()).departmentReach()).toBe('college');
    expect(scopeOf(caller(['department_liaison'], ['d1'])).departmentReach()).toEqual(['d1']);
    // A college-wide role wins over a liaison's limit.
    expect(scopeOf(caller(['department_liaison', 'cooperation_officer'], ['d1'])).departmentReach()).toBe(
      'college',
    );
  });

  it('refuses department work by default: a caller without a staff role has no reach at all', () => {
    const anonymous = scopeOf(anonymousCaller('r1'));
    expect(refusal(() => anonymous.departmentReach())).toBe('forbidden');
    expect(refusal(() => anonymous.inDepartments(orgUnits.id))).toBe('forbidden');
    expect(refusal(() => anonymous.assertInDepartments('d1'))).toBe('forbidden');
    expect(refusal(() => scopeOf(caller(['unknown_role'])).inDepartments(orgUnits.id))).toBe('forbidden');
  });

  it('lets a liaison act in their departments only, and one without departments in none', () => {
    const liaison = scopeOf(caller(['department_liaison'], ['d1']));
    expect(refusal(() => liaison.assertInDepartments('d1'))).toBeUndefined();
    expect(refusal(() => liaison.assertInDepartments('d2'))).toBe('forbidden');
    expect(refusal(() => liaison.assertInDepartments(null))).toBe('forbidden');
    expect(refusal(() => liaison.assertCollegeWide('no'))).toBe('forbidden');
    const none = scopeOf(caller(['department_liaison'], []));
    expect(refusal(() => none.assertInDepartments('d1'))).toBe('forbidden');
    expect(none.inDepartments(orgUnits.id)).toBeDefined();
  });

  it('finds only the rows of the caller departments through inDepartments', async () => {
    const system = scopeOf(systemCaller());
    const ids = [newId(), newId()];
    for (const [i, id] of ids.entries()) {
      await system.create(orgUnits, 'org_unit', {
        id,
        kind: 'school',
        code: `S${i}-${id.slice(-6)}`,
        nameZh: `系${i}`,
        nameEn: `Dept ${i}`,
      });
    }
    const liaison = scopeOf(caller(['department_liaison'], [ids[0]!]));
    const seen = await liaison.select(orgUnits, { where: liaison.inDepartments(orgUnits.id) });
    expect(seen.map((r) => r.id)).toEqual([ids[0]]);
    const none = scopeOf(caller(['department_liaison'], []));
    expect(await none.select(orgUnits, { where: none.inDepartments(orgUnits.id) })).toEqual([]);
  });

  it('grants permissions by role, and every one to the system', () => {
    expect(scopeOf(caller(['editor'])).may('news.write')).toBe(true);
    expect(scopeOf(caller(['editor'])).may('news.publish')).toBe(false);
    expect(scopeOf(anonymousCaller()).may('records.read')).toBe(false);
    expect(scopeOf(systemCaller()).may('news.publish')).toBe(true);
  });

  it('runs after-commit work once the outermost transaction commits, and never when it rolls back', async () => {
    const system = scopeOf(systemCaller());
    const log: string[] = [];
    await system.transaction(async (tx) => {
      await tx.afterCommit(() => {
        log.push('outer');
      });
      await tx.transaction(async (inner) => {
        await inner.afterCommit(() => {
          log.push('inner');
        });
      });
      expect(log).toEqual([]);
    });
    expect(log).toEqual(['outer', 'inner']);

    log.length = 0;
    await expect(
      system.transaction(async (tx) => {
        await tx.afterCommit(() => {
          log.push('rolled back');
        });
        throw new Error('stop');
      }),
    ).rejects.toThrow('stop');
    expect(log).toEqual([]);

    await system.afterCommit(() => {
      log.push('now');
    });
    expect(log).toEqual(['now']);
  });

  it('drops cached pages only after the change that affects them is committed', async () => {
    const cache = new PageCache();
    const page = {
      status: 200,
      body: Buffer.from('page'),
      headers: {},
      etag: '"x"',
      tags: ['site:x'],
      expiresAt: Date.now() + 60_000,
    };
    cache.set('h/p', page, cache.currentGeneration());
    const scope = scopeOf(systemCaller(), cache);
    await scope.transaction(async (tx) => {
      await tx.invalidatePages(['site:x']);
      expect(cache.get('h/p')).toBeDefined();
      await tx.updateRaw(orgUnits, eq(orgUnits.id, newId()), { updatedAt: new Date() });
    });
    expect(cache.get('h/p')).toBeUndefined();

    cache.set('h/p', page, cache.currentGeneration());
    await expect(
      scope.transaction(async (tx) => {
        await tx.invalidatePages(['site:x']);
        throw new Error('stop');
      }),
    ).rejects.toThrow('stop');
    expect(cache.get('h/p')).toBeDefined();
  });
});
