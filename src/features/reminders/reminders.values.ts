/** The kinds of e-mail reminder. */
export const reminderKinds = [
  'commitment_due_soon',
  'commitment_due_today',
  'commitment_overdue',
  'agreement_expiring',
  'article_waiting',
] as const;
