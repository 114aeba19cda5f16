import { systemCaller, TenantScope } from '../../db/tenant-scope.ts';
import type { JobRunner } from '../../platform/jobs.ts';
import type { PageCache } from '../../platform/page-cache.ts';
import { newsImportKind, runNewsImport } from './imports.service.ts';

/** Registers the background job that runs uploaded imports (as the system, publishing through the page cache). */
export function registerImportJobs(runner: JobRunner, dataDir: string, pageCache: PageCache): void {
  runner.register(newsImportKind, async ({ db, job }) => {
    const runId = String((job.payload as { runId?: string }).runId ?? '');
    if (!job.tenantId || !runId) return;
    const scope = new TenantScope(db, job.tenantId, systemCaller('news import'), { pageCache });
    await runNewsImport(scope, runId, dataDir);
  });
}
