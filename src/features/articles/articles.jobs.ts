import type { Database } from '../../db/client.ts';
import { systemCaller, TenantScope } from '../../db/tenant-scope.ts';
import { type JobRunner, scheduleRecurringJob } from '../../platform/jobs.ts';
import type { PageCache } from '../../platform/page-cache.ts';
import { listTenantIds } from '../tenants/tenants.service.ts';
import { publishDueArticles, publishDueKind } from './articles.service.ts';

/**
 * Registers the job publishing scheduled articles whose time has come. It runs once per scheduled
 * article at its time (queued by `schedule`, tenant set) and every minute as a sweep over every
 * college, so an article scheduled while the server was down goes out when it is back.
 */
export function registerArticleJobs(runner: JobRunner, pageCache: PageCache): void {
  runner.register(publishDueKind, async ({ db, job, log }) => {
    const tenantIds = job.tenantId ? [job.tenantId] : await listTenantIds(db);
    let published = 0;
    for (const tenantId of tenantIds) {
      published += await publishDueArticles(new TenantScope(db, tenantId, systemCaller(), { pageCache }));
    }
    if (published > 0) log.info({ published }, 'published scheduled articles');
  });
}

/** Queues the every-minute sweep (idempotent); the first run is due at once, catching up after downtime. */
export async function scheduleArticleJobs(db: Database): Promise<void> {
  await scheduleRecurringJob(db, publishDueKind, 60_000, new Date());
}
