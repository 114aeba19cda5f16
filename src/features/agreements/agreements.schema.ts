import { z } from 'zod';
import { defineOperation } from '../../platform/api-operation.ts';
import { listResultSchema } from '../../platform/list-query.ts';

export const agreementTypeSchema = z.enum([
  'framework',
  'specific',
  'order_class',
  'training_base',
  'donation',
  'joint_training',
  'mou',
  'other',
]);
export const agreementStatusSchema = z.enum([
  'draft',
  'in_review',
  'signed',
  'active',
  'expired',
  'terminated',
]);
export type AgreementStatus = z.infer<typeof agreementStatusSchema>;
const dateSchema = z.iso.date();

export const agreementPartyInputSchema = z.object({
  /** Null means our college. */
  organizationId: z.uuid().nullable().default(null),
  role: z.enum(['party_a', 'party_b', 'party_c']),
  signatoryPersonId: z.uuid().nullable().default(null),
});

const agreementFields = {
  type: agreementTypeSchema,
  code: z.string().trim().max(100).nullable().optional(),
  titleZh: z.string().trim().min(1).max(300),
  titleEn: z.string().trim().max(300).optional(),
  signedOn: dateSchema.nullable().optional(),
  validFrom: dateSchema.nullable().optional(),
  validTo: dateSchema.nullable().optional(),
  autoRenew: z.boolean().optional(),
  parentId: z.uuid().nullable().optional(),
  ownerOrgUnitId: z.uuid().nullable().optional(),
  notes: z.string().trim().max(5000).nullable().optional(),
  parties: z.array(agreementPartyInputSchema).max(20).optional(),
};

const validRange = (v: { validFrom?: string | null | undefined; validTo?: string | null | undefined }) =>
  !v.validFrom || !v.validTo || v.validFrom <= v.validTo;
const rangeIssue = { message: 'validTo must not be before validFrom', path: ['validTo'] };

export const createAgreementInputSchema = z.object(agreementFields).refine(validRange, rangeIssue);
export type CreateAgreementInput = z.input<typeof createAgreementInputSchema>;

export const updateAgreementInputSchema = z
  .object({
    ...agreementFields,
    type: agreementFields.type.optional(),
    titleZh: agreementFields.titleZh.optional(),
    version: z.number().int().min(1),
  })
  .refine(validRange, rangeIssue);
export type UpdateAgreementInput = z.input<typeof updateAgreementInputSchema>;

export const transitionAgreementInputSchema = z.object({
  to: agreementStatusSchema,
  version: z.number().int().min(1),
});
export type TransitionAgreementInput = z.input<typeof transitionAgreementInputSchema>;

/** The orders the agreement list offers. */
export const agreementSorts = [
  'signedOn',
  '-signedOn',
  'validTo',
  '-validTo',
  'titleZh',
  '-titleZh',
  'createdAt',
  '-createdAt',
] as const;

export const agreementListQuerySchema = z.object({
  q: z.string().trim().max(200).optional(),
  page: z.coerce.number().int().min(1).max(100_000).default(1),
  pageSize: z.coerce.number().int().min(1).max(200).default(20),
  sort: z.enum(agreementSorts).optional(),
  status: agreementStatusSchema.optional(),
  type: agreementTypeSchema.optional(),
  organizationId: z.uuid().optional(),
  /** Agreements signed in this year. */
  signedYear: z.coerce.number().int().min(1900).max(2100).optional(),
});
export type AgreementListQuery = z.input<typeof agreementListQuerySchema>;

export const expiringQuerySchema = z.object({
  within: z.enum(['30', '90', '180']).default('90').transform(Number),
});

export const agreementOutputSchema = z.object({
  id: z.uuid(),
  code: z.string().nullable(),
  type: agreementTypeSchema,
  titleZh: z.string(),
  titleEn: z.string(),
  signedOn: z.string().nullable(),
  validFrom: z.string().nullable(),
  validTo: z.string().nullable(),
  autoRenew: z.boolean(),
  /** Past valid_to a signed or active agreement reads as expired, even before the nightly job. */
  status: agreementStatusSchema,
  parentId: z.string().nullable(),
  sourceEngagementId: z.string().nullable(),
  ownerOrgUnitId: z.string().nullable(),
  notes: z.string().nullable(),
  parties: z.array(
    z.object({
      id: z.string(),
      organizationId: z.string().nullable(),
      role: z.enum(['party_a', 'party_b', 'party_c']),
      signatoryPersonId: z.string().nullable(),
    }),
  ),
  createdAt: z.string(),
  updatedAt: z.string(),
  version: z.number().int(),
});
export type AgreementOutput = z.infer<typeof agreementOutputSchema>;

export const versionInputSchema = z.object({ version: z.coerce.number().int().min(1) });

/** What may be attached to an agreement: the signed scan and annexes. */
export const agreementFileTypes = [
  'application/pdf',
  'image/jpeg',
  'image/png',
  'image/webp',
  'application/msword',
  'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
] as const;

export const agreementFileOutputSchema = z.object({
  id: z.uuid(),
  fileName: z.string(),
  contentType: z.string(),
  byteSize: z.number().int(),
  sha256: z.string(),
  createdAt: z.string(),
});
export type AgreementFileOutput = z.infer<typeof agreementFileOutputSchema>;

// ---------------------------------------------------------------- operations

const base = '/api/agreements';

/** The agreements' operations, served by agreementsRoutes and called by the admin. */
export const agreementOperations = {
  list: defineOperation({
    basePath: base,
    method: 'GET',
    path: '/',
    access: 'records.read',
    summary: 'List agreements',
    query: agreementListQuerySchema,
    response: listResultSchema(agreementOutputSchema),
  }),
  create: defineOperation({
    basePath: base,
    method: 'POST',
    path: '/',
    access: 'records.write',
    summary: 'Record an agreement with its parties',
    body: createAgreementInputSchema,
    response: agreementOutputSchema,
  }),
  expiring: defineOperation({
    basePath: base,
    method: 'GET',
    path: '/expiring',
    access: 'records.read',
    summary: 'Active agreements whose validity ends within 30, 90 or 180 days',
    query: expiringQuerySchema,
    response: listResultSchema(agreementOutputSchema),
  }),
  get: defineOperation({
    basePath: base,
    method: 'GET',
    path: '/:id',
    access: 'records.read',
    summary: 'Read an agreement',
    response: agreementOutputSchema,
  }),
  update: defineOperation({
    basePath: base,
    method: 'PATCH',
    path: '/:id',
    access: 'records.write',
    summary: 'Change an agreement (parties, when given, are replaced)',
    body: updateAgreementInputSchema,
    response: agreementOutputSchema,
  }),
  remove: defineOperation({
    basePath: base,
    method: 'DELETE',
    path: '/:id',
    access: 'records.write',
    summary: 'Delete an agreement (soft; ?version= required)',
    query: versionInputSchema,
  }),
  transition: defineOperation({
    basePath: base,
    method: 'POST',
    path: '/:id/transition',
    access: 'records.write',
    summary: 'Move an agreement along draft → in_review → signed → active → expired | terminated',
    body: transitionAgreementInputSchema,
    response: agreementOutputSchema,
  }),
  files: defineOperation({
    basePath: base,
    method: 'GET',
    path: '/:id/files',
    access: 'records.read',
    summary: 'List the files attached to an agreement',
    response: z.array(agreementFileOutputSchema),
  }),
  attachFile: defineOperation({
    basePath: base,
    method: 'POST',
    path: '/:id/files',
    access: 'records.write',
    summary: 'Attach a file (multipart field `file`: PDF, image or Word, within the API body limit)',
    response: agreementFileOutputSchema,
  }),
  downloadFile: defineOperation({
    basePath: base,
    method: 'GET',
    path: '/:id/files/:fileId',
    access: 'records.read',
    summary: 'Download an attached file',
  }),
  detachFile: defineOperation({
    basePath: base,
    method: 'DELETE',
    path: '/:id/files/:fileId',
    access: 'records.write',
    summary: 'Detach a file from an agreement',
  }),
};
