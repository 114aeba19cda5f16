import { z } from 'zod';
import { defineOperation } from '../../platform/api-operation.ts';
import {
  industryCodeOf,
  organizationKinds,
  organizationStatuses,
  regionValueOf,
} from './organizations.values.ts';

export { organizationKinds };

export const organizationKindSchema = z.enum(organizationKinds);
export const organizationStatusSchema = z.enum(organizationStatuses);

/**
 * A unified social credit code as typed: spaces and case forgiven, 18 characters of the code's
 * alphabet. The service adds the check-character test (`uscc.ts`), which schemas cannot import.
 */
export const usccSchema = z
  .string()
  .meta({ examples: ['91310116MA1J8CQ20X'] })
  .transform((v) => v.replace(/[\s-]/g, '').toUpperCase())
  .pipe(
    z.string().regex(/^[0-9A-HJ-NPQRTUWXY]{18}$/, {
      message:
        'A unified social credit code has 18 characters (digits and capital letters except I, O, Z, S, V)',
    }),
  );

/** `YYYY` or `YYYY-MM`. */
export const yearMonthSchema = z.string().regex(/^(19|20)\d{2}(-(0[1-9]|1[0-2]))?$/, {
  message: 'Use YYYY or YYYY-MM',
});

const shortText = (max: number) => z.string().trim().max(max);
/**
 * An industry of the national classification: a code ("C26"), a label as the admin shows it or a
 * name in either language, stored as the code.
 */
export const industrySchema = z
  .string()
  .trim()
  .max(200)
  .meta({ examples: ['C26'] })
  .transform((value, ctx) => {
    if (value === '') return null;
    const code = industryCodeOf(value);
    if (code) return code;
    ctx.addIssue({
      code: 'custom',
      params: { code: 'unknown_industry' },
      message: 'Choose an industry of the national classification (GB/T 4754), e.g. C26',
    });
    return z.NEVER;
  });

/** A region typed in either language, stored by its Chinese name when the list knows it. */
export const regionSchema = shortText(60).transform(regionValueOf);

const codeList = z.array(z.string().trim().min(1).max(60)).max(50);

export const createOrganizationInputSchema = z.object({
  kind: organizationKindSchema,
  nameZh: z.string().trim().min(1).max(200),
  nameEn: shortText(300).default(''),
  aliases: z.array(z.string().trim().min(1).max(200)).max(50).default([]),
  uscc: usccSchema.nullable().optional(),
  industry: industrySchema.nullable().optional(),
  region: regionSchema.nullable().optional(),
  flags: codeList.default([]),
  tags: codeList.default([]),
  parentId: z.uuid().nullable().optional(),
  since: yearMonthSchema.nullable().optional(),
  website: z.url().max(500).nullable().optional(),
  description: shortText(5000).nullable().optional(),
});
export type CreateOrganizationInput = z.input<typeof createOrganizationInputSchema>;

export const updateOrganizationInputSchema = z.object({
  version: z.number().int().min(1),
  kind: organizationKindSchema.optional(),
  nameZh: z.string().trim().min(1).max(200).optional(),
  nameEn: shortText(300).optional(),
  aliases: z.array(z.string().trim().min(1).max(200)).max(50).optional(),
  uscc: usccSchema.nullable().optional(),
  industry: industrySchema.nullable().optional(),
  region: regionSchema.nullable().optional(),
  flags: codeList.optional(),
  tags: codeList.optional(),
  parentId: z.uuid().nullable().optional(),
  since: yearMonthSchema.nullable().optional(),
  website: z.url().max(500).nullable().optional(),
  description: shortText(5000).nullable().optional(),
  status: z.enum(['active', 'archived']).optional(),
});
export type UpdateOrganizationInput = z.input<typeof updateOrganizationInputSchema>;

export const deleteInputSchema = z.object({ version: z.coerce.number().int().min(1) });

export const organizationOutputSchema = z.object({
  id: z.uuid(),
  kind: organizationKindSchema,
  nameZh: z.string(),
  nameEn: z.string(),
  aliases: z.array(z.string()),
  uscc: z.string().nullable(),
  industry: z.string().nullable(),
  region: z.string().nullable(),
  flags: z.array(z.string()),
  tags: z.array(z.string()),
  parentId: z.string().nullable(),
  since: z.string().nullable(),
  website: z.string().nullable(),
  description: z.string().nullable(),
  status: organizationStatusSchema,
  mergedIntoId: z.string().nullable(),
  deletedAt: z.string().nullable(),
  createdAt: z.string(),
  updatedAt: z.string(),
  version: z.number().int(),
});
export type OrganizationOutput = z.infer<typeof organizationOutputSchema>;

export const duplicateOutputSchema = z.object({
  organization: organizationOutputSchema,
  /** 1 for the same credit code or an alias equal to a name, else the trigram similarity. */
  score: z.number(),
  reasons: z.array(z.enum(['same_uscc', 'similar_name', 'alias_match'])),
});
export type DuplicateOutput = z.infer<typeof duplicateOutputSchema>;

// ---------------------------------------------------------------- operations

const base = '/api/organizations';

/** The registry's own operations; the list, changes, partnership, history and merge are `partnerOperations`. */
export const organizationOperations = {
  create: defineOperation({
    basePath: base,
    method: 'POST',
    path: '/',
    access: 'records.write',
    summary: 'Register a partner organization',
    body: createOrganizationInputSchema,
    response: organizationOutputSchema,
  }),
  get: defineOperation({
    basePath: base,
    method: 'GET',
    path: '/:id',
    access: 'records.read',
    summary: 'Read an organization (merged ones too)',
    response: organizationOutputSchema,
  }),
  duplicates: defineOperation({
    basePath: base,
    method: 'GET',
    path: '/:id/duplicates',
    access: 'records.read',
    summary: 'Organizations that may be the same partner (credit code, similar names, aliases)',
    response: z.object({ items: z.array(duplicateOutputSchema) }),
  }),
};
