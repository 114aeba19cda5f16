import { z } from 'zod';
import { defineOperation } from '../../platform/api-operation.ts';
import { listResultSchema } from '../../platform/list-query.ts';

/** A person's e-mail address, stored in lower case; optional. */
const personEmailSchema = z
  .string()
  .trim()
  .toLowerCase()
  .pipe(z.email().max(254))
  .meta({ examples: ['ji.wenbin@partner.example.com'] })
  .nullable()
  .optional();

export const personSideSchema = z.enum(['ours', 'theirs']);
const isoDate = z.iso.date();

export const createPersonInputSchema = z.object({
  side: personSideSchema.default('theirs'),
  nameZh: z.string().trim().min(1).max(100),
  nameEn: z.string().trim().max(200).default(''),
  email: personEmailSchema,
  phone: z.string().trim().max(40).nullable().optional(),
  /** Internal people may be linked to their user account. */
  userId: z.uuid().nullable().optional(),
  notes: z.string().trim().max(5000).nullable().optional(),
});
export type CreatePersonInput = z.input<typeof createPersonInputSchema>;

export const updatePersonInputSchema = z.object({
  version: z.number().int().min(1),
  side: personSideSchema.optional(),
  nameZh: z.string().trim().min(1).max(100).optional(),
  nameEn: z.string().trim().max(200).optional(),
  email: personEmailSchema,
  phone: z.string().trim().max(40).nullable().optional(),
  userId: z.uuid().nullable().optional(),
  notes: z.string().trim().max(5000).nullable().optional(),
});
export type UpdatePersonInput = z.input<typeof updatePersonInputSchema>;

export const personListQuerySchema = z.object({
  q: z.string().trim().max(200).optional(),
  page: z.coerce.number().int().min(1).max(100_000).default(1),
  pageSize: z.coerce.number().int().min(1).max(200).default(20),
  sort: z.enum(['nameZh', '-nameZh', 'nameEn', '-nameEn', 'createdAt', '-createdAt']).optional(),
  /** People with an affiliation (at any time) at this organization. */
  organizationId: z.uuid().optional(),
  side: personSideSchema.optional(),
});
export type PersonListQuery = z.input<typeof personListQuerySchema>;

export const personOutputSchema = z.object({
  id: z.uuid(),
  side: personSideSchema,
  nameZh: z.string(),
  nameEn: z.string(),
  email: z.string().nullable(),
  phone: z.string().nullable(),
  userId: z.string().nullable(),
  notes: z.string().nullable(),
  createdAt: z.string(),
  updatedAt: z.string(),
  version: z.number().int(),
});
export type PersonOutput = z.infer<typeof personOutputSchema>;

/** A person in a list: with their current post (the primary one first), to tell namesakes apart. */
export const personListItemSchema = personOutputSchema.extend({
  current: z
    .object({
      organizationId: z.string().nullable(),
      orgUnitId: z.string().nullable(),
      /** The partner's or department's names. */
      placeZh: z.string(),
      placeEn: z.string(),
      titleZh: z.string(),
      titleEn: z.string(),
    })
    .nullable(),
});
export type PersonListItem = z.infer<typeof personListItemSchema>;

const affiliationFields = {
  /** Exactly one of organizationId (a partner) and orgUnitId (one of our departments). */
  organizationId: z.uuid().nullable().optional(),
  orgUnitId: z.uuid().nullable().optional(),
  titleZh: z.string().trim().min(1).max(200),
  titleEn: z.string().trim().max(300).default(''),
  /** First and last day the title was held (inclusive); open-ended when missing. */
  fromOn: isoDate.nullable().optional(),
  toOn: isoDate.nullable().optional(),
  isPrimary: z.boolean().default(true),
};

function checkAffiliation(
  value: {
    organizationId?: string | null | undefined;
    orgUnitId?: string | null | undefined;
    fromOn?: string | null | undefined;
    toOn?: string | null | undefined;
  },
  ctx: z.RefinementCtx,
  partial: boolean,
): void {
  const hasOrg = Boolean(value.organizationId);
  const hasUnit = Boolean(value.orgUnitId);
  if (hasOrg && hasUnit) {
    ctx.addIssue({
      code: 'custom',
      path: ['orgUnitId'],
      message: 'Give either an organization or one of our departments, not both',
    });
  } else if (!partial && !hasOrg && !hasUnit) {
    ctx.addIssue({
      code: 'custom',
      path: ['organizationId'],
      message: 'Give an organization or one of our departments',
      params: { code: 'required' },
    });
  }
  if (value.fromOn && value.toOn && value.toOn < value.fromOn) {
    ctx.addIssue({ code: 'custom', path: ['toOn'], message: 'The end date is before the start date' });
  }
}

export const createAffiliationInputSchema = z
  .object(affiliationFields)
  .superRefine((v, ctx) => checkAffiliation(v, ctx, false))
  .meta({
    examples: [
      {
        organizationId: '0190f5c2-6b1e-7c3a-9d4f-2a8b6c1e5f70',
        titleZh: '基地副总经理',
        titleEn: 'Deputy General Manager of the site',
        fromOn: '2019-01-01',
        isPrimary: true,
      },
    ],
  });
export type CreateAffiliationInput = z.input<typeof createAffiliationInputSchema>;

export const updateAffiliationInputSchema = z
  .object({
    version: z.number().int().min(1),
    organizationId: affiliationFields.organizationId,
    orgUnitId: affiliationFields.orgUnitId,
    titleZh: affiliationFields.titleZh.optional(),
    titleEn: z.string().trim().max(300).optional(),
    fromOn: affiliationFields.fromOn,
    toOn: affiliationFields.toOn,
    isPrimary: z.boolean().optional(),
  })
  .superRefine((v, ctx) => checkAffiliation(v, ctx, true))
  .meta({ examples: [{ version: 1, titleEn: 'General Manager of the site', toOn: '2024-12-31' }] });
export type UpdateAffiliationInput = z.input<typeof updateAffiliationInputSchema>;

export const affiliationOutputSchema = z.object({
  id: z.uuid(),
  personId: z.uuid(),
  organizationId: z.string().nullable(),
  orgUnitId: z.string().nullable(),
  titleZh: z.string(),
  titleEn: z.string(),
  fromOn: z.string().nullable(),
  toOn: z.string().nullable(),
  isPrimary: z.boolean(),
  createdAt: z.string(),
  updatedAt: z.string(),
  version: z.number().int(),
});
export type AffiliationOutput = z.infer<typeof affiliationOutputSchema>;

export const deletePersonInputSchema = z.object({ version: z.coerce.number().int().min(1) });

// ---------------------------------------------------------------- operations

const deletedSchema = z.object({ deleted: z.literal(true) });

const base = '/api/people';

/** The people's operations, served by peopleRoutes and called by the admin. */
export const personOperations = {
  list: defineOperation({
    basePath: base,
    method: 'GET',
    path: '/',
    access: 'records.read',
    summary: 'List people',
    query: personListQuerySchema,
    response: listResultSchema(personListItemSchema),
  }),
  create: defineOperation({
    basePath: base,
    method: 'POST',
    path: '/',
    access: 'records.write',
    summary: 'Add a person',
    body: createPersonInputSchema,
    response: personOutputSchema,
  }),
  get: defineOperation({
    basePath: base,
    method: 'GET',
    path: '/:id',
    access: 'records.read',
    summary: 'Read a person',
    response: personOutputSchema,
  }),
  update: defineOperation({
    basePath: base,
    method: 'PATCH',
    path: '/:id',
    access: 'records.write',
    summary: "Change a person's names or contacts",
    body: updatePersonInputSchema,
    response: personOutputSchema,
  }),
  remove: defineOperation({
    basePath: base,
    method: 'DELETE',
    path: '/:id',
    access: 'records.write',
    summary: 'Delete a person (soft)',
    query: deletePersonInputSchema,
    response: deletedSchema,
  }),
  affiliations: defineOperation({
    basePath: base,
    method: 'GET',
    path: '/:id/affiliations',
    access: 'records.read',
    summary: "A person's titles over time",
    response: z.object({ items: z.array(affiliationOutputSchema) }),
  }),
  addAffiliation: defineOperation({
    basePath: base,
    method: 'POST',
    path: '/:id/affiliations',
    access: 'records.write',
    summary: 'Record a title held at an organization or department',
    body: createAffiliationInputSchema,
    response: affiliationOutputSchema,
  }),
  updateAffiliation: defineOperation({
    basePath: base,
    method: 'PATCH',
    path: '/:id/affiliations/:affId',
    access: 'records.write',
    summary: 'Correct an affiliation',
    body: updateAffiliationInputSchema,
    response: affiliationOutputSchema,
  }),
  removeAffiliation: defineOperation({
    basePath: base,
    method: 'DELETE',
    path: '/:id/affiliations/:affId',
    access: 'records.write',
    summary: 'Remove an affiliation entered by mistake',
    query: deletePersonInputSchema,
    response: deletedSchema,
  }),
};
