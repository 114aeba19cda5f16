import { z } from 'zod';
import { defineOperation } from '../../platform/api-operation.ts';
import { listResultSchema } from '../../platform/list-query.ts';

export const commitmentStatusSchema = z.enum(['open', 'in_progress', 'done', 'dropped']);
export const commitmentPrioritySchema = z.enum(['low', 'normal', 'high']);
export const commitmentSourceTypeSchema = z.enum(['engagement', 'agreement', 'program']);
const dateSchema = z.iso.date();

const commitmentFields = {
  text: z.string().trim().min(1).max(2000),
  sourceType: commitmentSourceTypeSchema.nullable().optional(),
  sourceId: z.uuid().nullable().optional(),
  ownerUserId: z.uuid().nullable().optional(),
  ownerOrgUnitId: z.uuid().nullable().optional(),
  counterpartPersonId: z.uuid().nullable().optional(),
  organizationId: z.uuid().nullable().optional(),
  dueOn: dateSchema.nullable().optional(),
  priority: commitmentPrioritySchema.optional(),
  status: commitmentStatusSchema.optional(),
  evidence: z.string().trim().max(5000).nullable().optional(),
};

export const createCommitmentInputSchema = z.object(commitmentFields);
export type CreateCommitmentInput = z.input<typeof createCommitmentInputSchema>;

export const updateCommitmentInputSchema = z.object({
  ...commitmentFields,
  text: commitmentFields.text.optional(),
  version: z.number().int().min(1),
});
export type UpdateCommitmentInput = z.input<typeof updateCommitmentInputSchema>;

export const completeCommitmentInputSchema = z.object({
  evidence: z.string().trim().min(1).max(5000),
  version: z.number().int().min(1),
});
export type CompleteCommitmentInput = z.input<typeof completeCommitmentInputSchema>;

export const reassignCommitmentInputSchema = z
  .object({
    ownerUserId: z.uuid().nullable().optional(),
    ownerOrgUnitId: z.uuid().nullable().optional(),
    version: z.number().int().min(1),
  })
  .refine((v) => v.ownerUserId !== undefined || v.ownerOrgUnitId !== undefined, {
    message: 'Give a new owner user or department',
    path: ['ownerUserId'],
    params: { code: 'required' },
  });
export type ReassignCommitmentInput = z.input<typeof reassignCommitmentInputSchema>;

export const versionInputSchema = z.object({ version: z.coerce.number().int().min(1) });

export const commitmentListQuerySchema = z.object({
  q: z.string().trim().max(200).optional(),
  page: z.coerce.number().int().min(1).max(100_000).default(1),
  pageSize: z.coerce.number().int().min(1).max(200).default(20),
  sort: z.enum(['dueOn', '-dueOn', 'createdAt', '-createdAt', 'priority', '-priority']).optional(),
  status: z.enum(['open', 'in_progress', 'done', 'dropped', 'overdue']).optional(),
  ownerUserId: z.uuid().optional(),
  ownerOrgUnitId: z.uuid().optional(),
  organizationId: z.uuid().optional(),
  sourceType: commitmentSourceTypeSchema.optional(),
  sourceId: z.uuid().optional(),
  dueBefore: dateSchema.optional(),
});
export type CommitmentListQuery = z.input<typeof commitmentListQuerySchema>;

export const boardQuerySchema = z.object({ by: z.enum(['owner', 'department']).default('owner') });

export const commitmentOutputSchema = z.object({
  id: z.uuid(),
  text: z.string(),
  sourceType: commitmentSourceTypeSchema.nullable(),
  sourceId: z.string().nullable(),
  ownerUserId: z.string().nullable(),
  ownerOrgUnitId: z.string().nullable(),
  counterpartPersonId: z.string().nullable(),
  organizationId: z.string().nullable(),
  dueOn: z.string().nullable(),
  priority: commitmentPrioritySchema,
  status: commitmentStatusSchema,
  /** Derived at read time: not done or dropped and past due. */
  overdue: z.boolean(),
  evidence: z.string().nullable(),
  completedOn: z.string().nullable(),
  completedById: z.string().nullable(),
  createdAt: z.string(),
  updatedAt: z.string(),
  version: z.number().int(),
});
export type CommitmentOutput = z.infer<typeof commitmentOutputSchema>;

/** The owner's names (null without an owner), so lists and the board show them without fetching them. */
const ownerNameFields = {
  /** The owner user's name (users have one name). */
  ownerUserName: z.string().nullable(),
  ownerOrgUnitNameZh: z.string().nullable(),
  ownerOrgUnitNameEn: z.string().nullable(),
};

/** A commitment in a list: with its owner user's and owner department's names. */
export const commitmentListItemSchema = commitmentOutputSchema.extend(ownerNameFields);
export type CommitmentListItem = z.infer<typeof commitmentListItemSchema>;

const boardItemSchema = commitmentOutputSchema.pick({
  id: true,
  text: true,
  dueOn: true,
  priority: true,
  status: true,
  overdue: true,
});
export const boardOutputSchema = z.object({
  by: z.enum(['owner', 'department']),
  /** Column counts stop here: a count equal to it means "this many or more". */
  countCap: z.number().int(),
  groups: z.array(
    z.object({
      /** The owner user or department id; null for unassigned. */
      key: z.string().nullable(),
      /** The names of the group's owner: the user's when grouped by owner, the department's by department. */
      ...ownerNameFields,
      counts: z.object({ open: z.number(), in_progress: z.number(), done: z.number(), overdue: z.number() }),
      columns: z.object({
        open: z.array(boardItemSchema),
        in_progress: z.array(boardItemSchema),
        done: z.array(boardItemSchema),
        overdue: z.array(boardItemSchema),
      }),
    }),
  ),
});
export type BoardOutput = z.infer<typeof boardOutputSchema>;

export const remindersOutputSchema = z.object({
  overdue: z.array(commitmentOutputSchema),
  dueSoon: z.array(commitmentOutputSchema),
});

// ---------------------------------------------------------------- operations

const base = '/api/commitments';

export const commitmentOperations = {
  list: defineOperation({
    basePath: base,
    method: 'GET',
    path: '/',
    access: 'records.read',
    summary: 'List commitments (status=overdue is derived from the due date)',
    query: commitmentListQuerySchema,
    response: listResultSchema(commitmentListItemSchema),
  }),
  create: defineOperation({
    basePath: base,
    method: 'POST',
    path: '/',
    access: 'records.write',
    summary: 'Record a commitment',
    body: createCommitmentInputSchema,
    response: commitmentOutputSchema,
  }),
  board: defineOperation({
    basePath: base,
    method: 'GET',
    path: '/board',
    access: 'records.read',
    summary: 'Commitments in columns per owner or department',
    query: boardQuerySchema,
    response: boardOutputSchema,
  }),
  reminders: defineOperation({
    basePath: base,
    method: 'GET',
    path: '/reminders',
    access: 'records.read',
    summary: "The caller's overdue commitments and those due within 7 days",
    response: remindersOutputSchema,
  }),
  get: defineOperation({
    basePath: base,
    method: 'GET',
    path: '/:id',
    access: 'records.read',
    summary: 'Read a commitment',
    response: commitmentOutputSchema,
  }),
  update: defineOperation({
    basePath: base,
    method: 'PATCH',
    path: '/:id',
    access: 'records.write',
    summary: 'Change a commitment',
    body: updateCommitmentInputSchema,
    response: commitmentOutputSchema,
  }),
  remove: defineOperation({
    basePath: base,
    method: 'DELETE',
    path: '/:id',
    access: 'records.write',
    summary: 'Delete a commitment (soft; ?version= required)',
    query: versionInputSchema,
  }),
  complete: defineOperation({
    basePath: base,
    method: 'POST',
    path: '/:id/complete',
    access: 'records.write',
    summary: 'Complete a commitment with evidence (records who and when)',
    body: completeCommitmentInputSchema,
    response: commitmentOutputSchema,
  }),
  reassign: defineOperation({
    basePath: base,
    method: 'POST',
    path: '/:id/reassign',
    access: 'records.write',
    summary: 'Give a commitment to another owner or department',
    body: reassignCommitmentInputSchema,
    response: commitmentOutputSchema,
  }),
};
