import type { Database } from '../../db/client.ts';
import { systemCaller, TenantScope } from '../../db/tenant-scope.ts';
import { type JobRunner, scheduleRecurringJob } from '../../platform/jobs.ts';
import { listTenantIds } from '../tenants/tenants.service.ts';
import { purgeExpiredSessions } from './users.service.ts';

const purgeKind = 'users.purge-sessions';

/** Registers the periodic clean-up of expired sessions and old login failures. */
export function registerUserJobs(runner: JobRunner): void {
  runner.register(purgeKind, async ({ db, log }) => {
    let removed = 0;
    for (const tenantId of await listTenantIds(db)) {
      removed += await purgeExpiredSessions(new TenantScope(db, tenantId, systemCaller()));
    }
    log.info({ removed }, 'purged expired sessions');
  });
}

/** Queues the clean-up every six hours (idempotent; called at start-up). */
export async function scheduleUserJobs(db: Database): Promise<void> {
  await scheduleRecurringJob(db, purgeKind, 6 * 3_600_000);
}
