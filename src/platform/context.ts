import type { Config } from '../config.ts';
import type { DatabaseHandle } from '../db/client.ts';
import type { ReadReplica } from '../db/read-replica.ts';
import type { TenantScope } from '../db/tenant-scope.ts';
import type { Locale } from '../i18n/i18n.ts';
import type { JobRunner } from './jobs.ts';
import type { Logger } from './logger.ts';
import type { PageCache } from './page-cache.ts';

/** The college and site a request was resolved to by its host name. */
export interface RequestTenant {
  id: string;
  slug: string;
  nameZh: string;
  nameEn: string;
  siteId: string;
  host: string;
  /** Whether this is the install's default college (the one settings from the environment apply to). */
  isDefault: boolean;
  /** What the public pages show of the college's settings; set on every request. */
  settings?: PublicSiteSettings;
}

/** The college's public-site settings as the pages use them (features/settings). */
export interface PublicSiteSettings {
  logo: { url: string; width: number; height: number } | null;
  /** The college's own icons, rendered from its chosen image; empty for the built-in one. */
  icons: { size: number; storageKey: string }[];
  addressZh: string;
  addressEn: string;
  phone: string;
  email: string;
  footerZh: string;
  footerEn: string;
  icp: string;
}

/** The logged-in user of a request. */
export interface SessionUser {
  id: string;
  email: string;
  name: string;
  roles: string[];
  /** Departments a department liaison works for. */
  orgUnitIds: string[];
  locale: Locale;
  tokenHash: string;
}

/** Long-lived services shared by every request. */
export interface AppServices {
  config: Config;
  database: DatabaseHandle;
  logger: Logger;
  jobs: JobRunner;
  /** Rendered public pages, invalidated by tag (across processes on PostgreSQL). */
  pageCache: PageCache;
  /** The streaming replica anonymous public reads go to, when `DATABASE_READ_URL` is set. */
  replica?: ReadReplica;
}

/** Hono environment: what middleware puts on each request's context. */
export interface AppEnv {
  Variables: {
    services: AppServices;
    requestId: string;
    log: Logger;
    locale: Locale;
    tenant: RequestTenant;
    user: SessionUser | null;
    /** Tenant-scoped data access acting as the current user (or anonymous). */
    scope: TenantScope;
    /** Set by a public page that may be cached: the tags of everything it shows. */
    pageTags: readonly string[] | undefined;
    /** How long a cached page lives without an invalidation (default 10 minutes). */
    pageTtlMs: number | undefined;
  };
}
