import { type Locale, translate } from '../../i18n/i18n.ts';
import type { Mail } from '../../platform/mailer.ts';
import type { reminderDeliveries } from './reminders.table.ts';

type DeliveryRow = typeof reminderDeliveries.$inferSelect;

const escapeHtml = (s: string) => s.replace(/[&<>"']/g, (ch) => `&#${ch.charCodeAt(0)};`);

/** Where a reminder's record opens in the admin. */
export function recordLink(origin: string, row: Pick<DeliveryRow, 'recordType' | 'recordId'>): string {
  const path =
    row.recordType === 'commitment'
      ? `/admin/commitments?view=list&open=${row.recordId}`
      : row.recordType === 'agreement'
        ? `/admin/agreements/${row.recordId}`
        : `/admin/articles/${row.recordId}`;
  return `${origin}${path}`;
}

/** One reminder as a sentence in the reader's language. */
function lineOf(locale: Locale, row: DeliveryRow, today: string): string {
  const title = row.title;
  switch (row.kind) {
    case 'commitment_due_soon':
      return translate(locale, 'reminders.commitmentDueSoon', { title, date: row.dueOn ?? '' });
    case 'commitment_due_today':
      return translate(locale, 'reminders.commitmentDueToday', { title });
    case 'commitment_overdue':
      return translate(locale, 'reminders.commitmentOverdue', { title, date: row.dueOn ?? '' });
    case 'agreement_expiring': {
      const days = row.dueOn ? Math.round((Date.parse(row.dueOn) - Date.parse(today)) / 86_400_000) : 0;
      return translate(locale, 'reminders.agreementExpiring', { title, date: row.dueOn ?? '', count: days });
    }
    case 'article_waiting':
      return translate(locale, 'reminders.articleWaiting', { title });
  }
}

/**
 * One mail of reminders for one person, in their language: a single reminder says what it is in the
 * subject; several (or the weekly digest) are listed, each with a link straight to its record.
 */
export function composeReminderMail(
  person: { email: string; name: string; locale: Locale },
  rows: readonly DeliveryRow[],
  options: { origin: string; college: { zh: string; en: string }; today: string; digest: boolean },
): Mail {
  const { locale } = person;
  const college = locale === 'en' ? options.college.en || options.college.zh : options.college.zh;
  const lines = rows.map((row) => ({
    text: lineOf(locale, row, options.today),
    link: recordLink(options.origin, row),
  }));
  const subject = options.digest
    ? translate(locale, 'reminders.digestSubject', { college, count: rows.length })
    : rows.length === 1
      ? (lines[0]?.text ?? '')
      : translate(locale, 'reminders.manySubject', { college, count: rows.length });
  const greeting = translate(locale, 'reminders.greeting', { name: person.name });
  const footer = translate(locale, 'reminders.footer', { url: `${options.origin}/admin/account` });
  const text = [greeting, '', ...lines.map((l) => `- ${l.text}\n  ${l.link}`), '', footer].join('\n');
  const html = [
    `<!doctype html><html lang="${locale}"><body>`,
    `<p>${escapeHtml(greeting)}</p><ul>`,
    ...lines.map((l) => `<li><a href="${escapeHtml(l.link)}">${escapeHtml(l.text)}</a></li>`),
    `</ul><p style="color:#555">${escapeHtml(footer)}</p></body></html>`,
  ].join('');
  return { to: person.email, subject, text, html, language: locale };
}
