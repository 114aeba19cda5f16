import { z } from 'zod';
import { defineOperation } from '../../platform/api-operation.ts';
import { listResultSchema } from '../../platform/list-query.ts';
import { programDimensions } from '../programs/programs.schema.ts';

export const engagementTypeSchema = z.enum([
  'visit_inbound',
  'visit_outbound',
  'meeting',
  'signing',
  'forum',
  'training',
  'competition',
  'ceremony',
  'other',
]);
export const organizationRoleSchema = z.enum(['host', 'guest', 'partner', 'mentioned']);
export const participantSideSchema = z.enum(['ours', 'theirs']);
export const participantRoleSchema = z.enum(['led', 'received', 'attended', 'presided', 'spoke', 'signed']);
export const outcomeKindSchema = z.enum(['consensus', 'signed_document', 'other']);
const dateSchema = z.iso.date();
const timeSchema = z.string().regex(/^([01]\d|2[0-3]):[0-5]\d(:[0-5]\d)?$/, { message: 'Use HH:MM' });
const optionalText = (max: number) => z.string().trim().max(max).nullable().optional();

const engagementFields = z.object({
  type: engagementTypeSchema,
  titleZh: z.string().trim().min(1).max(300),
  titleEn: z.string().trim().max(300).optional(),
  startsOn: dateSchema,
  startsAt: timeSchema.nullable().optional(),
  endsOn: dateSchema.nullable().optional(),
  location: optionalText(300),
  /** The English of place, purpose, summary, topics and outcomes: an English news draft uses them. */
  locationEn: optionalText(300),
  hostOrgUnitId: z.uuid().nullable().optional(),
  purpose: optionalText(5000),
  purposeEn: optionalText(5000),
  summary: optionalText(20_000),
  summaryEn: optionalText(20_000),
  delegationSize: z.number().int().min(0).max(100_000).nullable().optional(),
  topics: z.array(z.string().trim().min(1).max(100)).max(50).optional(),
  topicsEn: z.array(z.string().trim().min(1).max(100)).max(50).optional(),
  facilityIds: z.array(z.uuid()).max(100).optional(),
  organizations: z
    .array(z.object({ organizationId: z.uuid(), role: organizationRoleSchema.default('partner') }))
    .max(100)
    .optional(),
  participants: z
    .array(
      z.object({
        personId: z.uuid(),
        organizationId: z.uuid().nullable().optional(),
        side: participantSideSchema,
        role: participantRoleSchema.default('attended'),
        /** The title held that day; looked up from the person's affiliations when left out. */
        titleZh: optionalText(200),
        titleEn: optionalText(200),
      }),
    )
    .max(500)
    .optional(),
  outcomes: z
    .array(
      z.object({
        /** An existing outcome keeps its id and the records it spawned. */
        id: z.uuid().optional(),
        kind: outcomeKindSchema.default('consensus'),
        text: z.string().trim().min(1).max(5000),
        textEn: optionalText(5000),
      }),
    )
    .max(200)
    .optional(),
});
const validRange = (v: { startsOn: string; endsOn?: string | null | undefined }) =>
  !v.endsOn || v.endsOn >= v.startsOn;
const rangeIssue = { message: 'endsOn must not be before startsOn', path: ['endsOn'] };

export const engagementInputSchema = engagementFields.refine(validRange, rangeIssue);
export type EngagementInput = z.input<typeof engagementInputSchema>;

export const updateEngagementInputSchema = engagementFields
  .extend({ version: z.number().int().min(1) })
  .refine(validRange, rangeIssue);
export type UpdateEngagementInput = z.input<typeof updateEngagementInputSchema>;

const filterFields = {
  q: z.string().trim().max(200).optional(),
  type: engagementTypeSchema.optional(),
  organizationId: z.uuid().optional(),
  orgUnitId: z.uuid().optional(),
  from: dateSchema.optional(),
  to: dateSchema.optional(),
  /** Only engagements a published news article reports (`true`) or none does (`false`). */
  reported: z.enum(['true', 'false']).optional(),
};

export const engagementListQuerySchema = z.object({
  ...filterFields,
  page: z.coerce.number().int().min(1).max(100_000).default(1),
  pageSize: z.coerce.number().int().min(1).max(200).default(20),
  sort: z.enum(['startsOn', '-startsOn', 'title', '-title']).optional(),
});
export type EngagementListQuery = z.input<typeof engagementListQuerySchema>;

export const calendarQuerySchema = z.object({
  ...filterFields,
  month: z.string().regex(/^\d{4}-(0[1-9]|1[0-2])$/, { message: 'Use YYYY-MM' }),
});
export type CalendarQuery = z.input<typeof calendarQuerySchema>;

export const outcomeCommitmentInputSchema = z.object({
  text: z.string().trim().min(1).max(2000).optional(),
  ownerUserId: z.uuid().nullable().optional(),
  ownerOrgUnitId: z.uuid().nullable().optional(),
  dueOn: dateSchema,
  counterpartPersonId: z.uuid().nullable().optional(),
  priority: z.enum(['low', 'normal', 'high']).optional(),
  /** What will show it is done (a report, a signed list, a filed application). */
  evidence: z.string().trim().max(5000).nullable().optional(),
});
export type OutcomeCommitmentInput = z.input<typeof outcomeCommitmentInputSchema>;

export const outcomeAgreementInputSchema = z.object({
  type: z
    .enum([
      'framework',
      'specific',
      'order_class',
      'training_base',
      'donation',
      'joint_training',
      'mou',
      'other',
    ])
    .default('framework'),
  titleZh: z.string().trim().min(1).max(300).optional(),
  titleEn: z.string().trim().max(300).optional(),
  code: z.string().trim().max(100).nullable().optional(),
  ownerOrgUnitId: z.uuid().nullable().optional(),
});
export type OutcomeAgreementInput = z.input<typeof outcomeAgreementInputSchema>;

export const outcomeProgramInputSchema = z.object({
  dimension: z.enum(programDimensions),
  titleZh: z.string().trim().min(1).max(300),
  titleEn: z.string().trim().max(300).optional(),
  majorIds: z.array(z.uuid()).max(100).optional(),
  leadPersonId: z.uuid().nullable().optional(),
  leadOrgUnitId: z.uuid().nullable().optional(),
  startOn: dateSchema.nullable().optional(),
  endOn: dateSchema.nullable().optional(),
  description: z.string().trim().max(10_000).nullable().optional(),
});
export type OutcomeProgramInput = z.input<typeof outcomeProgramInputSchema>;

export const versionInputSchema = z.object({ version: z.coerce.number().int().min(1) });

const engagementSummarySchema = z.object({
  id: z.uuid(),
  type: engagementTypeSchema,
  titleZh: z.string(),
  titleEn: z.string(),
  startsOn: z.string(),
  startsAt: z.string().nullable(),
  endsOn: z.string().nullable(),
  location: z.string().nullable(),
  locationEn: z.string().nullable(),
  hostOrgUnitId: z.string().nullable(),
  /** The host department's names (null without one), so lists show it without fetching it. */
  hostOrgUnitNameZh: z.string().nullable(),
  hostOrgUnitNameEn: z.string().nullable(),
});

export const engagementOutputSchema = engagementSummarySchema.extend({
  purpose: z.string().nullable(),
  purposeEn: z.string().nullable(),
  summary: z.string().nullable(),
  summaryEn: z.string().nullable(),
  delegationSize: z.number().int().nullable(),
  topics: z.array(z.string()),
  topicsEn: z.array(z.string()),
  facilityIds: z.array(z.string()),
  organizations: z.array(
    z.object({
      organizationId: z.string(),
      role: organizationRoleSchema,
      nameZh: z.string().nullable(),
      nameEn: z.string().nullable(),
    }),
  ),
  participants: z.array(
    z.object({
      id: z.string(),
      personId: z.string(),
      organizationId: z.string().nullable(),
      side: participantSideSchema,
      role: participantRoleSchema,
      titleZh: z.string().nullable(),
      titleEn: z.string().nullable(),
      nameZh: z.string().nullable(),
      nameEn: z.string().nullable(),
    }),
  ),
  outcomes: z.array(
    z.object({
      id: z.string(),
      kind: outcomeKindSchema,
      text: z.string(),
      textEn: z.string().nullable(),
      commitmentId: z.string().nullable(),
      agreementId: z.string().nullable(),
      programId: z.string().nullable(),
    }),
  ),
  createdAt: z.string(),
  updatedAt: z.string(),
  version: z.number().int(),
});
export type EngagementOutput = z.infer<typeof engagementOutputSchema>;
export const engagementListItemSchema = engagementSummarySchema.extend({
  summary: z.string().nullable(),
  delegationSize: z.number().int().nullable(),
  version: z.number().int(),
});
export type EngagementListItem = z.infer<typeof engagementListItemSchema>;

export const calendarOutputSchema = z.object({
  month: z.string(),
  days: z.array(z.object({ date: z.string(), items: z.array(engagementSummarySchema) })),
});
export type CalendarOutput = z.infer<typeof calendarOutputSchema>;

// ---------------------------------------------------------------- operations

const base = '/api/engagements';

export const engagementOperations = {
  list: defineOperation({
    basePath: base,
    method: 'GET',
    path: '/',
    access: 'records.read',
    summary: 'List engagements (newest first)',
    query: engagementListQuerySchema,
    response: listResultSchema(engagementListItemSchema),
  }),
  create: defineOperation({
    basePath: base,
    method: 'POST',
    path: '/',
    access: 'records.write',
    summary: 'Record an engagement with organizations, participants and outcomes',
    body: engagementInputSchema,
    response: engagementOutputSchema,
  }),
  calendar: defineOperation({
    basePath: base,
    method: 'GET',
    path: '/calendar',
    access: 'records.read',
    summary: "A month's engagements by day",
    query: calendarQuerySchema,
    response: calendarOutputSchema,
  }),
  get: defineOperation({
    basePath: base,
    method: 'GET',
    path: '/:id',
    access: 'records.read',
    summary: 'Read an engagement with everything recorded about it',
    response: engagementOutputSchema,
  }),
  update: defineOperation({
    basePath: base,
    method: 'PATCH',
    path: '/:id',
    access: 'records.write',
    summary: 'Replace an engagement and its organizations, participants and outcomes',
    body: updateEngagementInputSchema,
    response: engagementOutputSchema,
  }),
  remove: defineOperation({
    basePath: base,
    method: 'DELETE',
    path: '/:id',
    access: 'records.write',
    summary: 'Delete an engagement (soft; ?version= required)',
    query: versionInputSchema,
  }),
  outcomeToCommitment: defineOperation({
    basePath: base,
    method: 'POST',
    path: '/:id/outcomes/:outcomeId/commitment',
    access: 'records.write',
    summary: 'Turn an outcome into a commitment',
    body: outcomeCommitmentInputSchema,
    response: engagementOutputSchema,
  }),
  outcomeToAgreement: defineOperation({
    basePath: base,
    method: 'POST',
    path: '/:id/outcomes/:outcomeId/agreement',
    access: 'records.write',
    summary: 'Turn an outcome into a draft agreement with the partners as parties',
    body: outcomeAgreementInputSchema,
    response: engagementOutputSchema,
  }),
  outcomeToProgram: defineOperation({
    basePath: base,
    method: 'POST',
    path: '/:id/outcomes/:outcomeId/program',
    access: 'records.write',
    summary: 'Turn an outcome into a planned program with the partners',
    body: outcomeProgramInputSchema,
    response: engagementOutputSchema,
  }),
};
