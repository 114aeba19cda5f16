import { departmentLimit } from '../../platform/department-scope.ts';
import { listResultSchema } from '../../platform/list-query.ts';
import { defineRoutes, readBody, readIdParam, readQuery } from '../../platform/routes.ts';
import {
  agreementListQuerySchema,
  agreementOutputSchema,
  createAgreementInputSchema,
  expiringQuerySchema,
  transitionAgreementInputSchema,
  updateAgreementInputSchema,
  versionInputSchema,
} from './agreements.schema.ts';
import {
  createAgreement,
  deleteAgreement,
  getAgreement,
  listAgreements,
  listExpiringAgreements,
  transitionAgreement,
  updateAgreement,
} from './agreements.service.ts';

export const agreementsRoutes = defineRoutes('/api/agreements', 'agreements', (route) => {
  route(
    {
      method: 'GET',
      path: '/',
      access: 'records.read',
      summary: 'List agreements',
      query: agreementListQuerySchema,
      response: listResultSchema(agreementOutputSchema),
    },
    async (c) =>
      c.json(
        await listAgreements(
          c.var.scope,
          readQuery(c, agreementListQuerySchema),
          departmentLimit(c.var.user),
        ),
      ),
  );
  route(
    {
      method: 'POST',
      path: '/',
      access: 'records.write',
      summary: 'Record an agreement with its parties',
      body: createAgreementInputSchema,
      response: agreementOutputSchema,
    },
    async (c) =>
      c.json(
        await createAgreement(
          c.var.scope,
          await readBody(c, createAgreementInputSchema),
          departmentLimit(c.var.user),
        ),
        201,
      ),
  );
  route(
    {
      method: 'GET',
      path: '/expiring',
      access: 'records.read',
      summary: 'Active agreements whose validity ends within 30, 90 or 180 days',
      query: expiringQuerySchema,
      response: listResultSchema(agreementOutputSchema),
    },
    async (c) =>
      c.json(await listExpiringAgreements(c.var.scope, c.req.query(), departmentLimit(c.var.user))),
  );
  route(
    {
      method: 'GET',
      path: '/:id',
      access: 'records.read',
      summary: 'Read an agreement',
      response: agreementOutputSchema,
    },
    async (c) => c.json(await getAgreement(c.var.scope, readIdParam(c), departmentLimit(c.var.user))),
  );
  route(
    {
      method: 'PATCH',
      path: '/:id',
      access: 'records.write',
      summary: 'Change an agreement (parties, when given, are replaced)',
      body: updateAgreementInputSchema,
      response: agreementOutputSchema,
    },
    async (c) =>
      c.json(
        await updateAgreement(
          c.var.scope,
          readIdParam(c),
          await readBody(c, updateAgreementInputSchema),
          departmentLimit(c.var.user),
        ),
      ),
  );
  route(
    {
      method: 'DELETE',
      path: '/:id',
      access: 'records.write',
      summary: 'Delete an agreement (soft; ?version= required)',
      query: versionInputSchema,
    },
    async (c) => {
      const { version } = readQuery(c, versionInputSchema);
      await deleteAgreement(c.var.scope, readIdParam(c), version, departmentLimit(c.var.user));
      return c.body(null, 204);
    },
  );
  route(
    {
      method: 'POST',
      path: '/:id/transition',
      access: 'records.write',
      summary: 'Move an agreement along draft → in_review → signed → active → expired | terminated',
      body: transitionAgreementInputSchema,
      response: agreementOutputSchema,
    },
    async (c) =>
      c.json(
        await transitionAgreement(
          c.var.scope,
          readIdParam(c),
          await readBody(c, transitionAgreementInputSchema),
          departmentLimit(c.var.user),
        ),
      ),
  );
});
