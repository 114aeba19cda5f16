import { z } from 'zod';
import { organizationKindSchema, organizationOutputSchema } from '../organizations/organizations.schema.ts';
import { dimensions, partnershipStages } from './partnerships.values.ts';

export { dimensions, partnershipStages };

export const dimensionSchema = z.enum(dimensions);
export const partnershipStageSchema = z.enum(partnershipStages);

/** Creates the partnership, or changes it (then `version` is required). */
export const putPartnershipInputSchema = z.object({
  version: z.number().int().min(1).optional(),
  stage: partnershipStageSchema.default('prospect'),
  ownerUserId: z.uuid().nullable().optional(),
  leadOrgUnitId: z.uuid().nullable().optional(),
  dimensions: z.array(dimensionSchema).max(dimensions.length).default([]),
  majorIds: z.array(z.uuid()).max(200).default([]),
  since: z
    .string()
    .regex(/^(19|20)\d{2}(-(0[1-9]|1[0-2]))?$/, { message: 'Use YYYY or YYYY-MM' })
    .nullable()
    .optional(),
  notes: z.string().trim().max(5000).nullable().optional(),
});
export type PutPartnershipInput = z.input<typeof putPartnershipInputSchema>;

export const partnershipOutputSchema = z.object({
  id: z.uuid(),
  organizationId: z.uuid(),
  stage: partnershipStageSchema,
  ownerUserId: z.string().nullable(),
  leadOrgUnitId: z.string().nullable(),
  dimensions: z.array(z.string()),
  majorIds: z.array(z.string()),
  since: z.string().nullable(),
  notes: z.string().nullable(),
  createdAt: z.string(),
  updatedAt: z.string(),
  version: z.number().int(),
});
export type PartnershipOutput = z.infer<typeof partnershipOutputSchema>;

export const organizationSortKeys = ['nameZh', 'nameEn', 'createdAt', 'since'] as const;

export const organizationListQuerySchema = z.object({
  /** Chinese or English name, alias or credit code; near spellings match too. */
  q: z.string().trim().max(200).optional(),
  page: z.coerce.number().int().min(1).max(100_000).default(1),
  pageSize: z.coerce.number().int().min(1).max(200).default(20),
  sort: z.enum(organizationSortKeys.flatMap((k) => [k, `-${k}`]) as [string, ...string[]]).optional(),
  kind: organizationKindSchema.optional(),
  industry: z.string().trim().max(60).optional(),
  region: z.string().trim().max(60).optional(),
  tag: z.string().trim().max(60).optional(),
  flag: z.string().trim().max(60).optional(),
  stage: partnershipStageSchema.optional(),
  dimension: dimensionSchema.optional(),
  /** The partnership's lead department. */
  orgUnitId: z.uuid().optional(),
  /** Merged organizations are left out unless asked for. */
  includeMerged: z.enum(['true', 'false']).optional(),
  /** Partners cooperating since this year (`since` starts with it). */
  sinceYear: z.coerce.number().int().min(1900).max(2100).optional(),
  /** Partners in an active partnership with no engagement on or after this date. */
  notContactedSince: z.iso.date().optional(),
  /** Partnerships now dormant or ended whose stage was last set in this year. */
  lapsedYear: z.coerce.number().int().min(1900).max(2100).optional(),
});
export type OrganizationListQuery = z.input<typeof organizationListQuerySchema>;

export const organizationListItemSchema = organizationOutputSchema.extend({
  stage: partnershipStageSchema.nullable(),
  dimensions: z.array(z.string()),
  leadOrgUnitId: z.string().nullable(),
});
export type OrganizationListItem = z.infer<typeof organizationListItemSchema>;

export const mergeOrganizationInputSchema = z.object({
  intoId: z.uuid(),
  /** The version of the organization being merged away. */
  version: z.number().int().min(1),
});
export type MergeOrganizationInput = z.input<typeof mergeOrganizationInputSchema>;

export const mergeResultSchema = z.object({
  organization: organizationOutputSchema,
  moved: z.record(z.string(), z.number().int()),
});
export type MergeResult = z.infer<typeof mergeResultSchema>;
