import { defineRoutes, readIdParam, readQuery } from '../../platform/routes.ts';
import { collectAndQueue, queueReminderMail } from './reminders.jobs.ts';
import { deliveryListQuerySchema, reminderOperations as op } from './reminders.schema.ts';
import { listDeliveries, retryDelivery } from './reminders.service.ts';

/** The college's e-mail reminders, for its administrator: problems to look at, retry, run now. */
export const remindersRoutes = defineRoutes('/api/reminders', 'reminders', (route) => {
  route(op.list, async (c) =>
    c.json(
      await listDeliveries(c.var.scope, {
        ...readQuery(c, deliveryListQuerySchema),
        mailConfigured: Boolean(c.var.services.config.SMTP_URL),
      }),
    ),
  );
  route(op.retry, async (c) => {
    const { userId } = await retryDelivery(c.var.scope, readIdParam(c));
    await queueReminderMail(c.var.services.database.db, c.var.scope.tenantId, userId);
    c.var.services.jobs.wake();
    return c.json({ queued: true });
  });
  route(op.run, async (c) => {
    const counts = await collectAndQueue(c.var.services.database.db, c.var.scope.tenantId);
    c.var.services.jobs.wake();
    return c.json(counts);
  });
});
