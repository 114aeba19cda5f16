import { z } from 'zod';
import { defineOperation } from '../../platform/api-operation.ts';
import { listResultSchema } from '../../platform/list-query.ts';
import {
  engagementTypeSchema,
  organizationRoleSchema,
  outcomeKindSchema,
  participantRoleSchema,
  participantSideSchema,
} from '../engagements/engagements.schema.ts';
import { organizationKindSchema } from '../organizations/organizations.schema.ts';

export const proposalStatuses = ['pending', 'confirmed', 'rejected'] as const;
export const rejectReasons = ['not_cooperation', 'duplicate', 'other'] as const;
export const proposalStatusSchema = z.enum(proposalStatuses);
export const rejectReasonSchema = z.enum(rejectReasons);

/** `GET /api/proposals`: the review queue with its filters. */
export const proposalListQuerySchema = z.object({
  q: z.string().trim().max(200).optional(),
  status: proposalStatusSchema.optional(),
  /** Cooperation (`true`) or not (`false`), as the extractor judged it. */
  cooperation: z.enum(['true', 'false']).optional(),
  type: engagementTypeSchema.optional(),
  /** The year of the event (or of publication when no event date was found). */
  year: z.coerce.number().int().min(1900).max(2100).optional(),
  /** Only proposals at least this sure (0–1). */
  minConfidence: z.coerce.number().min(0).max(1).optional(),
  /** Only proposals at most this sure (0–1): the doubtful ones first. */
  maxConfidence: z.coerce.number().min(0).max(1).optional(),
  sort: z.enum(['eventDate', '-eventDate', 'confidence', '-confidence']).optional(),
  page: z.coerce.number().int().min(1).max(100_000).default(1),
  pageSize: z.coerce.number().int().min(1).max(200).default(20),
});
export type ProposalListQuery = z.input<typeof proposalListQuerySchema>;

const spanSchema = z.object({ start: z.number().int(), end: z.number().int(), text: z.string() });

export const proposalListItemSchema = z.object({
  id: z.uuid(),
  articleId: z.uuid(),
  title: z.string(),
  language: z.enum(['zh-CN', 'en']),
  publishedOn: z.string().nullable(),
  status: proposalStatusSchema,
  isCooperation: z.boolean(),
  eventType: engagementTypeSchema,
  eventDate: z.string().nullable(),
  confidence: z.number(),
  organizations: z.array(z.string()),
  engagementId: z.string().nullable(),
  rejectReason: rejectReasonSchema.nullable(),
  version: z.number().int(),
});
export type ProposalListItem = z.infer<typeof proposalListItemSchema>;

const candidateSchema = z.object({
  personId: z.uuid(),
  nameZh: z.string(),
  nameEn: z.string(),
  side: z.enum(['ours', 'theirs']),
  /** Their title and organization now, to tell namesakes apart. */
  title: z.string().nullable(),
  organizationId: z.string().nullable(),
  organizationName: z.string().nullable(),
});

export const proposalDetailSchema = proposalListItemSchema.extend({
  article: z.object({ id: z.uuid(), title: z.string(), status: z.string(), locale: z.string() }).nullable(),
  /** The text every span indexes into: the title, a blank line, then the body. */
  document: z.string(),
  extraction: z.object({
    isCooperationEvidence: z.array(spanSchema),
    dateEvidence: spanSchema.nullable(),
    eventTypeEvidence: spanSchema.nullable(),
    delegationSize: z.number().nullable(),
    delegationEvidence: spanSchema.nullable(),
    organizations: z.array(
      z.object({
        name: z.string(),
        kind: organizationKindSchema,
        role: organizationRoleSchema,
        evidence: spanSchema,
        /** The registry's partner of that name (in either language, an alias or a former name). */
        match: z
          .object({ id: z.uuid(), nameZh: z.string(), nameEn: z.string(), kind: z.string() })
          .nullable(),
      }),
    ),
    people: z.array(
      z.object({
        name: z.string(),
        title: z.string().nullable(),
        /** The partner named as theirs; null when the person is the college's own. */
        organization: z.string().nullable(),
        side: z.enum(['ours', 'theirs']),
        evidence: spanSchema,
        /** People of that name, the one at the proposed organization first. */
        candidates: z.array(candidateSchema),
      }),
    ),
    placesVisited: z.array(
      z.object({ name: z.string(), evidence: spanSchema, facilityId: z.string().nullable() }),
    ),
    topics: z.array(z.object({ name: z.string(), evidence: spanSchema })),
    outcomes: z.array(z.object({ text: z.string(), evidence: spanSchema })),
  }),
  decidedAt: z.string().nullable(),
});
export type ProposalDetail = z.infer<typeof proposalDetailSchema>;

const text = (max: number) => z.string().trim().max(max);

/**
 * `POST /api/proposals/:id/confirm`: the record as the reviewer accepted or edited it. An
 * organization is an existing partner (`organizationId`) or a new one (`create`); a person is an
 * existing person or a new one, at one of the listed organizations (by `organizationKey`).
 */
export const confirmProposalInputSchema = z
  .object({
    version: z.number().int().min(1),
    type: engagementTypeSchema,
    titleZh: z.string().trim().min(1).max(300),
    titleEn: text(300).optional(),
    startsOn: z.iso.date(),
    location: text(300).nullable().optional(),
    hostOrgUnitId: z.uuid().nullable().optional(),
    summary: text(20_000).nullable().optional(),
    delegationSize: z.number().int().min(0).max(100_000).nullable().optional(),
    topics: z.array(z.string().trim().min(1).max(100)).max(50).default([]),
    facilityIds: z.array(z.uuid()).max(100).default([]),
    organizations: z
      .array(
        z
          .object({
            key: z.string().min(1).max(40),
            organizationId: z.uuid().optional(),
            create: z
              .object({
                kind: organizationKindSchema,
                nameZh: z.string().trim().min(1).max(200),
                nameEn: text(300).default(''),
              })
              .optional(),
            role: organizationRoleSchema.default('partner'),
          })
          .refine((o) => Boolean(o.organizationId) !== Boolean(o.create), {
            message: 'Choose a partner or create one',
            path: ['organizationId'],
          }),
      )
      .max(100)
      .default([]),
    people: z
      .array(
        z
          .object({
            personId: z.uuid().optional(),
            create: z
              .object({ nameZh: z.string().trim().min(1).max(100), nameEn: text(200).default('') })
              .optional(),
            organizationKey: z.string().min(1).max(40).nullable().optional(),
            side: participantSideSchema,
            role: participantRoleSchema.default('attended'),
            titleZh: text(200).nullable().optional(),
            titleEn: text(200).nullable().optional(),
          })
          .refine((p) => Boolean(p.personId) !== Boolean(p.create), {
            message: 'Choose a person or create one',
            path: ['personId'],
          }),
      )
      .max(500)
      .default([]),
    outcomes: z
      .array(
        z.object({ kind: outcomeKindSchema.default('consensus'), text: z.string().trim().min(1).max(5000) }),
      )
      .max(200)
      .default([]),
  })
  .superRefine((v, ctx) => {
    const keys = new Set(v.organizations.map((o) => o.key));
    if (keys.size !== v.organizations.length) {
      ctx.addIssue({
        code: 'custom',
        path: ['organizations'],
        message: 'Each organization needs its own key',
      });
    }
    v.people.forEach((p, i) => {
      if (p.organizationKey && !keys.has(p.organizationKey)) {
        ctx.addIssue({
          code: 'custom',
          path: ['people', i, 'organizationKey'],
          message: 'Not one of the listed organizations',
          params: { code: 'unknown_reference' },
        });
      }
    });
  });
export type ConfirmProposalInput = z.input<typeof confirmProposalInputSchema>;

export const rejectProposalInputSchema = z.object({
  version: z.number().int().min(1),
  reason: rejectReasonSchema.default('other'),
});
export type RejectProposalInput = z.input<typeof rejectProposalInputSchema>;

/** `POST /api/proposals/:id/reopen`: the version of the rejected proposal. */
export const reopenProposalInputSchema = z.object({ version: z.number().int().min(1) });
export type ReopenProposalInput = z.input<typeof reopenProposalInputSchema>;

export const bulkProposalInputSchema = z.object({
  action: z.enum(['reject', 'reopen']),
  reason: rejectReasonSchema.default('not_cooperation'),
  ids: z.array(z.uuid()).min(1).max(200),
});
export type BulkProposalInput = z.input<typeof bulkProposalInputSchema>;

export const confirmProposalOutputSchema = z.object({
  proposal: proposalListItemSchema,
  engagementId: z.uuid(),
  createdOrganizationIds: z.array(z.uuid()),
  createdPersonIds: z.array(z.uuid()),
});

// ---------------------------------------------------------------- operations

const base = '/api/proposals';

export const proposalOperations = {
  list: defineOperation({
    basePath: base,
    method: 'GET',
    path: '/',
    access: 'imports.run',
    summary:
      'The review queue: engagements proposed from articles, filtered by status, cooperation, type, year and confidence',
    query: proposalListQuerySchema,
    response: listResultSchema(proposalListItemSchema),
  }),
  run: defineOperation({
    basePath: base,
    method: 'POST',
    path: '/run',
    access: 'imports.run',
    summary: 'Read every article not yet read and propose the engagement it reports (a background job)',
    body: z.object({}).optional(),
    response: z.object({ queued: z.literal(true), unread: z.number().int() }),
  }),
  bulk: defineOperation({
    basePath: base,
    method: 'POST',
    path: '/bulk',
    access: 'imports.run',
    summary: 'Reject many pending proposals, or reopen many rejected ones, at once',
    body: bulkProposalInputSchema,
    response: z.object({ changed: z.number().int(), skipped: z.number().int() }),
  }),
  get: defineOperation({
    basePath: base,
    method: 'GET',
    path: '/:id',
    access: 'imports.run',
    summary:
      'One proposal: the article text, each proposed value with its evidence span, and registry matches',
    response: proposalDetailSchema,
  }),
  confirm: defineOperation({
    basePath: base,
    method: 'POST',
    path: '/:id/confirm',
    access: 'imports.run',
    summary:
      'Confirm a proposal as edited: creates the engagement, new partners, people and their titles, and links the article, in one transaction',
    body: confirmProposalInputSchema,
    response: confirmProposalOutputSchema,
  }),
  reject: defineOperation({
    basePath: base,
    method: 'POST',
    path: '/:id/reject',
    access: 'imports.run',
    summary: 'Reject a proposal (not cooperation, a duplicate, or wrong)',
    body: rejectProposalInputSchema,
    response: proposalListItemSchema,
  }),
  reopen: defineOperation({
    basePath: base,
    method: 'POST',
    path: '/:id/reopen',
    access: 'imports.run',
    summary: 'Put a rejected proposal back in the queue (undo a rejection)',
    body: reopenProposalInputSchema,
    response: proposalListItemSchema,
  }),
};
