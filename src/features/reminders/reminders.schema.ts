import { z } from 'zod';
import { defineOperation } from '../../platform/api-operation.ts';
import { reminderKinds } from './reminders.values.ts';

export const deliveryStatusSchema = z.enum(['pending', 'sending', 'sent', 'failed', 'skipped']);

/** `GET /api/reminders`: the college's e-mail reminders, by default those that need a look. */
export const deliveryListQuerySchema = z.object({
  status: z.enum(['problems', ...deliveryStatusSchema.options]).optional(),
  page: z.coerce.number().int().min(1).max(100_000).optional(),
  pageSize: z.coerce.number().int().min(1).max(100).optional(),
});
export type DeliveryListQuery = z.input<typeof deliveryListQuerySchema> & { mailConfigured: boolean };

export const deliveryOutputSchema = z.object({
  id: z.uuid(),
  userId: z.uuid(),
  userName: z.string().nullable(),
  email: z.string().nullable(),
  kind: z.enum(reminderKinds),
  recordType: z.enum(['commitment', 'agreement', 'article']),
  recordId: z.uuid(),
  title: z.string(),
  dueOn: z.string().nullable(),
  /** `uncertain`: handed to the mail server without an answer (a crash in between); never resent by itself. */
  status: z.enum([...deliveryStatusSchema.options, 'uncertain']),
  attempts: z.number().int(),
  lastError: z.string().nullable(),
  createdAt: z.string(),
  sentAt: z.string().nullable(),
});
export type DeliveryOutput = z.infer<typeof deliveryOutputSchema>;

const base = '/api/reminders';

/** The e-mail reminders of the API. */
export const reminderOperations = {
  list: defineOperation({
    basePath: base,
    method: 'GET',
    path: '/',
    access: 'settings.manage',
    summary:
      "The college's e-mail reminders (by default the failed and unanswered ones) and whether mail is set up",
    query: deliveryListQuerySchema,
    response: z.object({
      items: z.array(deliveryOutputSchema),
      total: z.number().int(),
      mailConfigured: z.boolean(),
      lastSentAt: z.string().nullable(),
    }),
  }),
  retry: defineOperation({
    basePath: base,
    method: 'POST',
    path: '/:id/retry',
    access: 'settings.manage',
    summary: 'Send a failed or unanswered reminder again (with the person’s other pending ones)',
    response: z.object({ queued: z.boolean() }),
  }),
  run: defineOperation({
    basePath: base,
    method: 'POST',
    path: '/run',
    access: 'settings.manage',
    summary: 'Collect what falls due now and queue the mails (the hourly job does the same)',
    response: z.object({ recorded: z.number().int(), queued: z.number().int() }),
  }),
};
