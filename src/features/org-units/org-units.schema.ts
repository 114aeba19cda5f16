import { z } from 'zod';
import { defineOperation } from '../../platform/api-operation.ts';
import { listResultSchema } from '../../platform/list-query.ts';

export const orgUnitKindSchema = z.enum(['school', 'office', 'center', 'other']);
export const facilityKindSchema = z.enum(['training_center', 'training_building', 'lab', 'base', 'other']);

const nameZh = z.string().trim().min(1).max(200);
const nameEn = z.string().trim().max(300);
const code = z.string().trim().min(1).max(40);
const version = z.number().int().min(1);

const listBase = {
  q: z.string().trim().max(200).optional(),
  page: z.coerce.number().int().min(1).max(100_000).default(1),
  pageSize: z.coerce.number().int().min(1).max(500).default(50),
};
const sortKeys = ['nameZh', '-nameZh', 'nameEn', '-nameEn', 'createdAt', '-createdAt'] as const;

export const createOrgUnitInputSchema = z.object({
  kind: orgUnitKindSchema.default('school'),
  code: code.nullable().optional(),
  nameZh,
  nameEn: nameEn.default(''),
  parentId: z.uuid().nullable().optional(),
});
export type CreateOrgUnitInput = z.input<typeof createOrgUnitInputSchema>;

export const updateOrgUnitInputSchema = z.object({
  version,
  kind: orgUnitKindSchema.optional(),
  code: code.nullable().optional(),
  nameZh: nameZh.optional(),
  nameEn: nameEn.optional(),
  parentId: z.uuid().nullable().optional(),
});
export type UpdateOrgUnitInput = z.input<typeof updateOrgUnitInputSchema>;

export const orgUnitListQuerySchema = z.object({
  ...listBase,
  sort: z.enum([...sortKeys, 'code', '-code']).optional(),
  /** Children of this unit; `root` for the top level. */
  parentId: z.union([z.uuid(), z.literal('root')]).optional(),
  kind: orgUnitKindSchema.optional(),
});
export type OrgUnitListQuery = z.input<typeof orgUnitListQuerySchema>;

export const orgUnitOutputSchema = z.object({
  id: z.uuid(),
  kind: orgUnitKindSchema,
  code: z.string().nullable(),
  nameZh: z.string(),
  nameEn: z.string(),
  parentId: z.string().nullable(),
  createdAt: z.string(),
  updatedAt: z.string(),
  version: z.number().int(),
});
export type OrgUnitOutput = z.infer<typeof orgUnitOutputSchema>;

export const createMajorInputSchema = z.object({
  /** National major catalogue code, e.g. 460103. */
  code: code.nullable().optional(),
  nameZh,
  nameEn: nameEn.default(''),
  orgUnitId: z.uuid().nullable().optional(),
});
export type CreateMajorInput = z.input<typeof createMajorInputSchema>;

export const updateMajorInputSchema = z.object({
  version,
  code: code.nullable().optional(),
  nameZh: nameZh.optional(),
  nameEn: nameEn.optional(),
  orgUnitId: z.uuid().nullable().optional(),
});
export type UpdateMajorInput = z.input<typeof updateMajorInputSchema>;

export const majorListQuerySchema = z.object({
  ...listBase,
  sort: z.enum([...sortKeys, 'code', '-code']).optional(),
  orgUnitId: z.uuid().optional(),
});
export type MajorListQuery = z.input<typeof majorListQuerySchema>;

export const majorOutputSchema = z.object({
  id: z.uuid(),
  code: z.string().nullable(),
  nameZh: z.string(),
  nameEn: z.string(),
  orgUnitId: z.string().nullable(),
  createdAt: z.string(),
  updatedAt: z.string(),
  version: z.number().int(),
});
export type MajorOutput = z.infer<typeof majorOutputSchema>;

export const createFacilityInputSchema = z.object({
  kind: facilityKindSchema.default('training_center'),
  nameZh,
  nameEn: nameEn.default(''),
  orgUnitId: z.uuid().nullable().optional(),
});
export type CreateFacilityInput = z.input<typeof createFacilityInputSchema>;

export const updateFacilityInputSchema = z.object({
  version,
  kind: facilityKindSchema.optional(),
  nameZh: nameZh.optional(),
  nameEn: nameEn.optional(),
  orgUnitId: z.uuid().nullable().optional(),
});
export type UpdateFacilityInput = z.input<typeof updateFacilityInputSchema>;

export const facilityListQuerySchema = z.object({
  ...listBase,
  sort: z.enum(sortKeys).optional(),
  orgUnitId: z.uuid().optional(),
  kind: facilityKindSchema.optional(),
});
export type FacilityListQuery = z.input<typeof facilityListQuerySchema>;

export const facilityOutputSchema = z.object({
  id: z.uuid(),
  kind: facilityKindSchema,
  nameZh: z.string(),
  nameEn: z.string(),
  orgUnitId: z.string().nullable(),
  createdAt: z.string(),
  updatedAt: z.string(),
  version: z.number().int(),
});
export type FacilityOutput = z.infer<typeof facilityOutputSchema>;

/** `?version=N` on DELETE: deleting a record someone changed meanwhile is refused like an update. */
export const versionQuerySchema = z.object({ version: z.coerce.number().int().min(1) });

// ---------------------------------------------------------------- operations

const deletedSchema = z.object({ deleted: z.literal(true) });

const orgUnitsBase = '/api/org-units';

/** The departments' operations, served by orgUnitsRoutes and called by the admin. */
export const orgUnitOperations = {
  list: defineOperation({
    basePath: orgUnitsBase,
    method: 'GET',
    path: '/',
    access: 'records.read',
    summary: 'List departments',
    query: orgUnitListQuerySchema,
    response: listResultSchema(orgUnitOutputSchema),
  }),
  create: defineOperation({
    basePath: orgUnitsBase,
    method: 'POST',
    path: '/',
    access: 'records.write',
    summary: 'Add a department (college-wide staff)',
    body: createOrgUnitInputSchema,
    response: orgUnitOutputSchema,
  }),
  get: defineOperation({
    basePath: orgUnitsBase,
    method: 'GET',
    path: '/:id',
    access: 'records.read',
    summary: 'Read a department',
    response: orgUnitOutputSchema,
  }),
  update: defineOperation({
    basePath: orgUnitsBase,
    method: 'PATCH',
    path: '/:id',
    access: 'records.write',
    summary: 'Rename or move a department',
    body: updateOrgUnitInputSchema,
    response: orgUnitOutputSchema,
  }),
  remove: defineOperation({
    basePath: orgUnitsBase,
    method: 'DELETE',
    path: '/:id',
    access: 'records.write',
    summary: 'Delete a department that nothing uses any more (soft)',
    query: versionQuerySchema,
    response: deletedSchema,
  }),
};

const majorsBase = '/api/majors';

/** The majors' operations, served by majorsRoutes and called by the admin. */
export const majorOperations = {
  list: defineOperation({
    basePath: majorsBase,
    method: 'GET',
    path: '/',
    access: 'records.read',
    summary: 'List majors',
    query: majorListQuerySchema,
    response: listResultSchema(majorOutputSchema),
  }),
  create: defineOperation({
    basePath: majorsBase,
    method: 'POST',
    path: '/',
    access: 'records.write',
    summary: 'Add a major',
    body: createMajorInputSchema,
    response: majorOutputSchema,
  }),
  get: defineOperation({
    basePath: majorsBase,
    method: 'GET',
    path: '/:id',
    access: 'records.read',
    summary: 'Read a major',
    response: majorOutputSchema,
  }),
  update: defineOperation({
    basePath: majorsBase,
    method: 'PATCH',
    path: '/:id',
    access: 'records.write',
    summary: 'Change a major',
    body: updateMajorInputSchema,
    response: majorOutputSchema,
  }),
  remove: defineOperation({
    basePath: majorsBase,
    method: 'DELETE',
    path: '/:id',
    access: 'records.write',
    summary: 'Delete a major (soft)',
    query: versionQuerySchema,
    response: deletedSchema,
  }),
};

const facilitiesBase = '/api/facilities';

/** The facilities' operations, served by facilitiesRoutes and called by the admin. */
export const facilityOperations = {
  list: defineOperation({
    basePath: facilitiesBase,
    method: 'GET',
    path: '/',
    access: 'records.read',
    summary: 'List facilities',
    query: facilityListQuerySchema,
    response: listResultSchema(facilityOutputSchema),
  }),
  create: defineOperation({
    basePath: facilitiesBase,
    method: 'POST',
    path: '/',
    access: 'records.write',
    summary: 'Add a facility',
    body: createFacilityInputSchema,
    response: facilityOutputSchema,
  }),
  get: defineOperation({
    basePath: facilitiesBase,
    method: 'GET',
    path: '/:id',
    access: 'records.read',
    summary: 'Read a facility',
    response: facilityOutputSchema,
  }),
  update: defineOperation({
    basePath: facilitiesBase,
    method: 'PATCH',
    path: '/:id',
    access: 'records.write',
    summary: 'Change a facility',
    body: updateFacilityInputSchema,
    response: facilityOutputSchema,
  }),
  remove: defineOperation({
    basePath: facilitiesBase,
    method: 'DELETE',
    path: '/:id',
    access: 'records.write',
    summary: 'Delete a facility (soft)',
    query: versionQuerySchema,
    response: deletedSchema,
  }),
};
