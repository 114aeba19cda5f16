import { createConfig, lintFromString } from '@redocly/openapi-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ZodType } from 'zod';
import { buildTenant, createTestApp, type TestApp, TestClient } from '../../test/test-app.ts';
import { allRouteSpecs } from '../app.ts';

let t: TestApp;
let host: string;
beforeAll(async () => {
  t = await createTestApp();
  host = (await buildTenant(t)).host;
});
afterAll(() => t.close());

describe('route declarations', () => {
  it('has no API route without a declared access rule', () => {
    const declared = new Set(allRouteSpecs().map((s) => `${s.method} ${s.path}`));
    const apiRoutes = t.app.routes.filter((r) => r.path.startsWith('/api') && r.method !== 'ALL');
    expect(apiRoutes.length).toBeGreaterThan(5);
    for (const r of apiRoutes) expect(declared, `${r.method} ${r.path}`).toContain(`${r.method} ${r.path}`);
    for (const spec of allRouteSpecs())
      expect(['public', 'authenticated'].includes(spec.access) || spec.access.includes('.')).toBe(true);
  });

  it('refuses anonymous callers on every route that is not public', async () => {
    const client = new TestClient(t, host);
    for (const spec of allRouteSpecs().filter((s) => s.access !== 'public')) {
      const path = spec.path.replace(/:\w+/g, '00000000-0000-7000-8000-000000000000');
      const res = await client.request(spec.method, path, spec.method === 'GET' ? undefined : {});
      expect(res.status, `${spec.method} ${spec.path}`).toBe(401);
      expect((await res.json()).error.code).toBe('unauthenticated');
    }
  });

  it('documents every route in the OpenAPI document', async () => {
    const doc = await (await new TestClient(t, host).get('/api/openapi.json')).json();
    expect(doc.openapi).toBe('3.1.0');
    for (const spec of allRouteSpecs()) {
      const path = spec.path.replace(/:(\w+)/g, '{$1}');
      expect(doc.paths[path]?.[spec.method.toLowerCase()], `${spec.method} ${spec.path}`).toBeDefined();
    }
    expect(
      doc.paths['/api/users'].post.requestBody.content['application/json'].schema.properties,
    ).toHaveProperty('email');
  });

  it('passes a standard OpenAPI linter with no error, every operation named once with its error answers', async () => {
    const source = await (await new TestClient(t, host).get('/api/openapi.json')).text();
    const config = await createConfig({ extends: ['recommended'] });
    const problems = await lintFromString({ source, absoluteRef: 'openapi.json', config });
    const errors = problems.filter((p) => p.severity === 'error').map((p) => `${p.ruleId}: ${p.message}`);
    expect(errors).toEqual([]);
    // Only the warning REST paths cannot avoid: /agreements/{id} beside /agreements/expiring.
    const warnings = new Set(problems.filter((p) => p.severity === 'warn').map((p) => p.ruleId));
    expect([...warnings].filter((rule) => rule !== 'no-ambiguous-paths')).toEqual([]);
    const doc = JSON.parse(source);
    const operations = Object.values(
      doc.paths as Record<string, Record<string, { operationId: string }>>,
    ).flatMap((ops) => Object.values(ops));
    const ids = operations.map((op) => op.operationId);
    expect(new Set(ids).size).toBe(allRouteSpecs().length);
    expect(doc.paths['/api/engagements/{id}'].patch.operationId).toBe('patchEngagementsById');
    expect(Object.keys(doc.paths['/api/engagements/{id}'].patch.responses)).toEqual(
      expect.arrayContaining(['200', '400', '401', '403', '404', '409']),
    );
  });

  it('gives every operation examples that its own schemas accept', async () => {
    const doc = await (await new TestClient(t, host).get('/api/openapi.json')).json();
    const refused: string[] = [];
    const counted = { body: 0, query: 0, response: 0 };
    const check = (what: keyof typeof counted, name: string, schema: ZodType, example: unknown) => {
      counted[what]++;
      const parsed = schema.safeParse(example);
      if (!parsed.success)
        refused.push(
          `${name} ${what}: ${parsed.error.issues.map((i) => `${i.path.join('.')} (${i.message})`).join('; ')}`,
        );
    };
    for (const spec of allRouteSpecs()) {
      const name = `${spec.method} ${spec.path}`;
      const operation = doc.paths[spec.path.replace(/:(\w+)/g, '{$1}')][spec.method.toLowerCase()];
      if (spec.body)
        check('body', name, spec.body, operation.requestBody.content['application/json'].example);
      if (spec.query) {
        const example = Object.fromEntries(
          (operation.parameters as { in: string; name: string; example?: unknown }[])
            .filter((p) => p.in === 'query' && p.example !== undefined)
            .map((p) => [p.name, p.example]),
        );
        check('query', name, spec.query, example);
      }
      if (spec.response)
        check(
          'response',
          name,
          spec.response,
          operation.responses['200'].content['application/json'].example,
        );
    }
    expect(refused).toEqual([]);
    // Every operation with a body or an answer schema has its example checked.
    expect(counted.body).toBe(allRouteSpecs().filter((s) => s.body).length);
    expect(counted.response).toBeGreaterThan(100);
    process.stdout.write(
      `OpenAPI examples parsed by their schemas: ${counted.body} request bodies, ${counted.query} queries, ${counted.response} answers\n`,
    );
  });

  it('serves the API documentation page and its files from the package, nothing else', async () => {
    const client = new TestClient(t, host);
    const page = await client.get('/api/docs');
    expect(page.headers.get('content-type')).toMatch(/text\/html/);
    const html = await page.text();
    for (const file of ['swagger-ui.css', 'swagger-ui-bundle.js', 'start.js']) {
      expect(html).toContain(`/api/docs/${file}`);
      const res = await client.get(`/api/docs/${file}`);
      expect(res.status, file).toBe(200);
      expect((await res.arrayBuffer()).byteLength).toBeGreaterThan(100);
    }
    expect((await client.get('/api/docs/package.json')).status).toBe(404);
    expect((await client.get('/api/docs/..%2F..%2Fpackage.json')).status).toBe(404);
  });
});
