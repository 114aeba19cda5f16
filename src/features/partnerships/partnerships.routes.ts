import { z } from 'zod';
import { historyItemSchema } from '../../platform/history-item.ts';
import { listResultSchema } from '../../platform/list-query.ts';
import { defineRoutes, readBody, readIdParam, readQuery } from '../../platform/routes.ts';
import {
  deleteInputSchema,
  organizationOutputSchema,
  updateOrganizationInputSchema,
} from '../organizations/organizations.schema.ts';
import { updateOrganizationSchema } from '../organizations/organizations.service.ts';
import {
  mergeOrganizationInputSchema,
  mergeResultSchema,
  organizationListItemSchema,
  organizationListQuerySchema,
  partnershipOutputSchema,
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
  route(
    {
      method: 'GET',
      path: '/',
      access: 'records.read',
      summary: 'List partner organizations with their partnership stage and dimensions',
      query: organizationListQuerySchema,
      response: listResultSchema(organizationListItemSchema),
    },
    async (c) => c.json(await listOrganizations(c.var.scope, readQuery(c, organizationListQuerySchema))),
  );
  route(
    {
      method: 'PATCH',
      path: '/:id',
      access: 'records.write',
      summary: "Change an organization's registry data",
      body: updateOrganizationInputSchema,
      response: organizationOutputSchema,
    },
    async (c) =>
      c.json(
        await updatePartnerOrganization(
          c.var.scope,
          readIdParam(c),
          await readBody(c, updateOrganizationSchema),
        ),
      ),
  );
  route(
    {
      method: 'DELETE',
      path: '/:id',
      access: 'records.write',
      summary: 'Delete an organization (soft)',
      query: deleteInputSchema,
      response: z.object({ deleted: z.literal(true) }),
    },
    async (c) => {
      const { version } = readQuery(c, deleteInputSchema);
      await deletePartnerOrganization(c.var.scope, readIdParam(c), version);
      return c.json({ deleted: true as const });
    },
  );
  route(
    {
      method: 'GET',
      path: '/:id/partnership',
      access: 'records.read',
      summary: 'The partnership with an organization (404 when there is none yet)',
      response: partnershipOutputSchema,
    },
    async (c) => c.json(await getPartnership(c.var.scope, readIdParam(c))),
  );
  route(
    {
      method: 'PUT',
      path: '/:id/partnership',
      access: 'records.write',
      summary: 'Create or change the partnership (send version to change it)',
      body: putPartnershipInputSchema,
      response: partnershipOutputSchema,
    },
    async (c) => {
      const result = await putPartnership(
        c.var.scope,
        readIdParam(c),
        await readBody(c, putPartnershipInputSchema),
      );
      return c.json(result.partnership, result.created ? 201 : 200);
    },
  );
  route(
    {
      method: 'GET',
      path: '/:id/history',
      access: 'records.read',
      summary: "The partner's history, newest first: engagements, agreements, programs, commitments",
      response: z.object({ items: z.array(historyItemSchema) }),
    },
    async (c) => c.json({ items: await historyOfPartner(c.var.scope, readIdParam(c)) }),
  );
  route(
    {
      method: 'POST',
      path: '/:id/merge',
      access: 'records.write',
      summary: 'Merge this organization into another; every reference moves',
      body: mergeOrganizationInputSchema,
      response: mergeResultSchema,
    },
    async (c) =>
      c.json(
        await mergeOrganizations(
          c.var.scope,
          readIdParam(c),
          await readBody(c, mergeOrganizationInputSchema),
        ),
      ),
  );
});
