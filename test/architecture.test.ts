import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { Operation } from '../src/platform/api-operation.ts';
import { queryEscapes } from './query-escapes.ts';

const root = resolve(import.meta.dirname, '..');

function walk(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const full = join(dir, name);
    if (statSync(full).isDirectory()) return walk(full);
    return /\.(ts|tsx)$/.test(name) ? [full] : [];
  });
}

const files = walk(join(root, 'src')).map((f) => relative(root, f));
const source = new Map(files.map((f) => [f, readFileSync(join(root, f), 'utf8')]));

/** Relative imports of a file, resolved to repository paths, with whether they are type-only. */
function importsOf(file: string): { target: string; typeOnly: boolean }[] {
  const text = source.get(file) ?? '';
  return [...text.matchAll(/^\s*(import|export)\s+(type\s+)?[^'"]*?from\s+'(\.[^']+)'/gm)].map((m) => ({
    target: relative(root, resolve(root, dirname(file), m[3]!)),
    typeOnly: Boolean(m[2]),
  }));
}

const isTest = (f: string) => /\.test\.tsx?$/.test(f);
const isBrowser = (f: string) => f.startsWith('src/admin/') || /^src\/features\/[^/]+\/admin\//.test(f);

describe('architecture', () => {
  it('gives feature code no raw database handle: reads and writes go through the tenant scope', () => {
    const crossTenant = new Set(['src/features/tenants/tenants.service.ts']);
    for (const file of files.filter(
      (f) => f.startsWith('src/features/') && !isTest(f) && !crossTenant.has(f),
    )) {
      for (const imp of importsOf(file)) {
        if (imp.target === 'src/db/client.ts')
          expect(imp.typeOnly, `${file} imports the database client`).toBe(true);
      }
      expect(source.get(file), file).not.toMatch(/\bdb\s*\.\s*(select|insert|update|delete|execute)\s*\(/);
    }
  });

  it('gives services the caller and the page cache only through the request scope', () => {
    const services = files.filter((f) =>
      /^src\/features\/.+\.(service|routes|portal|site|pages)\.tsx?$/.test(f),
    );
    expect(services.length).toBeGreaterThan(10);
    for (const file of services) {
      const text = source.get(file) ?? '';
      // No hand-carried department limit, caller object or cache: the scope carries them.
      expect(text, file).not.toMatch(/\bDepartmentLimit\b|\bdepartmentLimit\b|\blimitCondition\b/);
      expect(text, file).not.toMatch(/\bPageCache\b|services\.pageCache/);
      expect(text, file).not.toMatch(
        /\bcaller\s*:|\bArticleCaller\b|c\.var\.user[?!]?\.roles|c\.var\.user!\s*[,)]/,
      );
      // No parameter that is a list of departments where null would mean "everything".
      for (const m of text.matchAll(/export async function \w+\(([^)]*)\)/g)) {
        expect(m[1], `${file}: ${m[0].slice(0, 80)}`).not.toMatch(/string\[\]\s*\|\s*null/);
      }
    }
    expect(existsSync(join(root, 'src/platform/department-scope.ts'))).toBe(false);
  });

  it('leaves the scope only at the reviewed places of the allow-list', () => {
    const found: Record<string, { build?: number; execute?: number }> = {};
    for (const file of files.filter((f) => !isTest(f) && !isBrowser(f))) {
      const text = source.get(file) ?? '';
      const build = text.match(/\.build\(/g)?.length ?? 0;
      const execute = text.match(/\.execute\(/g)?.length ?? 0;
      if (build || execute) found[file] = { ...(build ? { build } : {}), ...(execute ? { execute } : {}) };
    }
    const listed = Object.fromEntries(
      Object.entries(queryEscapes).map(([file, { build, execute }]) => [
        file,
        { ...(build ? { build } : {}), ...(execute ? { execute } : {}) },
      ]),
    );
    expect(found).toEqual(listed);
  });

  it('lets browser code import only schemas, value lists, admin code, the catalogue and the role list', () => {
    const allowed = (target: string) =>
      isBrowser(target) ||
      /^src\/features\/[^/]+\/[^/]+\.(schema|values)\.ts$/.test(target) ||
      target.startsWith('src/i18n/') ||
      target === 'src/platform/permissions.ts' ||
      target === 'src/platform/api-operation.ts' ||
      target === 'src/platform/list-query.ts' ||
      target === 'src/platform/history-item.ts';
    for (const file of files.filter(isBrowser)) {
      for (const imp of importsOf(file)) expect(allowed(imp.target), `${file} → ${imp.target}`).toBe(true);
    }
    for (const file of files.filter((f) => f.endsWith('.schema.ts'))) {
      for (const imp of importsOf(file)) {
        expect(
          /\.(schema|values)\.ts$/.test(imp.target) ||
            [
              'src/platform/permissions.ts',
              'src/platform/api-operation.ts',
              'src/platform/list-query.ts',
              'src/platform/history-item.ts',
            ].includes(imp.target),
          `${file} → ${imp.target}`,
        ).toBe(true);
      }
    }
    // Value lists are read by screens that must not load zod: they import nothing.
    for (const file of files.filter((f) => f.endsWith('.values.ts'))) {
      expect(source.get(file), file).not.toMatch(/^\s*(import\s|export\s+(\*|\{[^}]*\})\s+from\s)/m);
    }
  });

  it('has the admin call every operation declared beside the schemas through the typed client', async () => {
    // Every `…Operations` group a schema file exports, registered for the typed client by a feature's
    // admin/<feature>.api.ts, and never called through hand-typed callApi.
    const declared: Operation[] = [];
    const groups: string[] = [];
    for (const file of files.filter((f) => f.endsWith('.schema.ts'))) {
      const module = (await import(`../${file}`)) as Record<string, unknown>;
      for (const [name, value] of Object.entries(module)) {
        if (!name.endsWith('Operations') || !value || typeof value !== 'object') continue;
        groups.push(name);
        declared.push(...(Object.values(value) as Operation[]));
      }
    }
    const registrations = files
      .filter((f) => /^src\/features\/[^/]+\/admin\/[^/]+\.api\.ts$/.test(f))
      .map((f) => source.get(f) ?? '')
      .join('\n');
    for (const group of groups) expect(registrations, group).toContain(`typeof ${group}>`);
    const prefixes = [...new Set(declared.map((op) => op.basePath.replace(/^\/api/, '')))];
    const handTyped = new RegExp(
      `callApi(?:<[^()]*?>)?\\(\\s*'[A-Z]+',\\s*(?:withQuery\\(\\s*)?[\`'](?:${prefixes.join('|')})\\b`,
      'g',
    );
    const found = files
      .filter(isBrowser)
      .flatMap((file) => [...(source.get(file) ?? '').matchAll(handTyped)].map((m) => `${file}: ${m[0]}`));
    expect(found).toEqual([]);
    expect(groups).toEqual(expect.arrayContaining(['organizationOperations', 'partnerOperations']));
  });

  it('has no import cycles between features', () => {
    const featureOf = (f: string) => f.match(/^src\/features\/([^/]+)\//)?.[1];
    const edges = new Map<string, Set<string>>();
    // Server code only: admin screens may read any feature's schemas. A value list imports nothing,
    // so reading another feature's list (the dimensions, the industry classification) closes no cycle.
    for (const file of files.filter((f) => featureOf(f) && !isTest(f) && !isBrowser(f))) {
      const from = featureOf(file)!;
      for (const imp of importsOf(file)) {
        if (imp.target.endsWith('.values.ts')) continue;
        const to = featureOf(imp.target);
        if (to && to !== from) {
          if (!edges.has(from)) edges.set(from, new Set());
          edges.get(from)!.add(to);
        }
      }
    }
    const visiting = new Set<string>();
    const done = new Set<string>();
    const visit = (node: string, path: string[]) => {
      if (done.has(node)) return;
      expect(visiting.has(node), `cycle: ${[...path, node].join(' → ')}`).toBe(false);
      visiting.add(node);
      for (const next of edges.get(node) ?? []) visit(next, [...path, node]);
      visiting.delete(node);
      done.add(node);
    };
    for (const node of edges.keys()) visit(node, []);
  });

  it('keeps the house naming: no barrels, no utils', () => {
    for (const file of files) {
      expect(file.endsWith('/index.ts'), file).toBe(false);
      expect(/\butils?\.tsx?$/.test(file), file).toBe(false);
    }
  });
});
