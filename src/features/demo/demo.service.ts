import { eq, sql } from 'drizzle-orm';
import type { Database } from '../../db/client.ts';
import { systemCaller, TenantScope } from '../../db/tenant-scope.ts';
import { FileStore } from '../../platform/file-store.ts';
import type { Role } from '../../platform/permissions.ts';
import { loadDemoArticles } from '../articles/articles.demo.ts';
import { type DemoMediaKey, loadDemoMedia } from '../media/media.demo.ts';
import { createTenant, findTenantBySlug, hasDefaultSite } from '../tenants/tenants.service.ts';
import { createUser } from '../users/users.service.ts';
import { users } from '../users/users.table.ts';
import { loadDemoRecords } from './demo-records.service.ts';

export const demoTenantSlug = 'demo';
export const demoPassword = 'concord-demo-2026';

/** The demo college's staff accounts, one per role. */
export const demoUsers: { email: string; name: string; roles: Role[]; locale: 'zh-CN' | 'en' }[] = [
  { email: 'admin@demo.concord.test', name: '周立新', roles: ['college_admin'], locale: 'zh-CN' },
  { email: 'officer@demo.concord.test', name: '顾海燕', roles: ['cooperation_officer'], locale: 'zh-CN' },
  { email: 'liaison@demo.concord.test', name: '沈嘉', roles: ['department_liaison'], locale: 'zh-CN' },
  { email: 'editor@demo.concord.test', name: 'Emma Lu', roles: ['editor'], locale: 'en' },
  { email: 'reviewer@demo.concord.test', name: '陆文静', roles: ['reviewer'], locale: 'zh-CN' },
  { email: 'viewer@demo.concord.test', name: '钱程', roles: ['viewer'], locale: 'zh-CN' },
  // Runs the deployment: adds colleges and their host names (the Colleges page).
  { email: 'platform@demo.concord.test', name: '严志远', roles: ['platform_admin'], locale: 'zh-CN' },
];

/** What `loadDemo` did. */
export interface DemoResult {
  tenantId: string;
  created: boolean;
  usersCreated: number;
  /** Engagements loaded this time (0 when the college already had records). */
  engagements: number;
  /** The demo images by key (null when no data directory was given for the file store). */
  media: Record<DemoMediaKey, string> | null;
}

/**
 * Loads the demo college idempotently: the tenant `demo` (the default site for any host name
 * on a single-college install), one account per role, records and, given the data directory of
 * the file store, a media library. Running it again changes nothing.
 */
export async function loadDemo(db: Database, options: { dataDir?: string } = {}): Promise<DemoResult> {
  let tenant = await findTenantBySlug(db, demoTenantSlug);
  const created = !tenant;
  if (!tenant) {
    const anyDefault = await hasDefaultSite(db);
    tenant = await createTenant(db, {
      slug: demoTenantSlug,
      nameZh: '上海现代化工职业学院',
      nameEn: 'Shanghai Modern Chemical Industry Vocational College',
      host: 'demo.concord.test',
      isDefault: !anyDefault,
    });
  }
  const scope = new TenantScope(db, tenant.id, systemCaller('demo loader'));
  let usersCreated = 0;
  for (const u of demoUsers) {
    const existing = await scope.first(users, eq(sql`lower(${users.email})`, u.email));
    if (existing) continue;
    await createUser(scope, { ...u, password: demoPassword });
    usersCreated++;
  }
  const records = await loadDemoRecords(scope);
  // The department liaison works for the chemical engineering school: their lists show its records.
  const liaison = await scope.first(users, eq(sql`lower(${users.email})`, 'liaison@demo.concord.test'));
  const chem = records?.units.get('chem');
  if (liaison && chem && liaison.orgUnitIds.length === 0)
    await scope.change(users, 'user', liaison.id, null, { orgUnitIds: [chem] });
  const media = options.dataDir ? await loadDemoMedia(scope, new FileStore(options.dataDir)) : null;
  await loadDemoArticles(scope, media);
  return { tenantId: tenant.id, created, usersCreated, engagements: records?.engagements ?? 0, media };
}
