import type { Hono } from 'hono';
import { createApp } from '../src/app.ts';
import { loadConfig } from '../src/config.ts';
import type { DatabaseHandle } from '../src/db/client.ts';
import { systemCaller, TenantScope } from '../src/db/tenant-scope.ts';
import { clearSiteCache, createTenant } from '../src/features/tenants/tenants.service.ts';
import { createUser } from '../src/features/users/users.service.ts';
import type { AppEnv, AppServices } from '../src/platform/context.ts';
import { JobRunner } from '../src/platform/jobs.ts';
import { createLogger } from '../src/platform/logger.ts';
import { PageCache } from '../src/platform/page-cache.ts';
import type { Role } from '../src/platform/permissions.ts';
import { registerJobs } from '../src/server.ts';
import { createTestDatabase } from './test-database.ts';

export const testPassword = 'test-password-2026';

/** A test app over a fresh database, with helpers to make colleges, users and logged-in clients. */
export interface TestApp {
  app: Hono<AppEnv>;
  services: AppServices;
  database: DatabaseHandle;
  close(): Promise<void>;
}

/** Builds the real app over a fresh migrated database; jobs do not run by themselves. */
export async function createTestApp(env: Record<string, string> = {}): Promise<TestApp> {
  const database = await createTestDatabase();
  const config = loadConfig({ LOG_LEVEL: 'silent', NODE_ENV: 'test', ...env });
  const logger = createLogger(process.env.TEST_LOG_LEVEL === 'error' ? 'error' : 'silent');
  const jobs = new JobRunner({ db: database.db, log: logger });
  const pageCache = new PageCache();
  registerJobs(jobs, pageCache, config);
  const services: AppServices = { config, database, logger, jobs, pageCache };
  clearSiteCache();
  const app = createApp(services, { adminDist: '/nonexistent' });
  return { app, services, database, close: () => database.close() };
}

let counter = 0;

/** Makes a college with a site on its own host name. */
export async function buildTenant(t: TestApp, overrides: { slug?: string; isDefault?: boolean } = {}) {
  counter++;
  const slug = overrides.slug ?? `college-${counter}-${Math.random().toString(36).slice(2, 7)}`;
  const tenant = await createTenant(t.database.db, {
    slug,
    nameZh: `测试学院${counter}`,
    nameEn: `Test College ${counter}`,
    host: `${slug}.test`,
    isDefault: overrides.isDefault ?? false,
  });
  return {
    ...tenant,
    host: `${slug}.test`,
    scope: new TenantScope(t.database.db, tenant.id, systemCaller()),
  };
}

/** Makes a user with the given roles in a college. */
export async function buildUser(
  t: TestApp,
  tenant: { id: string },
  roles: Role[],
  overrides: { email?: string; name?: string; password?: string } = {},
) {
  counter++;
  return createUser(new TenantScope(t.database.db, tenant.id, systemCaller()), {
    email: overrides.email ?? `user${counter}@example.test`,
    name: overrides.name ?? `User ${counter}`,
    password: overrides.password ?? testPassword,
    roles,
  });
}

/** A response whose JSON tests inspect freely. */
// biome-ignore lint/suspicious/noExplicitAny: tests read JSON answers field by field
export type TestResponse = Omit<Response, 'json'> & { json(): Promise<any> };

/** A cookie-keeping HTTP client for one host, speaking JSON like the admin app. */
export class TestClient {
  /** The cookies the server set, by name (paths are not told apart). */
  private readonly jar = new Map<string, string>();
  constructor(
    private readonly t: TestApp,
    readonly host: string,
    private readonly defaults: Record<string, string> = {},
  ) {}

  async request(
    method: string,
    path: string,
    body?: unknown,
    headers: Record<string, string> = {},
  ): Promise<TestResponse> {
    const res = await this.t.app.request(
      path,
      {
        method,
        headers: {
          host: this.host,
          ...(body !== undefined ? { 'content-type': 'application/json' } : {}),
          ...(this.cookie ? { cookie: this.cookie } : {}),
          ...this.defaults,
          ...headers,
        },
        ...(body !== undefined ? { body: JSON.stringify(body) } : {}),
      },
      undefined,
    );
    this.remember(res);
    return res;
  }

  /** Sends a body as given (text or bytes, JSON or not), with this client's cookies. */
  async raw(
    method: string,
    path: string,
    body: string | Uint8Array,
    headers: Record<string, string> = {},
  ): Promise<TestResponse> {
    const res = await this.t.app.request(path, {
      method,
      headers: {
        host: this.host,
        'content-type': 'application/json',
        ...(this.cookie ? { cookie: this.cookie } : {}),
        ...this.defaults,
        ...headers,
      },
      body,
    });
    this.remember(res);
    return res;
  }

  /** Keeps the cookies an answer sets. */
  private remember(res: Response): void {
    for (const header of res.headers.getSetCookie()) {
      const [pair = ''] = header.split(';');
      const at = pair.indexOf('=');
      const name = pair.slice(0, at);
      const value = pair.slice(at + 1);
      // A cookie set empty (or expired) is a cookie deleted.
      if (!value || /max-age=0|expires=thu, 01 jan 1970/i.test(header)) this.jar.delete(name);
      else this.jar.set(name, value);
    }
  }

  /** The Cookie header this client sends; setting it replaces every cookie. */
  get cookie(): string {
    return [...this.jar].map(([k, v]) => `${k}=${v}`).join('; ');
  }
  set cookie(value: string) {
    this.jar.clear();
    for (const pair of value.split(/;\s*/)) {
      const at = pair.indexOf('=');
      if (at > 0) this.jar.set(pair.slice(0, at), pair.slice(at + 1));
    }
  }

  /** Whether the client holds a login session. */
  get loggedIn(): boolean {
    return this.jar.has('concord_session');
  }

  get(path: string, headers?: Record<string, string>) {
    return this.request('GET', path, undefined, headers);
  }
  post(path: string, body?: unknown, headers?: Record<string, string>) {
    return this.request('POST', path, body, headers);
  }
  patch(path: string, body?: unknown, headers?: Record<string, string>) {
    return this.request('PATCH', path, body, headers);
  }

  /** Logs in and fails loudly if it does not work. */
  async login(email: string, password = testPassword): Promise<this> {
    const res = await this.post('/api/auth/login', { email, password });
    if (res.status !== 200) throw new Error(`login failed: ${res.status} ${await res.text()}`);
    return this;
  }
}

/** A logged-in client for a new user with the given roles. */
export async function clientAs(t: TestApp, tenant: { id: string; host: string }, roles: Role[]) {
  const user = await buildUser(t, tenant, roles);
  const client = await new TestClient(t, tenant.host).login(user.email);
  return { user, client };
}
