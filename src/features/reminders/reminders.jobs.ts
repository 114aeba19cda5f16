import type { Config } from '../../config.ts';
import type { Database } from '../../db/client.ts';
import { systemCaller, TenantScope } from '../../db/tenant-scope.ts';
import { enqueueJob, type JobRunner, scheduleRecurringJob } from '../../platform/jobs.ts';
import type { Mailer } from '../../platform/mailer.ts';
import { getCollege, listTenantIds } from '../tenants/tenants.service.ts';
import { collectReminders, mailAttempts, sendReminders } from './reminders.service.ts';

export const collectRemindersKind = 'reminders.collect';
export const sendRemindersKind = 'reminders.send';

/** Queues one person's mail of pending reminders (a queued one for them is kept, not doubled). */
export async function queueReminderMail(db: Database, tenantId: string, userId: string): Promise<void> {
  await enqueueJob(db, {
    kind: sendRemindersKind,
    tenantId,
    payload: { userId },
    uniqueKey: `${sendRemindersKind}:${tenantId}:${userId}`,
    maxAttempts: mailAttempts,
  });
}

/** Collects what falls due in one college and queues the mails; returns the counts. */
export async function collectAndQueue(db: Database, tenantId: string, now = new Date()) {
  const scope = new TenantScope(db, tenantId, systemCaller('reminders'));
  const { recorded, toSend } = await collectReminders(scope, now);
  for (const userId of toSend) await queueReminderMail(db, tenantId, userId);
  return { recorded, queued: toSend.length };
}

/**
 * The college's own address for links in mail: `PUBLIC_URL` for the default college when set,
 * else its first host name (plain http for a machine-local one, https otherwise).
 */
async function originOf(db: Database, tenantId: string, config: Pick<Config, 'PUBLIC_URL'>) {
  const college = await getCollege(db, tenantId);
  if (config.PUBLIC_URL && college.isDefault) return new URL(config.PUBLIC_URL).origin;
  const host = college.hosts[0] ?? 'localhost';
  const local = /^(localhost|127\.0\.0\.1|\[::1\])(:\d+)?$/.test(host);
  return `${local ? 'http' : 'https'}://${host}`;
}

/**
 * Registers the reminder jobs: the hourly collection in every college, and each person's mail,
 * retried with backoff by the job runner. Without a mail server nothing is collected or sent.
 */
export function registerReminderJobs(
  runner: JobRunner,
  mailer: Mailer | null,
  config: Pick<Config, 'PUBLIC_URL'>,
) {
  runner.register(collectRemindersKind, async ({ db, log }) => {
    if (!mailer) return;
    let recorded = 0;
    let queued = 0;
    for (const tenantId of await listTenantIds(db)) {
      const counts = await collectAndQueue(db, tenantId);
      recorded += counts.recorded;
      queued += counts.queued;
    }
    log.info({ recorded, queued }, 'collected reminders');
  });
  runner.register(sendRemindersKind, async ({ db, job, log }) => {
    if (!mailer || !job.tenantId) return;
    const userId = String(job.payload.userId);
    const college = await getCollege(db, job.tenantId);
    const sent = await sendReminders(
      new TenantScope(db, job.tenantId, systemCaller('reminders')),
      userId,
      mailer,
      {
        origin: await originOf(db, job.tenantId, config),
        college: { zh: college.nameZh, en: college.nameEn },
      },
    );
    log.info({ userId, reminders: sent }, 'sent reminders');
  });
}

/** Queues the collection hourly (idempotent), the first run at once so a restart catches up. */
export async function scheduleReminderJobs(db: Database, mailer: Mailer | null): Promise<void> {
  if (mailer) await scheduleRecurringJob(db, collectRemindersKind, 3_600_000, new Date());
}
