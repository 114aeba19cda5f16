import { z } from 'zod';

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

export const agreementListQuerySchema = z.object({
  q: z.string().trim().max(200).optional(),
  page: z.coerce.number().int().min(1).max(100_000).default(1),
  pageSize: z.coerce.number().int().min(1).max(200).default(20),
  sort: z
    .enum(['signedOn', '-signedOn', 'validTo', '-validTo', 'titleZh', '-titleZh', 'createdAt', '-createdAt'])
    .optional(),
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
