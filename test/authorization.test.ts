import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { allRouteSpecs } from '../src/app.ts';
import { can, type Permission, type Role, roles } from '../src/platform/permissions.ts';
import { authorizationMatrix } from './authorization-matrix.ts';
import { buildTenant, buildUser, createTestApp, type TestApp, TestClient, testPassword } from './test-app.ts';

let t: TestApp;
let college: Awaited<ReturnType<typeof buildTenant>>;
let other: Awaited<ReturnType<typeof buildTenant>>;
const emails = new Map<string, string>();

beforeAll(async () => {
  t = await createTestApp();
  college = await buildTenant(t);
  other = await buildTenant(t);
  for (const role of roles) emails.set(role, (await buildUser(t, college, [role])).email);
  emails.set('other-college', (await buildUser(t, other, ['college_admin'])).email);
});
afterAll(() => t.close());

const missing = '00000000-0000-7000-8000-000000000000';

/** A request to the route with ids that name nothing and an empty body: it reaches the access rule. */
function call(client: TestClient, method: string, path: string) {
  return client.request(method, path.replace(/:\w+/g, missing), method === 'GET' ? undefined : {}, {
    origin: `http://${client.host}`,
  });
}

describe('authorization', () => {
  it('has a reviewed row for every route, with the access rule the route declares', () => {
    const declared = Object.fromEntries(allRouteSpecs().map((s) => [`${s.method} ${s.path}`, s.access]));
    const unlisted = Object.keys(declared).filter((k) => !(k in authorizationMatrix));
    const gone = Object.keys(authorizationMatrix).filter((k) => !(k in declared));
    expect(unlisted, 'routes without a row in test/authorization-matrix.ts').toEqual([]);
    expect(gone, 'rows of routes that no longer exist').toEqual([]);
    for (const [route, access] of Object.entries(declared))
      expect(access, route).toBe(authorizationMatrix[route]);
  });

  it('lets every role, anonymous caller and user of another college through exactly the routes the matrix gives them', async () => {
    const callers: { name: string; roles: Role[] | null; login: () => Promise<TestClient> }[] = [
      { name: 'anonymous', roles: null, login: async () => new TestClient(t, college.host) },
      ...roles.map((role) => ({
        name: role,
        roles: [role] as Role[],
        login: () => new TestClient(t, college.host).login(emails.get(role)!, testPassword),
      })),
      {
        // Logged in at their own college, then calling this one with that session.
        name: 'other-college',
        roles: null,
        login: async () => {
          const own = await new TestClient(t, other.host).login(emails.get('other-college')!, testPassword);
          const client = new TestClient(t, college.host);
          client.cookie = own.cookie;
          return client;
        },
      },
    ];
    const specs = allRouteSpecs();
    let checked = 0;
    const wrong: string[] = [];
    for (const caller of callers) {
      let client = await caller.login();
      for (const spec of specs) {
        const access = authorizationMatrix[`${spec.method} ${spec.path}`]!;
        const res = await call(client, spec.method, spec.path);
        checked++;
        const allowed =
          access === 'public' ||
          (caller.roles !== null && (access === 'authenticated' || can(caller.roles, access as Permission)));
        const refused = res.status === 401 || res.status === 403;
        if (allowed === refused)
          wrong.push(
            `${caller.name} ${spec.method} ${spec.path}: ${res.status} (expected ${allowed ? 'allowed' : 'refused'})`,
          );
        if (!allowed && caller.roles === null && access !== 'public' && res.status !== 401)
          wrong.push(`${caller.name} ${spec.method} ${spec.path}: ${res.status}, not 401`);
        if (!allowed && caller.roles !== null && res.status !== 403)
          wrong.push(`${caller.name} ${spec.method} ${spec.path}: ${res.status}, not 403`);
        if (res.status >= 500) wrong.push(`${caller.name} ${spec.method} ${spec.path}: ${res.status}`);
        // Logging out (or anything else that ends the session) must not end the walk.
        if (caller.roles !== null && !client.loggedIn) client = await caller.login();
      }
    }
    expect(wrong).toEqual([]);
    expect(checked).toBe(specs.length * callers.length);
    process.stdout.write(
      `authorization: ${checked} calls (${specs.length} routes × ${callers.length} callers)\n`,
    );
  }, 300_000);
});
