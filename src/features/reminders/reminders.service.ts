import { and, desc, eq, inArray, lt, or, type SQL, sql } from 'drizzle-orm';
import { newId } from '../../db/ids.ts';
import type { TenantScope } from '../../db/tenant-scope.ts';
import { isLocale } from '../../i18n/i18n.ts';
import { AppError } from '../../platform/errors.ts';
import type { Mailer } from '../../platform/mailer.ts';
import { can } from '../../platform/permissions.ts';
import { addDays, todayIso } from '../../platform/references.ts';
import { parseInput } from '../../platform/validation.ts';
import { agreementsForCalendar } from '../agreements/agreements.service.ts';
import { articlesWaitingForReview } from '../articles/articles.service.ts';
import { commitmentsForCalendar } from '../commitments/commitments.service.ts';
import { reminderRecipients } from '../users/users.service.ts';
import { composeReminderMail } from './reminders.mail.ts';
import { type DeliveryListQuery, type DeliveryOutput, deliveryListQuerySchema } from './reminders.schema.ts';
import { reminderDeliveries } from './reminders.table.ts';
import type { reminderKinds } from './reminders.values.ts';

type DeliveryRow = typeof reminderDeliveries.$inferSelect;
type Person = Awaited<ReturnType<typeof reminderRecipients>>[number];

/** Tries of one mail before its reminders are marked failed (the job retries with backoff). */
export const mailAttempts = 5;
/** Agreement reminders: this many days before the end (each sent once). */
const agreementThresholds = [7, 30, 90] as const;
/** An article waits this long in review before its reviewers are reminded. */
const reviewWaitMs = 2 * 86_400_000;
/** A mail handed to the server this long ago without an answer counts as uncertain. */
const uncertainAfterMs = 15 * 60_000;

interface Reminder {
  userId: string;
  key: string;
  kind: (typeof reminderKinds)[number];
  recordType: DeliveryRow['recordType'];
  recordId: string;
  title: string;
  dueOn: string | null;
}

/** Whether the weekly digest goes out at this moment: Mondays from 08:00 in the college's time zone. */
export function isDigestTime(now: Date): boolean {
  const parts = new Intl.DateTimeFormat('en-GB', {
    timeZone: 'Asia/Shanghai',
    weekday: 'short',
    hour: '2-digit',
    hourCycle: 'h23',
  }).formatToParts(now);
  const weekday = parts.find((p) => p.type === 'weekday')?.value;
  const hour = Number(parts.find((p) => p.type === 'hour')?.value);
  return weekday === 'Mon' && hour >= 8;
}

/** Who hears of a department's records: its liaisons, else the college's cooperation officers. */
function routeTo(people: readonly Person[], orgUnitId: string | null, ownerUserId?: string | null): Person[] {
  if (ownerUserId) {
    const owner = people.find((p) => p.id === ownerUserId);
    if (owner) return [owner];
  }
  const liaisons = orgUnitId
    ? people.filter((p) => p.roles.includes('department_liaison') && p.orgUnitIds.includes(orgUnitId))
    : [];
  return liaisons.length ? liaisons : people.filter((p) => p.roles.includes('cooperation_officer'));
}

/** What falls due today: commitments, agreements near their end, articles long in review. */
async function dueReminders(scope: TenantScope, people: readonly Person[], today: string, now: Date) {
  const reminders: Reminder[] = [];
  const add = (to: readonly Person[], r: Omit<Reminder, 'userId'>) => {
    for (const person of to) reminders.push({ ...r, userId: person.id });
  };
  const commitments = await commitmentsForCalendar(scope, {
    from: addDays(today, -365),
    to: addDays(today, 7),
  });
  for (const c of commitments) {
    if (!c.dueOn) continue;
    const kind =
      c.dueOn < today
        ? 'commitment_overdue'
        : c.dueOn === today
          ? 'commitment_due_today'
          : 'commitment_due_soon';
    add(routeTo(people, c.ownerOrgUnitId, c.ownerUserId), {
      key: `${kind}:${c.id}:${c.dueOn}`,
      kind,
      recordType: 'commitment',
      recordId: c.id,
      title: c.text,
      dueOn: c.dueOn,
    });
  }
  const agreements = await agreementsForCalendar(scope, { from: today, to: addDays(today, 90) });
  for (const a of agreements) {
    if (!a.validTo) continue;
    const daysLeft = Math.round((Date.parse(a.validTo) - Date.parse(today)) / 86_400_000);
    const threshold = agreementThresholds.find((n) => daysLeft <= n);
    add(routeTo(people, a.ownerOrgUnitId), {
      key: `agreement_expiring:${a.id}:${threshold}:${a.validTo}`,
      kind: 'agreement_expiring',
      recordType: 'agreement',
      recordId: a.id,
      title: a.titleZh || a.titleEn,
      dueOn: a.validTo,
    });
  }
  const reviewers = people.filter((p) => can(p.roles, 'news.review'));
  for (const article of await articlesWaitingForReview(scope, new Date(now.getTime() - reviewWaitMs))) {
    add(reviewers, {
      key: `article_waiting:${article.id}:${article.updatedAt.toISOString()}`,
      kind: 'article_waiting',
      recordType: 'article',
      recordId: article.id,
      title: article.title,
      dueOn: null,
    });
  }
  return reminders;
}

/**
 * Records what falls due for each person, once under its key (so running this again, or after a
 * crash, records nothing twice), and tells who has mail to send now: people who take reminders as
 * they come, and, on Monday mornings, those who take the weekly digest. People who turned
 * reminders off have theirs recorded as skipped, so turning them on later sends nothing stale.
 */
export async function collectReminders(
  scope: TenantScope,
  now: Date = new Date(),
): Promise<{ recorded: number; toSend: string[] }> {
  const today = todayIso(now);
  const people = await reminderRecipients(scope);
  const byId = new Map(people.map((p) => [p.id, p]));
  const reminders = await dueReminders(scope, people, today, now);
  let recorded = 0;
  for (let i = 0; i < reminders.length; i += 500) {
    const rows = reminders.slice(i, i + 500).map((r) => ({
      ...r,
      tenantId: scope.tenantId,
      id: newId(),
      status: byId.get(r.userId)?.reminderMode === 'off' ? ('skipped' as const) : ('pending' as const),
    }));
    // Recorded once per person and key: a reminder already there (sent or not) is left alone.
    const inserted = await scope.build((qb) =>
      qb
        .insert(reminderDeliveries)
        .values(rows)
        .onConflictDoNothing()
        .returning({ id: reminderDeliveries.id }),
    );
    recorded += inserted.length;
  }
  const pending = await scope.select(reminderDeliveries, { where: eq(reminderDeliveries.status, 'pending') });
  const digestTime = isDigestTime(now);
  const toSend = [...new Set(pending.map((p) => p.userId))].filter((id) => {
    const mode = byId.get(id)?.reminderMode;
    return mode === 'each' || (mode === 'weekly' && digestTime);
  });
  return { recorded, toSend };
}

/**
 * Sends one person their pending reminders in one mail. The reminders are marked `sending` in one
 * transaction before the mail leaves, so a crash after the mail server took it never sends them
 * again; a refused mail puts them back to pending (failed after the last try) and throws for the
 * job to retry. Returns how many reminders the mail carried.
 */
export async function sendReminders(
  scope: TenantScope,
  userId: string,
  mailer: Mailer,
  options: { origin: string; college: { zh: string; en: string }; now?: Date },
): Promise<number> {
  const person = (await reminderRecipients(scope)).find((p) => p.id === userId);
  const mine = and(eq(reminderDeliveries.userId, userId), eq(reminderDeliveries.status, 'pending')) as SQL;
  if (!person || person.reminderMode === 'off') {
    await scope.updateRaw(reminderDeliveries, mine, { status: 'skipped', updatedAt: new Date() });
    return 0;
  }
  // Claimed in one statement, so two workers never mail the same reminders.
  const claimed = await scope.transaction((tx) =>
    tx.build((qb, tenant) =>
      qb
        .update(reminderDeliveries)
        .set({ status: 'sending', attempts: sql`${reminderDeliveries.attempts} + 1`, updatedAt: new Date() })
        .where(and(tenant(reminderDeliveries), mine))
        .returning(),
    ),
  );
  if (claimed.length === 0) return 0;
  const ids = inArray(
    reminderDeliveries.id,
    claimed.map((r) => r.id),
  );
  const now = options.now ?? new Date();
  const mail = composeReminderMail(
    { email: person.email, name: person.name, locale: isLocale(person.locale) ? person.locale : 'zh-CN' },
    claimed.sort((a, b) => (a.dueOn ?? '').localeCompare(b.dueOn ?? '')),
    { ...options, today: todayIso(now), digest: person.reminderMode === 'weekly' },
  );
  try {
    await mailer.send(mail);
  } catch (err) {
    const message = err instanceof Error ? err.message : String(err);
    const last = Math.max(...claimed.map((r) => r.attempts)) >= mailAttempts;
    await scope.updateRaw(reminderDeliveries, ids, {
      status: last ? 'failed' : 'pending',
      lastError: message.slice(0, 500),
      updatedAt: new Date(),
    });
    throw err;
  }
  await scope.updateRaw(reminderDeliveries, ids, {
    status: 'sent',
    sentAt: new Date(),
    lastError: null,
    updatedAt: new Date(),
  });
  return claimed.length;
}

function toOutput(
  row: DeliveryRow,
  names: Map<string, { name: string; email: string }>,
  now: number,
): DeliveryOutput {
  const person = names.get(row.userId);
  return {
    id: row.id,
    userId: row.userId,
    userName: person?.name ?? null,
    email: person?.email ?? null,
    kind: row.kind,
    recordType: row.recordType,
    recordId: row.recordId,
    title: row.title,
    dueOn: row.dueOn,
    status:
      row.status === 'sending' && now - row.updatedAt.getTime() > uncertainAfterMs ? 'uncertain' : row.status,
    attempts: row.attempts,
    lastError: row.lastError,
    createdAt: row.createdAt.toISOString(),
    sentAt: row.sentAt?.toISOString() ?? null,
  };
}

/**
 * The college's reminders for its administrator, newest first: by default the ones that need a
 * look (failed, or handed to the mail server without an answer), else by status.
 */
export async function listDeliveries(
  scope: TenantScope,
  query: DeliveryListQuery,
): Promise<{ items: DeliveryOutput[]; total: number; mailConfigured: boolean; lastSentAt: string | null }> {
  const q = parseInput(deliveryListQuerySchema, query);
  const status = q.status ?? 'problems';
  const stale = new Date(Date.now() - uncertainAfterMs);
  const where =
    status === 'problems'
      ? or(
          eq(reminderDeliveries.status, 'failed'),
          and(eq(reminderDeliveries.status, 'sending'), lt(reminderDeliveries.updatedAt, stale)),
        )
      : eq(reminderDeliveries.status, status);
  const page = await scope.page(reminderDeliveries, {
    where,
    orderBy: [desc(reminderDeliveries.createdAt), desc(reminderDeliveries.id)],
    page: q.page ?? 1,
    pageSize: q.pageSize ?? 20,
  });
  const people = await reminderRecipients(scope);
  const names = new Map(people.map((p) => [p.id, p]));
  const [last] = await scope.select(reminderDeliveries, {
    where: eq(reminderDeliveries.status, 'sent'),
    orderBy: [desc(reminderDeliveries.sentAt)],
    limit: 1,
  });
  const now = Date.now();
  return {
    items: page.items.map((r) => toOutput(r, names, now)),
    total: page.total,
    mailConfigured: query.mailConfigured,
    lastSentAt: last?.sentAt?.toISOString() ?? null,
  };
}

/** Puts a failed (or uncertain) reminder back in line; returns the person to send to. */
export async function retryDelivery(scope: TenantScope, id: string): Promise<{ userId: string }> {
  const row = await scope.first(reminderDeliveries, eq(reminderDeliveries.id, id));
  if (!row) throw new AppError('not_found', 'No such reminder');
  if (row.status !== 'failed' && row.status !== 'sending') {
    throw new AppError('conflict', 'Only a failed or unanswered reminder can be sent again');
  }
  await scope.updateRaw(reminderDeliveries, eq(reminderDeliveries.id, id), {
    status: 'pending',
    attempts: 0,
    updatedAt: new Date(),
  });
  return { userId: row.userId };
}
