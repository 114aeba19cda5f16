import type { Context } from 'hono';
import { z } from 'zod';
import type { AppEnv } from '../../platform/context.ts';
import { AppError } from '../../platform/errors.ts';
import { defineRoutes, readBody, readIdParam } from '../../platform/routes.ts';
import {
  collegeHostInputSchema,
  collegeOutputSchema,
  updateCollegeInputSchema,
} from '../tenants/tenants.schema.ts';
import {
  addCollegeHost,
  type CollegeChanger,
  getCollege,
  listColleges,
  removeCollegeHost,
  updateCollege,
} from '../tenants/tenants.service.ts';
import { createCollegeInputSchema } from './colleges.schema.ts';
import { createCollege } from './colleges.service.ts';

/** The platform administrator making a change, with the college they work in (both audit logs get it). */
function changer(c: Context<AppEnv>): CollegeChanger {
  return { actor: c.var.scope.actor, collegeId: c.var.tenant.id };
}

/** The colleges of this deployment, for platform administrators only. */
export const collegesRoutes = defineRoutes('/api/colleges', 'colleges', (route) => {
  route(
    {
      method: 'GET',
      path: '/',
      access: 'tenants.manage',
      summary: 'List the colleges of this deployment with their status and host names',
      response: z.object({ items: z.array(collegeOutputSchema) }),
    },
    async (c) => c.json({ items: await listColleges(c.var.services.database.db) }),
  );
  route(
    {
      method: 'POST',
      path: '/',
      access: 'tenants.manage',
      summary: 'Add a college with its host name and first administrator',
      body: createCollegeInputSchema,
      response: collegeOutputSchema,
    },
    async (c) => {
      const input = await readBody(c, createCollegeInputSchema);
      return c.json(await createCollege(c.var.services.database.db, input, changer(c)), 201);
    },
  );
  route(
    {
      method: 'GET',
      path: '/:id',
      access: 'tenants.manage',
      summary: 'Get a college',
      response: collegeOutputSchema,
    },
    async (c) => c.json(await getCollege(c.var.services.database.db, readIdParam(c))),
  );
  route(
    {
      method: 'PATCH',
      path: '/:id',
      access: 'tenants.manage',
      summary: 'Rename a college, or suspend or resume it',
      body: updateCollegeInputSchema,
      response: collegeOutputSchema,
    },
    async (c) => {
      const id = readIdParam(c);
      const input = await readBody(c, updateCollegeInputSchema);
      // Suspending one's own college would end this very session with no way back from the page.
      if (input.status === 'suspended' && id === c.var.tenant.id)
        throw new AppError('validation_failed', 'You cannot suspend your own college', [
          { path: 'status', code: 'own_college', message: 'You cannot suspend your own college' },
        ]);
      return c.json(await updateCollege(c.var.services.database.db, id, input, changer(c)));
    },
  );
  route(
    {
      method: 'POST',
      path: '/:id/hosts',
      access: 'tenants.manage',
      summary: 'Add a host name a college’s public site answers',
      body: collegeHostInputSchema,
      response: collegeOutputSchema,
    },
    async (c) => {
      const id = readIdParam(c);
      const input = await readBody(c, collegeHostInputSchema);
      return c.json(await addCollegeHost(c.var.services.database.db, id, input, changer(c)), 201);
    },
  );
  route(
    {
      method: 'DELETE',
      path: '/:id/hosts/:host',
      access: 'tenants.manage',
      summary: 'Remove a host name of a college (it keeps at least one)',
      response: collegeOutputSchema,
    },
    async (c) => {
      const id = readIdParam(c);
      const host = c.req.param('host') ?? '';
      // The host name the caller is using cannot be taken from under them.
      if (id === c.var.tenant.id && host.toLowerCase() === c.var.tenant.host.toLowerCase())
        throw new AppError('validation_failed', 'This is the host name you are using', [
          { path: 'host', code: 'own_host', message: 'This is the host name you are using' },
        ]);
      return c.json(await removeCollegeHost(c.var.services.database.db, id, host, changer(c)));
    },
  );
});
