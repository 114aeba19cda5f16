import { defineRoutes, readBody, readIdParam, readQuery } from '../../platform/routes.ts';
import { deleteInputSchema } from '../organizations/organizations.schema.ts';
import { updateOrganizationSchema } from '../organizations/organizations.service.ts';
import {
  mergeOrganizationInputSchema,
  partnerOperations as op,
  organizationListQuerySchema,
  putPartnershipInputSchema,
} from './partnerships.schema.ts';
import {
  deletePartnerOrganization,
  getPartnership,
  historyOfPartner,
  listOrganizations,
  mergeOrganizations,
  putPartnership,
  updatePartnerOrganization,
} from './partnerships.service.ts';

/** The partner registry's routes that depend on partnerships, beside organizationsRoutes. */
export const partnershipsRoutes = defineRoutes('/api/organizations', 'organizations', (route) => {
  route(op.list, async (c) =>
    c.json(await listOrganizations(c.var.scope, readQuery(c, organizationListQuerySchema))),
  );
  route(op.update, async (c) =>
    c.json(
      await updatePartnerOrganization(
        c.var.scope,
        readIdParam(c),
        await readBody(c, updateOrganizationSchema),
      ),
    ),
  );
  route(op.remove, async (c) => {
    const { version } = readQuery(c, deleteInputSchema);
    await deletePartnerOrganization(c.var.scope, readIdParam(c), version);
    return c.json({ deleted: true as const });
  });
  route(op.partnership, async (c) => c.json(await getPartnership(c.var.scope, readIdParam(c))));
  route(op.putPartnership, async (c) => {
    const result = await putPartnership(
      c.var.scope,
      readIdParam(c),
      await readBody(c, putPartnershipInputSchema),
    );
    return c.json(result.partnership, result.created ? 201 : 200);
  });
  route(op.history, async (c) => c.json({ items: await historyOfPartner(c.var.scope, readIdParam(c)) }));
  route(op.merge, async (c) =>
    c.json(
      await mergeOrganizations(c.var.scope, readIdParam(c), await readBody(c, mergeOrganizationInputSchema)),
    ),
  );
});
