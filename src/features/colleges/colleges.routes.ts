import type { Context } from 'hono';
import type { AppEnv } from '../../platform/context.ts';
import { AppError } from '../../platform/errors.ts';
import { defineRoutes, readBody, readIdParam } from '../../platform/routes.ts';
import { collegeHostInputSchema, updateCollegeInputSchema } from '../tenants/tenants.schema.ts';
import {
  addCollegeHost,
  type CollegeChanger,
  getCollege,
  listColleges,
  removeCollegeHost,
  updateCollege,
} from '../tenants/tenants.service.ts';
import { createCollegeInputSchema, collegeOperations as op } from './colleges.schema.ts';
import { createCollege } from './colleges.service.ts';

/** The platform administrator making a change, with the college they work in (both audit logs get it). */
function changer(c: Context<AppEnv>): CollegeChanger {
  return { actor: c.var.scope.actor, collegeId: c.var.tenant.id };
}

/** The colleges of this deployment, for platform administrators only. */
export const collegesRoutes = defineRoutes('/api/colleges', 'colleges', (route) => {
  route(op.list, async (c) => c.json({ items: await listColleges(c.var.services.database.db) }));
  route(op.create, async (c) => {
    const input = await readBody(c, createCollegeInputSchema);
    return c.json(await createCollege(c.var.services.database.db, input, changer(c)), 201);
  });
  route(op.get, async (c) => c.json(await getCollege(c.var.services.database.db, readIdParam(c))));
  route(op.update, async (c) => {
    const id = readIdParam(c);
    const input = await readBody(c, updateCollegeInputSchema);
    // Suspending one's own college would end this very session with no way back from the page.
    if (input.status === 'suspended' && id === c.var.tenant.id)
      throw new AppError('validation_failed', 'You cannot suspend your own college', [
        { path: 'status', code: 'own_college', message: 'You cannot suspend your own college' },
      ]);
    return c.json(await updateCollege(c.var.services.database.db, id, input, changer(c)));
  });
  route(op.addHost, async (c) => {
    const id = readIdParam(c);
    const input = await readBody(c, collegeHostInputSchema);
    return c.json(await addCollegeHost(c.var.services.database.db, id, input, changer(c)), 201);
  });
  route(op.removeHost, async (c) => {
    const id = readIdParam(c);
    const host = c.req.param('host') ?? '';
    // The host name the caller is using cannot be taken from under them.
    if (id === c.var.tenant.id && host.toLowerCase() === c.var.tenant.host.toLowerCase())
      throw new AppError('validation_failed', 'This is the host name you are using', [
        { path: 'host', code: 'own_host', message: 'This is the host name you are using' },
      ]);
    return c.json(await removeCollegeHost(c.var.services.database.db, id, host, changer(c)));
  });
});
