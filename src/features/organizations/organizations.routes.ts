import { defineRoutes, readBody, readIdParam } from '../../platform/routes.ts';
import { organizationOperations as op } from './organizations.schema.ts';
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
  route(op.create, async (c) =>
    c.json(await createOrganization(c.var.scope, await readBody(c, createOrganizationSchema)), 201),
  );
  route(op.get, async (c) => c.json(await getOrganization(c.var.scope, readIdParam(c))));
  route(op.duplicates, async (c) =>
    c.json({ items: await findDuplicateOrganizations(c.var.scope, readIdParam(c)) }),
  );
});
