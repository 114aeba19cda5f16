import { systemCaller, TenantScope } from '../../db/tenant-scope.ts';
import type { JobRunner } from '../../platform/jobs.ts';
import type { PageCache } from '../../platform/page-cache.ts';
import { proposeEngagementsKind } from '../articles/articles.service.ts';
import { proposeForArticles } from './proposals.service.ts';

/** Registers the job that reads new and changed articles and proposes the engagements they report. */
export function registerExtractionJobs(runner: JobRunner, pageCache: PageCache): void {
  runner.register(proposeEngagementsKind, async ({ db, job }) => {
    if (!job.tenantId) return;
    const scope = new TenantScope(db, job.tenantId, systemCaller('extraction'), { pageCache });
    await proposeForArticles(scope);
  });
}
