import { z } from 'zod';
import { listResultSchema } from '../../platform/list-query.ts';
import { defineRoutes, readBody, readIdParam, readQuery } from '../../platform/routes.ts';
import {
  createFacilityInputSchema,
  createMajorInputSchema,
  createOrgUnitInputSchema,
  facilityListQuerySchema,
  facilityOutputSchema,
  majorListQuerySchema,
  majorOutputSchema,
  orgUnitListQuerySchema,
  orgUnitOutputSchema,
  updateFacilityInputSchema,
  updateMajorInputSchema,
  updateOrgUnitInputSchema,
  versionQuerySchema,
} from './org-units.schema.ts';
import {
  createFacility,
  createMajor,
  createOrgUnit,
  deleteFacility,
  deleteMajor,
  deleteOrgUnit,
  getFacility,
  getMajor,
  getOrgUnit,
  listFacilities,
  listMajors,
  listOrgUnits,
  updateFacility,
  updateMajor,
  updateOrgUnit,
} from './org-units.service.ts';

const deletedSchema = z.object({ deleted: z.literal(true) });

export const orgUnitsRoutes = defineRoutes('/api/org-units', 'org-units', (route) => {
  route(
    {
      method: 'GET',
      path: '/',
      access: 'records.read',
      summary: 'List departments',
      query: orgUnitListQuerySchema,
      response: listResultSchema(orgUnitOutputSchema),
    },
    async (c) => c.json(await listOrgUnits(c.var.scope, readQuery(c, orgUnitListQuerySchema))),
  );
  route(
    {
      method: 'POST',
      path: '/',
      access: 'records.write',
      summary: 'Add a department (college-wide staff)',
      body: createOrgUnitInputSchema,
      response: orgUnitOutputSchema,
    },
    async (c) => c.json(await createOrgUnit(c.var.scope, await readBody(c, createOrgUnitInputSchema)), 201),
  );
  route(
    {
      method: 'GET',
      path: '/:id',
      access: 'records.read',
      summary: 'Read a department',
      response: orgUnitOutputSchema,
    },
    async (c) => c.json(await getOrgUnit(c.var.scope, readIdParam(c))),
  );
  route(
    {
      method: 'PATCH',
      path: '/:id',
      access: 'records.write',
      summary: 'Rename or move a department',
      body: updateOrgUnitInputSchema,
      response: orgUnitOutputSchema,
    },
    async (c) =>
      c.json(await updateOrgUnit(c.var.scope, readIdParam(c), await readBody(c, updateOrgUnitInputSchema))),
  );
  route(
    {
      method: 'DELETE',
      path: '/:id',
      access: 'records.write',
      summary: 'Delete a department that nothing uses any more (soft)',
      query: versionQuerySchema,
      response: deletedSchema,
    },
    async (c) => {
      const { version } = readQuery(c, versionQuerySchema);
      await deleteOrgUnit(c.var.scope, readIdParam(c), version);
      return c.json({ deleted: true as const });
    },
  );
});

export const majorsRoutes = defineRoutes('/api/majors', 'majors', (route) => {
  route(
    {
      method: 'GET',
      path: '/',
      access: 'records.read',
      summary: 'List majors',
      query: majorListQuerySchema,
      response: listResultSchema(majorOutputSchema),
    },
    async (c) => c.json(await listMajors(c.var.scope, readQuery(c, majorListQuerySchema))),
  );
  route(
    {
      method: 'POST',
      path: '/',
      access: 'records.write',
      summary: 'Add a major',
      body: createMajorInputSchema,
      response: majorOutputSchema,
    },
    async (c) => c.json(await createMajor(c.var.scope, await readBody(c, createMajorInputSchema)), 201),
  );
  route(
    {
      method: 'GET',
      path: '/:id',
      access: 'records.read',
      summary: 'Read a major',
      response: majorOutputSchema,
    },
    async (c) => c.json(await getMajor(c.var.scope, readIdParam(c))),
  );
  route(
    {
      method: 'PATCH',
      path: '/:id',
      access: 'records.write',
      summary: 'Change a major',
      body: updateMajorInputSchema,
      response: majorOutputSchema,
    },
    async (c) =>
      c.json(await updateMajor(c.var.scope, readIdParam(c), await readBody(c, updateMajorInputSchema))),
  );
  route(
    {
      method: 'DELETE',
      path: '/:id',
      access: 'records.write',
      summary: 'Delete a major (soft)',
      query: versionQuerySchema,
      response: deletedSchema,
    },
    async (c) => {
      const { version } = readQuery(c, versionQuerySchema);
      await deleteMajor(c.var.scope, readIdParam(c), version);
      return c.json({ deleted: true as const });
    },
  );
});

export const facilitiesRoutes = defineRoutes('/api/facilities', 'facilities', (route) => {
  route(
    {
      method: 'GET',
      path: '/',
      access: 'records.read',
      summary: 'List facilities',
      query: facilityListQuerySchema,
      response: listResultSchema(facilityOutputSchema),
    },
    async (c) => c.json(await listFacilities(c.var.scope, readQuery(c, facilityListQuerySchema))),
  );
  route(
    {
      method: 'POST',
      path: '/',
      access: 'records.write',
      summary: 'Add a facility',
      body: createFacilityInputSchema,
      response: facilityOutputSchema,
    },
    async (c) => c.json(await createFacility(c.var.scope, await readBody(c, createFacilityInputSchema)), 201),
  );
  route(
    {
      method: 'GET',
      path: '/:id',
      access: 'records.read',
      summary: 'Read a facility',
      response: facilityOutputSchema,
    },
    async (c) => c.json(await getFacility(c.var.scope, readIdParam(c))),
  );
  route(
    {
      method: 'PATCH',
      path: '/:id',
      access: 'records.write',
      summary: 'Change a facility',
      body: updateFacilityInputSchema,
      response: facilityOutputSchema,
    },
    async (c) =>
      c.json(await updateFacility(c.var.scope, readIdParam(c), await readBody(c, updateFacilityInputSchema))),
  );
  route(
    {
      method: 'DELETE',
      path: '/:id',
      access: 'records.write',
      summary: 'Delete a facility (soft)',
      query: versionQuerySchema,
      response: deletedSchema,
    },
    async (c) => {
      const { version } = readQuery(c, versionQuerySchema);
      await deleteFacility(c.var.scope, readIdParam(c), version);
      return c.json({ deleted: true as const });
    },
  );
});
