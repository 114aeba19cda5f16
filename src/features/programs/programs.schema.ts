import { z } from 'zod';
import { defineOperation } from '../../platform/api-operation.ts';
import { listResultSchema } from '../../platform/list-query.ts';
import { dimensions } from '../partnerships/partnerships.values.ts';

/** The cooperation dimension codes of DOMAIN.md: programs use the partnerships' list. */
export const programDimensions = dimensions;

/** The fact codes of DOMAIN.md's reporting section. */
export const factCodes = [
  'order_class_students',
  'co_developed_courses',
  'co_developed_textbooks',
  'enterprise_part_time_teachers',
  'interns_hosted',
  'graduates_hired',
  'donated_equipment_value',
  'tech_service_income',
  'staff_training_person_days',
  'staff_training_hours',
  'teacher_practice_days',
  'training_bases',
  'competitions',
  'fund_amount',
  'scholarship_recipients',
] as const;

export const programStatusSchema = z.enum(['planned', 'running', 'completed', 'cancelled']);
const dateSchema = z.iso.date();
const ids = z.array(z.uuid()).max(100);

const programFields = {
  dimension: z.enum(programDimensions),
  titleZh: z.string().trim().min(1).max(300),
  titleEn: z.string().trim().max(300).optional(),
  status: programStatusSchema.optional(),
  organizationIds: ids.optional(),
  majorIds: ids.optional(),
  leadPersonId: z.uuid().nullable().optional(),
  leadOrgUnitId: z.uuid().nullable().optional(),
  agreementId: z.uuid().nullable().optional(),
  startOn: dateSchema.nullable().optional(),
  endOn: dateSchema.nullable().optional(),
  description: z.string().trim().max(10_000).nullable().optional(),
};
const validRange = (v: { startOn?: string | null | undefined; endOn?: string | null | undefined }) =>
  !v.startOn || !v.endOn || v.startOn <= v.endOn;
const rangeIssue = { message: 'endOn must not be before startOn', path: ['endOn'] };

export const createProgramInputSchema = z.object(programFields).refine(validRange, rangeIssue);
export type CreateProgramInput = z.input<typeof createProgramInputSchema>;

export const updateProgramInputSchema = z
  .object({
    ...programFields,
    dimension: programFields.dimension.optional(),
    titleZh: programFields.titleZh.optional(),
    version: z.number().int().min(1),
  })
  .refine(validRange, rangeIssue);
export type UpdateProgramInput = z.input<typeof updateProgramInputSchema>;

export const programListQuerySchema = z.object({
  q: z.string().trim().max(200).optional(),
  page: z.coerce.number().int().min(1).max(100_000).default(1),
  pageSize: z.coerce.number().int().min(1).max(200).default(20),
  sort: z.enum(['startOn', '-startOn', 'titleZh', '-titleZh', 'createdAt', '-createdAt']).optional(),
  dimension: z.enum(programDimensions).optional(),
  status: programStatusSchema.optional(),
  organizationId: z.uuid().optional(),
  orgUnitId: z.uuid().optional(),
});
export type ProgramListQuery = z.input<typeof programListQuerySchema>;

export const milestoneInputSchema = z.object({
  title: z.string().trim().min(1).max(300),
  dueOn: dateSchema.nullable().optional(),
  doneOn: dateSchema.nullable().optional(),
});
export const updateMilestoneInputSchema = milestoneInputSchema
  .partial()
  .extend({ version: z.number().int().min(1) });

export const factInputSchema = z.object({
  code: z.enum(factCodes),
  year: z.number().int().min(1990).max(2100),
  value: z.number().min(0).max(1e11),
  majorId: z.uuid().nullable().optional(),
  organizationId: z.uuid().nullable().optional(),
  /** The teacher, for `teacher_practice_days` (one of the college's own people). */
  personId: z.uuid().nullable().optional(),
  note: z.string().trim().max(1000).nullable().optional(),
});

export const versionInputSchema = z.object({ version: z.coerce.number().int().min(1) });

export const milestoneOutputSchema = z.object({
  id: z.string(),
  title: z.string(),
  dueOn: z.string().nullable(),
  doneOn: z.string().nullable(),
  version: z.number().int(),
});
export const factOutputSchema = z.object({
  id: z.string(),
  code: z.string(),
  year: z.number().int(),
  value: z.number(),
  majorId: z.string().nullable(),
  organizationId: z.string().nullable(),
  personId: z.string().nullable(),
  note: z.string().nullable(),
  /** The names of the major, partner and teacher (null where the fact names none), for the facts table. */
  majorNameZh: z.string().nullable(),
  majorNameEn: z.string().nullable(),
  organizationNameZh: z.string().nullable(),
  organizationNameEn: z.string().nullable(),
  personNameZh: z.string().nullable(),
  personNameEn: z.string().nullable(),
});

export const programOutputSchema = z.object({
  id: z.uuid(),
  dimension: z.string(),
  titleZh: z.string(),
  titleEn: z.string(),
  status: programStatusSchema,
  organizationIds: z.array(z.string()),
  majorIds: z.array(z.string()),
  leadPersonId: z.string().nullable(),
  leadOrgUnitId: z.string().nullable(),
  agreementId: z.string().nullable(),
  sourceEngagementId: z.string().nullable(),
  startOn: z.string().nullable(),
  endOn: z.string().nullable(),
  description: z.string().nullable(),
  milestones: z.array(milestoneOutputSchema).optional(),
  facts: z.array(factOutputSchema).optional(),
  createdAt: z.string(),
  updatedAt: z.string(),
  version: z.number().int(),
});
export type ProgramOutput = z.infer<typeof programOutputSchema>;

/** A program in a list: with its partners' and lead department's names, so cells need not fetch them. */
export const programListItemSchema = programOutputSchema.extend({
  /** The partners in the order of `organizationIds`. */
  organizations: z.array(
    z.object({ id: z.string(), nameZh: z.string().nullable(), nameEn: z.string().nullable() }),
  ),
  leadOrgUnitNameZh: z.string().nullable(),
  leadOrgUnitNameEn: z.string().nullable(),
});
export type ProgramListItem = z.infer<typeof programListItemSchema>;

// ---------------------------------------------------------------- operations

const base = '/api/programs';

/** The programs' operations, served by programsRoutes and called by the admin. */
export const programOperations = {
  list: defineOperation({
    basePath: base,
    method: 'GET',
    path: '/',
    access: 'records.read',
    summary: 'List programs',
    query: programListQuerySchema,
    response: listResultSchema(programListItemSchema),
  }),
  create: defineOperation({
    basePath: base,
    method: 'POST',
    path: '/',
    access: 'records.write',
    summary: 'Record a program',
    body: createProgramInputSchema,
    response: programOutputSchema,
  }),
  get: defineOperation({
    basePath: base,
    method: 'GET',
    path: '/:id',
    access: 'records.read',
    summary: 'Read a program with milestones and facts',
    response: programOutputSchema,
  }),
  update: defineOperation({
    basePath: base,
    method: 'PATCH',
    path: '/:id',
    access: 'records.write',
    summary: 'Change a program',
    body: updateProgramInputSchema,
    response: programOutputSchema,
  }),
  remove: defineOperation({
    basePath: base,
    method: 'DELETE',
    path: '/:id',
    access: 'records.write',
    summary: 'Delete a program (soft; ?version= required)',
    query: versionInputSchema,
  }),
  addMilestone: defineOperation({
    basePath: base,
    method: 'POST',
    path: '/:id/milestones',
    access: 'records.write',
    summary: 'Add a milestone',
    body: milestoneInputSchema,
    response: programOutputSchema,
  }),
  updateMilestone: defineOperation({
    basePath: base,
    method: 'PATCH',
    path: '/:id/milestones/:mid',
    access: 'records.write',
    summary: 'Change a milestone (e.g. mark it done)',
    body: updateMilestoneInputSchema,
    response: programOutputSchema,
  }),
  removeMilestone: defineOperation({
    basePath: base,
    method: 'DELETE',
    path: '/:id/milestones/:mid',
    access: 'records.write',
    summary: 'Remove a milestone',
  }),
  addFact: defineOperation({
    basePath: base,
    method: 'POST',
    path: '/:id/facts',
    access: 'records.write',
    summary: 'Record a measurable result (fact) for a year',
    body: factInputSchema,
    response: programOutputSchema,
  }),
};
