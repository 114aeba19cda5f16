import type { AddressInfo } from 'node:net';
import { and, eq } from 'drizzle-orm';
import { type ParsedMail, simpleParser } from 'mailparser';
import { SMTPServer } from 'smtp-server';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildOrgUnit } from '../../../test/record-fixtures.ts';
import { buildTenant, clientAs, createTestApp, type TestApp } from '../../../test/test-app.ts';
import { systemCaller, TenantScope } from '../../db/tenant-scope.ts';
import { jobs } from '../../platform/jobs.table.ts';
import { JobRunner } from '../../platform/jobs.ts';
import { createLogger } from '../../platform/logger.ts';
import { createMailer, type Mailer } from '../../platform/mailer.ts';
import { addDays, todayIso } from '../../platform/references.ts';
import { agreements } from '../agreements/agreements.table.ts';
import { users } from '../users/users.table.ts';
import { collectRemindersKind, registerReminderJobs } from './reminders.jobs.ts';
import { collectReminders, isDigestTime } from './reminders.service.ts';
import { reminderDeliveries } from './reminders.table.ts';

/** A real SMTP server in the test process; it keeps every message it accepts, parsed. */
const received: (ParsedMail & { envelopeTo: string[] })[] = [];
let refuseNext = 0;
const smtp = new SMTPServer({
  authOptional: true,
  disabledCommands: ['STARTTLS'],
  logger: false,
  onData(stream, session, callback) {
    const chunks: Buffer[] = [];
    stream.on('data', (c: Buffer) => chunks.push(c));
    stream.on('end', () => {
      if (refuseNext > 0) {
        refuseNext--;
        callback(Object.assign(new Error('Mailbox busy, try later'), { responseCode: 451 }));
        return;
      }
      void simpleParser(Buffer.concat(chunks)).then((mail) => {
        received.push({ ...mail, envelopeTo: session.envelope.rcptTo.map((r) => r.address) });
        callback();
      });
    });
  },
});

let t: TestApp;
let college: Awaited<ReturnType<typeof buildTenant>>;
let mailer: Mailer;
let port: number;
const today = todayIso();
/** The next Monday 09:00 in Shanghai (01:00 UTC) and the Sunday before it: the digest goes on Mondays. */
const monday = (() => {
  const d = new Date(`${today}T01:00:00Z`);
  while (d.getUTCDay() !== 1 || d.getTime() < Date.now()) d.setUTCDate(d.getUTCDate() + 1);
  return d;
})();
const sunday = new Date(monday.getTime() - 86_400_000);

/** A job runner as a server process has one: reminder jobs with the test's mail server. */
function newRunner(): JobRunner {
  const runner = new JobRunner({ db: t.database.db, log: createLogger('silent') });
  registerReminderJobs(runner, mailer, {});
  return runner;
}

async function runCollect(runner: JobRunner) {
  await t.database.db.insert(jobs).values({ kind: collectRemindersKind, payload: {} });
  await runner.runDue();
}

const mailsTo = (email: string) => received.filter((m) => m.envelopeTo.includes(email));

beforeAll(async () => {
  await new Promise<void>((resolve) => smtp.listen(0, '127.0.0.1', resolve));
  port = (smtp.server.address() as AddressInfo).port;
  mailer = createMailer({
    SMTP_URL: `smtp://127.0.0.1:${port}`,
    SMTP_REQUIRE_TLS: false,
    MAIL_FROM: 'Concord <concord@college.test>',
  }) as Mailer;
  t = await createTestApp({ SMTP_URL: `smtp://127.0.0.1:${port}`, SMTP_REQUIRE_TLS: 'false' });
  college = await buildTenant(t);
});
afterAll(async () => {
  mailer.close();
  await new Promise<void>((resolve) => smtp.close(resolve));
  await t.close();
});

describe('e-mail reminders', () => {
  it('mails an overdue commitment once, in the owner’s language, with a link to it, across a crash of the runner', async () => {
    const officer = await clientAs(t, college, ['cooperation_officer']);
    await t.database.db.update(users).set({ locale: 'en' }).where(eq(users.id, officer.user.id));
    const made = await officer.client.post('/api/commitments', {
      text: 'Send the order class syllabus to Covestro',
      ownerUserId: officer.user.id,
      dueOn: addDays(today, -3),
    });
    expect(made.status).toBe(201);
    const commitment = await made.json();

    // The collecting job records the reminder and queues the mail; the runner "crashes" before
    // sending it: a new runner (a restarted process) sends it once.
    const first = newRunner();
    await t.database.db.insert(jobs).values({ kind: collectRemindersKind, payload: {} });
    const scope = new TenantScope(t.database.db, college.id, systemCaller());
    await collectReminders(scope);
    const restarted = newRunner();
    await restarted.runDue();
    await first.runDue();
    await runCollect(restarted);
    await runCollect(newRunner());

    const mails = mailsTo(officer.user.email);
    expect(mails).toHaveLength(1);
    const mail = mails[0]!;
    expect(mail.subject).toBe(
      `Overdue commitment (due ${addDays(today, -3)}): Send the order class syllabus to Covestro`,
    );
    expect(mail.headers.get('content-language')).toBe('en');
    expect(mail.from?.text).toContain('concord@college.test');
    expect(mail.text).toContain(`https://${college.host}/admin/commitments?view=list&open=${commitment.id}`);
    expect(mail.html).toContain(
      `href="https://${college.host}/admin/commitments?view=list&#38;open=${commitment.id}"`,
    );

    const [row] = await t.database.db
      .select()
      .from(reminderDeliveries)
      .where(eq(reminderDeliveries.recordId, commitment.id));
    expect(row).toMatchObject({ status: 'sent', kind: 'commitment_overdue', attempts: 1 });

    // A process that died after the mail server took the mail, before it wrote "sent": the
    // reminder stays "sending" and its job "running". The restarted process takes the job back and
    // sends nothing again; the administrator sees the reminder as unanswered.
    await t.database.db
      .update(reminderDeliveries)
      .set({ status: 'sending', updatedAt: new Date(Date.now() - 3_600_000) })
      .where(eq(reminderDeliveries.id, row!.id));
    await t.database.db.insert(jobs).values({
      kind: 'reminders.send',
      tenantId: college.id,
      payload: { userId: officer.user.id },
      status: 'running',
      lockedAt: new Date(Date.now() - 3_600_000),
      lockedBy: 'a-dead-process',
      attempts: 1,
    });
    const afterCrash = new JobRunner({ db: t.database.db, log: createLogger('silent'), exclusive: true });
    registerReminderJobs(afterCrash, mailer, {});
    expect(await afterCrash.sweep(true)).toBeGreaterThanOrEqual(1);
    await afterCrash.runDue();
    await runCollect(afterCrash);
    expect(mailsTo(officer.user.email)).toHaveLength(1);
    const admin = await clientAs(t, college, ['college_admin']);
    const problems = await (await admin.client.get('/api/reminders')).json();
    expect(problems.items).toEqual([
      expect.objectContaining({ id: row!.id, status: 'uncertain', email: officer.user.email }),
    ]);
    await t.database.db
      .update(reminderDeliveries)
      .set({ status: 'sent' })
      .where(eq(reminderDeliveries.id, row!.id));
  });

  it('writes in Chinese to a Chinese reader, routes a department’s agreement to its liaisons, and skips those who opted out', async () => {
    const unit = await buildOrgUnit(college.scope, '化工学院');
    const liaison = await clientAs(t, college, ['department_liaison']);
    const quiet = await clientAs(t, college, ['department_liaison']);
    await t.database.db
      .update(users)
      .set({ orgUnitIds: [unit.id] })
      .where(eq(users.id, liaison.user.id));
    await t.database.db
      .update(users)
      .set({ orgUnitIds: [unit.id], reminderMode: 'off' })
      .where(eq(users.id, quiet.user.id));
    const admin = await clientAs(t, college, ['college_admin']);
    const created = await admin.client.post('/api/agreements', {
      type: 'training_base',
      titleZh: '化工安全实训基地协议',
      validTo: addDays(today, 25),
      ownerOrgUnitId: unit.id,
    });
    const agreement = await created.json();
    await t.database.db.update(agreements).set({ status: 'active' }).where(eq(agreements.id, agreement.id));

    const runner = newRunner();
    await runCollect(runner);
    await runCollect(runner);
    const mails = mailsTo(liaison.user.email);
    expect(mails).toHaveLength(1);
    expect(mails[0]?.subject).toBe(`协议将于 ${addDays(today, 25)} 到期（还有 25 天）：化工安全实训基地协议`);
    expect(mails[0]?.headers.get('content-language')).toBe('zh-CN');
    expect(mails[0]?.text).toContain(`/admin/agreements/${agreement.id}`);
    expect(mailsTo(quiet.user.email)).toHaveLength(0);
    const skipped = await t.database.db
      .select()
      .from(reminderDeliveries)
      .where(eq(reminderDeliveries.userId, quiet.user.id));
    expect(skipped.map((r) => r.status)).toEqual(['skipped']);
  });

  it('retries a refused mail with backoff and shows the failure to the administrator, who can send it again', async () => {
    const person = await clientAs(t, college, ['cooperation_officer']);
    await person.client.post('/api/commitments', {
      text: '提交实训基地年度报告',
      ownerUserId: person.user.id,
      dueOn: today,
    });
    refuseNext = 100;
    const runner = newRunner();
    await runCollect(runner);
    const [row] = await t.database.db
      .select()
      .from(reminderDeliveries)
      .where(eq(reminderDeliveries.userId, person.user.id));
    expect(row).toMatchObject({ status: 'pending', attempts: 1 });
    expect(row?.lastError).toContain('Mailbox busy');
    // The send job waits before its next try.
    const [queued] = await t.database.db
      .select()
      .from(jobs)
      .where(and(eq(jobs.kind, 'reminders.send'), eq(jobs.status, 'queued')));
    expect(queued?.status).toBe('queued');
    expect(queued!.runAt.getTime()).toBeGreaterThan(Date.now());

    // The last try fails for good: the administrator sees it and sends it again.
    await t.database.db
      .update(reminderDeliveries)
      .set({ attempts: 4 })
      .where(eq(reminderDeliveries.userId, person.user.id));
    await t.database.db.update(jobs).set({ runAt: new Date(), attempts: 4 }).where(eq(jobs.id, queued!.id));
    await runner.runDue();
    const admin = await clientAs(t, college, ['college_admin']);
    const problems = await (await admin.client.get('/api/reminders')).json();
    expect(problems.mailConfigured).toBe(true);
    const failed = problems.items.find((i: { userId: string }) => i.userId === person.user.id);
    expect(failed).toMatchObject({
      status: 'failed',
      kind: 'commitment_due_today',
      userName: person.user.name,
    });

    refuseNext = 0;
    const retried = await admin.client.post(`/api/reminders/${failed.id}/retry`);
    expect(retried.status).toBe(200);
    await runner.runDue();
    const mails = mailsTo(person.user.email);
    expect(mails).toHaveLength(1);
    expect(mails[0]?.subject).toBe('承诺事项今天到期：提交实训基地年度报告');
    expect((await (await admin.client.get('/api/reminders')).json()).items).toHaveLength(0);
    expect((await person.client.get('/api/reminders')).status).toBe(403);
  });

  it('keeps a weekly reader’s reminders for the Monday digest', async () => {
    expect(isDigestTime(sunday)).toBe(false);
    expect(isDigestTime(monday)).toBe(true);
    const reader = await clientAs(t, college, ['cooperation_officer']);
    const mode = await reader.client.patch('/api/auth/me', { reminderMode: 'weekly' });
    expect(mode.status).toBe(200);
    expect((await mode.json()).reminderMode).toBe('weekly');
    for (const [text, due] of [
      ['回访科思创人力资源部', addDays(todayIso(monday), 2)],
      ['确认订单班面试名单', addDays(todayIso(monday), 5)],
    ] as const) {
      await reader.client.post('/api/commitments', { text, ownerUserId: reader.user.id, dueOn: due });
    }
    const scope = new TenantScope(t.database.db, college.id, systemCaller());
    const onSunday = await collectReminders(scope, sunday);
    expect(onSunday.recorded).toBeGreaterThanOrEqual(2);
    expect(onSunday.toSend).not.toContain(reader.user.id);
    const onMonday = await collectReminders(scope, monday);
    expect(onMonday.toSend).toContain(reader.user.id);
  });
});
