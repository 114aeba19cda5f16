import type { Database } from '../../db/client.ts';
import { systemCaller, TenantScope } from '../../db/tenant-scope.ts';
import { type JobRunner, scheduleRecurringJob } from '../../platform/jobs.ts';
import { listTenantIds } from '../tenants/tenants.service.ts';
import { expireAgreements } from './agreements.service.ts';

export const expireAgreementsKind = 'agreements.expire';

/** Registers the daily job marking agreements past valid_to as expired. */
export function registerAgreementJobs(runner: JobRunner): void {
  runner.register(expireAgreementsKind, async ({ db, log }) => {
    let expired = 0;
    for (const tenantId of await listTenantIds(db)) {
      expired += await expireAgreements(new TenantScope(db, tenantId, systemCaller()));
    }
    log.info({ expired }, 'expired agreements');
  });
}

/**
 * Queues the expiry daily (idempotent). The first run is due at once, so a fresh install, or a
 * server that was down past the run time, expires agreements at start-up.
 */
export async function scheduleAgreementJobs(db: Database): Promise<void> {
  await scheduleRecurringJob(db, expireAgreementsKind, 24 * 3_600_000, new Date());
}
