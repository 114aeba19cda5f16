import { z } from 'zod';
import { defineOperation } from '../../platform/api-operation.ts';
import { historyItemSchema } from '../../platform/history-item.ts';
import { listResultSchema } from '../../platform/list-query.ts';
import {
  deleteInputSchema,
  organizationKindSchema,
  organizationOutputSchema,
  updateOrganizationInputSchema,
} from '../organizations/organizations.schema.ts';
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

// ---------------------------------------------------------------- operations

const base = '/api/organizations';

/** The partner registry's operations that depend on partnerships, beside `organizationOperations`. */
export const partnerOperations = {
  list: defineOperation({
    basePath: base,
    method: 'GET',
    path: '/',
    access: 'records.read',
    summary: 'List partner organizations with their partnership stage and dimensions',
    query: organizationListQuerySchema,
    response: listResultSchema(organizationListItemSchema),
  }),
  update: defineOperation({
    basePath: base,
    method: 'PATCH',
    path: '/:id',
    access: 'records.write',
    summary: "Change an organization's registry data",
    body: updateOrganizationInputSchema,
    response: organizationOutputSchema,
  }),
  remove: defineOperation({
    basePath: base,
    method: 'DELETE',
    path: '/:id',
    access: 'records.write',
    summary: 'Delete an organization (soft)',
    query: deleteInputSchema,
    response: z.object({ deleted: z.literal(true) }),
  }),
  partnership: defineOperation({
    basePath: base,
    method: 'GET',
    path: '/:id/partnership',
    access: 'records.read',
    summary: 'The partnership with an organization (404 when there is none yet)',
    response: partnershipOutputSchema,
  }),
  putPartnership: defineOperation({
    basePath: base,
    method: 'PUT',
    path: '/:id/partnership',
    access: 'records.write',
    summary: 'Create or change the partnership (send version to change it)',
    body: putPartnershipInputSchema,
    response: partnershipOutputSchema,
  }),
  history: defineOperation({
    basePath: base,
    method: 'GET',
    path: '/:id/history',
    access: 'records.read',
    summary: "The partner's history, newest first: engagements, agreements, programs, commitments, news",
    response: z.object({ items: z.array(historyItemSchema) }),
  }),
  merge: defineOperation({
    basePath: base,
    method: 'POST',
    path: '/:id/merge',
    access: 'records.write',
    summary: 'Merge this organization into another; every reference moves',
    body: mergeOrganizationInputSchema,
    response: mergeResultSchema,
  }),
};
