import { z } from 'zod';
import { defineOperation } from '../../platform/api-operation.ts';
import {
  collegeHostInputSchema,
  collegeOutputSchema,
  createTenantInputSchema,
  updateCollegeInputSchema,
} from '../tenants/tenants.schema.ts';
import { emailSchema, passwordSchema } from '../users/users.schema.ts';

/** A new college with its public site's host name and its first administrator. */
export const createCollegeInputSchema = createTenantInputSchema.omit({ isDefault: true }).extend({
  admin: z.object({
    email: emailSchema,
    name: z.string().trim().min(1).max(100),
    password: passwordSchema,
  }),
});
export type CreateCollegeInput = z.input<typeof createCollegeInputSchema>;

// ---------------------------------------------------------------- operations

const base = '/api/colleges';

/** The colleges of this deployment, for platform administrators only. */
export const collegeOperations = {
  list: defineOperation({
    basePath: base,
    method: 'GET',
    path: '/',
    access: 'tenants.manage',
    summary: 'List the colleges of this deployment with their status and host names',
    response: z.object({ items: z.array(collegeOutputSchema) }),
  }),
  create: defineOperation({
    basePath: base,
    method: 'POST',
    path: '/',
    access: 'tenants.manage',
    summary: 'Add a college with its host name and first administrator',
    body: createCollegeInputSchema,
    response: collegeOutputSchema,
  }),
  get: defineOperation({
    basePath: base,
    method: 'GET',
    path: '/:id',
    access: 'tenants.manage',
    summary: 'Get a college',
    response: collegeOutputSchema,
  }),
  update: defineOperation({
    basePath: base,
    method: 'PATCH',
    path: '/:id',
    access: 'tenants.manage',
    summary: 'Rename a college, or suspend or resume it',
    body: updateCollegeInputSchema,
    response: collegeOutputSchema,
  }),
  addHost: defineOperation({
    basePath: base,
    method: 'POST',
    path: '/:id/hosts',
    access: 'tenants.manage',
    summary: 'Add a host name a college’s public site answers',
    body: collegeHostInputSchema,
    response: collegeOutputSchema,
  }),
  removeHost: defineOperation({
    basePath: base,
    method: 'DELETE',
    path: '/:id/hosts/:host',
    access: 'tenants.manage',
    summary: 'Remove a host name of a college (it keeps at least one)',
    response: collegeOutputSchema,
  }),
};
