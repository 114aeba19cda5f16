import { z } from 'zod';
import { defineRoutes, readBody, readIdParam } from '../../platform/routes.ts';
import {
  createOrganizationInputSchema,
  duplicateOutputSchema,
  organizationOutputSchema,
} from './organizations.schema.ts';
import {
  createOrganization,
  createOrganizationSchema,
  findDuplicateOrganizations,
  getOrganization,
} from './organizations.service.ts';

// The list, changes, partnership, history and merge of organizations depend on partnerships (the
// lead department decides who may change a partner) and live in partnerships.routes.ts, mounted at
// the same path, so no feature imports one that imports it back.
export const organizationsRoutes = defineRoutes('/api/organizations', 'organizations', (route) => {
  route(
    {
      method: 'POST',
      path: '/',
      access: 'records.write',
      summary: 'Register a partner organization',
      body: createOrganizationInputSchema,
      response: organizationOutputSchema,
    },
    async (c) =>
      c.json(await createOrganization(c.var.scope, await readBody(c, createOrganizationSchema)), 201),
  );
  route(
    {
      method: 'GET',
      path: '/:id',
      access: 'records.read',
      summary: 'Read an organization (merged ones too)',
      response: organizationOutputSchema,
    },
    async (c) => c.json(await getOrganization(c.var.scope, readIdParam(c))),
  );
  route(
    {
      method: 'GET',
      path: '/:id/duplicates',
      access: 'records.read',
      summary: 'Organizations that may be the same partner (credit code, similar names, aliases)',
      response: z.object({ items: z.array(duplicateOutputSchema) }),
    },
    async (c) => c.json({ items: await findDuplicateOrganizations(c.var.scope, readIdParam(c)) }),
  );
});
