import { defineRoutes, readBody, readIdParam, readQuery } from '../../platform/routes.ts';
import {
  createFacilityInputSchema,
  createMajorInputSchema,
  createOrgUnitInputSchema,
  facilityListQuerySchema,
  facilityOperations,
  majorListQuerySchema,
  majorOperations,
  orgUnitListQuerySchema,
  orgUnitOperations,
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

export const orgUnitsRoutes = defineRoutes('/api/org-units', 'org-units', (route) => {
  route(orgUnitOperations.list, async (c) =>
    c.json(await listOrgUnits(c.var.scope, readQuery(c, orgUnitListQuerySchema))),
  );
  route(orgUnitOperations.create, async (c) =>
    c.json(await createOrgUnit(c.var.scope, await readBody(c, createOrgUnitInputSchema)), 201),
  );
  route(orgUnitOperations.get, async (c) => c.json(await getOrgUnit(c.var.scope, readIdParam(c))));
  route(orgUnitOperations.update, async (c) =>
    c.json(await updateOrgUnit(c.var.scope, readIdParam(c), await readBody(c, updateOrgUnitInputSchema))),
  );
  route(orgUnitOperations.remove, async (c) => {
    const { version } = readQuery(c, versionQuerySchema);
    await deleteOrgUnit(c.var.scope, readIdParam(c), version);
    return c.json({ deleted: true as const });
  });
});

export const majorsRoutes = defineRoutes('/api/majors', 'majors', (route) => {
  route(majorOperations.list, async (c) =>
    c.json(await listMajors(c.var.scope, readQuery(c, majorListQuerySchema))),
  );
  route(majorOperations.create, async (c) =>
    c.json(await createMajor(c.var.scope, await readBody(c, createMajorInputSchema)), 201),
  );
  route(majorOperations.get, async (c) => c.json(await getMajor(c.var.scope, readIdParam(c))));
  route(majorOperations.update, async (c) =>
    c.json(await updateMajor(c.var.scope, readIdParam(c), await readBody(c, updateMajorInputSchema))),
  );
  route(majorOperations.remove, async (c) => {
    const { version } = readQuery(c, versionQuerySchema);
    await deleteMajor(c.var.scope, readIdParam(c), version);
    return c.json({ deleted: true as const });
  });
});

export const facilitiesRoutes = defineRoutes('/api/facilities', 'facilities', (route) => {
  route(facilityOperations.list, async (c) =>
    c.json(await listFacilities(c.var.scope, readQuery(c, facilityListQuerySchema))),
  );
  route(facilityOperations.create, async (c) =>
    c.json(await createFacility(c.var.scope, await readBody(c, createFacilityInputSchema)), 201),
  );
  route(facilityOperations.get, async (c) => c.json(await getFacility(c.var.scope, readIdParam(c))));
  route(facilityOperations.update, async (c) =>
    c.json(await updateFacility(c.var.scope, readIdParam(c), await readBody(c, updateFacilityInputSchema))),
  );
  route(facilityOperations.remove, async (c) => {
    const { version } = readQuery(c, versionQuerySchema);
    await deleteFacility(c.var.scope, readIdParam(c), version);
    return c.json({ deleted: true as const });
  });
});
